/**
 * A webhook server on 127.0.0.1 that checks X-Twilio-Signature against ONE account's
 * auth token, as a protected Twilio Function's gateway does (Twilio's Functions "request
 * flow" page) and as an app guarded by twilio-node's `webhook()` does: a request signed
 * with any other token is refused. It stands in for a primary that validates signatures
 * and for a protected fallback of another account.
 */
import { createServer } from 'node:http';
import { validateRequest } from 'twilio/lib/webhooks/webhooks';
import { listenOnLoopback, type LoopbackServer } from '../../tools/emulator/loopback-servers';
import { PROBE_MARKER_PARAM } from '../../src/request/probe-marker';

export interface SeenRequest {
  readonly path: string;
  /** Whether X-Twilio-Signature validated with the server's token. */
  readonly signed: boolean;
  /** Whether the request carried the probe marker (pages nobody). */
  readonly probe: boolean;
}

export interface SignedPrimary extends LoopbackServer {
  /** Every request received, in order. */
  readonly seen: SeenRequest[];
}

/** Paths that answer HTTP 500 whatever the signature: a primary that is down. */
const BROKEN_PATH = '/broken';

export async function startSignedPrimary(
  authToken: string,
  options: {
    /** The status of a refused signature (Twilio's pages say 400 or 403; 401 seen too). */
    readonly refusal?: number;
    /** The TwiML a signed request gets. */
    readonly answer?: string;
  } = {},
): Promise<SignedPrimary> {
  const seen: SeenRequest[] = [];
  let base = '';
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', base);
      // Twilio signs a GET's URL with its query, a POST's URL plus its form parameters.
      const params = request.method === 'POST' ? Object.fromEntries(new URLSearchParams(body)) : {};
      const signed = validateRequest(
        authToken,
        String(request.headers['x-twilio-signature'] ?? ''),
        url.href,
        params,
      );
      const marker = request.method === 'POST' ? params : Object.fromEntries(url.searchParams);
      seen.push({ path: url.pathname, signed, probe: marker[PROBE_MARKER_PARAM] === '1' });
      if (url.pathname.startsWith(BROKEN_PATH)) response.writeHead(500).end('down');
      else if (!signed) response.writeHead(options.refusal ?? 403).end('invalid signature');
      else {
        response
          .writeHead(200, { 'Content-Type': 'text/xml' })
          .end(options.answer ?? '<Response/>');
      }
    });
  });
  const listening = await listenOnLoopback(server);
  base = listening.baseUrl;
  return Object.assign(listening, { seen });
}
