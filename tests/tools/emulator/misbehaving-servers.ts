/**
 * Real servers on 127.0.0.1 (ephemeral ports) that answer a webhook in every way a
 * primary can go wrong, and record each request so tests can check exactly what the
 * emulator sent. Shared by the emulator's tests and the end-to-end fault matrix.
 */
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer } from 'node:net';
import selfsigned from 'selfsigned';
import { listenOnLoopback } from '../../../tools/emulator/loopback-servers';

export interface RecordedRequest {
  readonly method: string;
  /** Path and query, as received (a fragment never reaches a server). */
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  /** Form body for POST, query parameters for GET. */
  readonly params: Record<string, string>;
}

export interface TestServer {
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

const VOICE_TWIML =
  '<?xml version="1.0" encoding="UTF-8"?><Response><Say>Hello from the primary</Say><Hangup/></Response>';
const SMS_TWIML =
  '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Hello from the primary</Message></Response>';

function xml(res: ServerResponse, body: string, contentType = 'text/xml'): void {
  res.writeHead(200, { 'Content-Type': contentType }).end(body);
}

type Behaviour = (req: IncomingMessage, res: ServerResponse) => void;

/** Path → what the server does. */
export const BEHAVIOURS: Readonly<Record<string, Behaviour>> = {
  '/twiml/voice': (_req, res) => xml(res, VOICE_TWIML),
  '/twiml/sms': (_req, res) => xml(res, SMS_TWIML),
  '/twiml/application-xml': (_req, res) => xml(res, VOICE_TWIML, 'application/xml; charset=utf-8'),
  '/no-content': (_req, res) => res.writeHead(204).end(),
  '/status/404': (_req, res) =>
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found'),
  '/status/500': (_req, res) =>
    res.writeHead(500, { 'Content-Type': 'text/plain' }).end('Internal Server Error'),
  '/status/503': (_req, res) =>
    res.writeHead(503, { 'Content-Type': 'text/plain' }).end('Service Unavailable'),
  // Accepts, reads the request, never answers.
  '/hang': () => undefined,
  // Answers headers, then one byte every 50 ms, forever: only tt stops it.
  '/drip': (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/xml' });
    const timer = setInterval(() => res.write(' '), 50);
    res.on('close', () => clearInterval(timer));
  },
  '/loop': (_req, res) => res.writeHead(302, { Location: '/loop' }).end(),
  '/hops/3': (_req, res) => res.writeHead(307, { Location: '/hops/2' }).end(),
  '/hops/2': (_req, res) => res.writeHead(301, { Location: '/hops/1' }).end(),
  '/hops/1': (_req, res) => res.writeHead(302, { Location: '/twiml/voice' }).end(),
  // Redirects Twilio does not follow (11216).
  '/redirect-308': (_req, res) => res.writeHead(308, { Location: '/twiml/voice' }).end(),
  '/redirect-300': (_req, res) => res.writeHead(300, { Location: '/twiml/voice' }).end(),
  '/redirect-no-location': (_req, res) => res.writeHead(302).end(),
  '/see-other': (_req, res) => res.writeHead(303, { Location: '/twiml/voice' }).end(),
  // HTTP redirects to schemes nothing may fetch (node:http throws on them).
  '/redirect-to/ftp': (_req, res) =>
    res.writeHead(302, { Location: 'ftp://files.example.com/voice.xml' }).end(),
  '/redirect-to/file': (_req, res) => res.writeHead(301, { Location: 'file:///etc/passwd' }).end(),
  '/redirect-to/javascript': (_req, res) =>
    res.writeHead(307, { Location: 'javascript:alert(1)' }).end(),
  // Valid XML (C1 controls and bidi overrides are allowed there) a terminal would obey.
  '/twiml/terminal-escapes': (_req, res) =>
    xml(res, '<Response><Say>Hi\u009B2J\u202Egnp.exe</Say></Response>'),
  '/twiml/redirect-to-ftp': (_req, res) =>
    xml(res, '<Response><Redirect>ftp://files.example.com/next.xml</Redirect></Response>'),
  '/big': (_req, res) =>
    xml(
      res,
      `<Response>${'<Say>This sentence makes the document long.</Say>'.repeat(1600)}</Response>`,
    ),
  '/html': (_req, res) =>
    xml(
      res,
      '<!DOCTYPE html><html><body><h1>Welcome</h1></body></html>',
      'text/html; charset=utf-8',
    ),
  '/json': (_req, res) => xml(res, '{"say":"Hello"}', 'application/json'),
  '/plain': (_req, res) =>
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end('We are closed.'),
  '/malformed': (_req, res) => xml(res, '<Response><Say>Hello & goodbye</Response>'),
  '/wrong-root': (_req, res) =>
    xml(res, '<?xml version="1.0" encoding="UTF-8"?><Reply><Say>Hello</Say></Reply>'),
  '/gather': (_req, res) =>
    xml(
      res,
      '<Response><Gather action="gather-action" numDigits="1"><Say>Press 1 for sales.</Say></Gather><Say>We did not get your choice.</Say></Response>',
    ),
  '/gather-action': (_req, res) =>
    res.writeHead(500, { 'Content-Type': 'text/plain' }).end('Internal Server Error'),
  '/record': (_req, res) =>
    xml(
      res,
      '<Response><Say>Leave a message.</Say><Record action="/twiml/voice" method="GET"/></Response>',
    ),
  '/redirect-to-failing': (_req, res) =>
    xml(res, '<Response><Say>One moment.</Say><Redirect>/status/503</Redirect></Response>'),
  '/redirect-self': (_req, res) =>
    xml(
      res,
      '<Response><Say>Still here.</Say><Redirect method="GET">redirect-self</Redirect></Response>',
    ),
};

function recordingHandler(
  requests: RecordedRequest[],
  behaviours: Readonly<Record<string, Behaviour>>,
) {
  return (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const params =
        req.method === 'POST'
          ? Object.fromEntries(new URLSearchParams(body))
          : Object.fromEntries(url.searchParams);
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        params,
      });
      const behave = behaviours[url.pathname];
      if (behave) behave(req, res);
      else res.writeHead(404, { 'Content-Type': 'text/plain' }).end('no such behaviour');
    });
  };
}

/** An HTTP server with every behaviour in BEHAVIOURS. */
export async function startMisbehavingServer(): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = createHttpServer(recordingHandler(requests, BEHAVIOURS));
  const { baseUrl, close } = await listenOnLoopback(server);
  return { baseUrl, requests, close };
}

/** HTTPS with a self-signed certificate for 127.0.0.1: valid TwiML Twilio never gets to read. */
export async function startSelfSignedServer(): Promise<TestServer> {
  const pems = await selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  const requests: RecordedRequest[] = [];
  const server = createHttpsServer(
    { key: pems.private, cert: pems.cert },
    recordingHandler(requests, BEHAVIOURS),
  );
  const { baseUrl, close } = await listenOnLoopback(server, { scheme: 'https' });
  return { baseUrl, requests, close };
}

/** A TCP server that answers every connection with text that is not HTTP. */
export async function startNotHttpServer(): Promise<TestServer> {
  const server = createNetServer((socket) => {
    socket.once('data', () => socket.end('SSH-2.0-OpenSSH_9.6\r\nProtocol mismatch.\r\n'));
    socket.on('error', () => undefined);
  });
  const { baseUrl, close } = await listenOnLoopback(server);
  return { baseUrl, requests: [], close };
}

/** A URL on a loopback port nothing listens on (bound, then released). */
export async function refusedUrl(path = '/voice'): Promise<string> {
  const { baseUrl, close } = await listenOnLoopback(createNetServer());
  await close();
  return `${baseUrl}${path}`;
}

/**
 * A primary with controlled latency: the n-th request (0-based) gets voice TwiML after
 * `delayFor(n)` ms, or HTTP 500 when `failAt` is n. Records every request.
 */
export async function startPacedServer(
  delayFor: (index: number) => number,
  failAt?: number,
): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const paced: Behaviour = (_req, res) => {
    const index = requests.length - 1;
    if (index === failAt) {
      BEHAVIOURS['/status/500']?.(_req, res);
      return;
    }
    const timer = setTimeout(() => xml(res, VOICE_TWIML), delayFor(index));
    res.on('close', () => clearTimeout(timer));
  };
  const server = createHttpServer(recordingHandler(requests, { '/paced': paced }));
  const { baseUrl, close } = await listenOnLoopback(server);
  return { baseUrl, requests, close };
}
