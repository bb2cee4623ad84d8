/**
 * A real HTTP server on 127.0.0.1 standing in for an alert destination (a Slack /
 * Teams incoming webhook, SendGrid's Mail Send API) that answers, fails, hangs or
 * answers slowly, and records exactly what it received.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { listenOnLoopback } from '../../tools/emulator/loopback-servers';

export type EndpointBehaviour =
  | { readonly type: 'answer'; readonly status: number }
  | { readonly type: 'slow'; readonly status: number; readonly delayMs: number }
  | { readonly type: 'hang' };

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
  /** The body parsed as JSON, or `undefined` when it is not JSON. */
  readonly json: unknown;
}

export interface RunningAlertEndpoint {
  readonly baseUrl: string;
  readonly received: ReceivedRequest[];
  behaviour: EndpointBehaviour;
  close(): Promise<void>;
}

export async function startAlertEndpoint(
  behaviour: EndpointBehaviour = { type: 'answer', status: 200 },
): Promise<RunningAlertEndpoint> {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      endpoint.received.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        text,
        json,
      });
      const current = endpoint.behaviour;
      if (current.type === 'hang') return; // never answers; close() ends the socket
      const send = () => {
        if (response.destroyed) return;
        response.writeHead(current.status, { 'content-type': 'text/plain' });
        response.end(current.status < 300 ? 'ok' : 'failure');
      };
      if (current.type === 'slow') {
        const timer = setTimeout(() => {
          timers.delete(timer);
          send();
        }, current.delayMs);
        timers.add(timer);
      } else {
        send();
      }
    });
  });
  const listening = await listenOnLoopback(server);
  const endpoint: RunningAlertEndpoint = {
    baseUrl: listening.baseUrl,
    received: [],
    behaviour,
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      return listening.close();
    },
  };
  return endpoint;
}

/** A loopback URL whose port had a listener a moment ago and has none now: connections are refused. */
export async function refusedUrl(path = '/'): Promise<string> {
  const { baseUrl, close } = await listenOnLoopback(createNetServer());
  await close();
  return `${baseUrl}${path}`;
}
