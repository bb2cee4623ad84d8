/**
 * One HTTP(S) request/response exchange, timed the way Twilio times a webhook:
 * a connect timeout (DNS lookup included), a read timeout that restarts with every
 * packet, and a deadline shared by all attempts. Network failures come back
 * classified as failure modes, never thrown.
 *
 * node:http rather than fetch: it exposes the socket's `connect` event, which is
 * what separates a connect timeout from a read timeout.
 */
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { FailureMode } from './failure-modes';

export interface ExchangeRequest {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
  readonly connectTimeoutMs: number;
  readonly readTimeoutMs: number;
  /** `Date.now()` value after which the exchange is abandoned (the `tt` budget). */
  readonly deadline: number;
  /** Bytes of body kept; a longer body is cut off and flagged. */
  readonly maxBodyBytes: number;
  /** Replaces DNS resolution (tests use it to make a connect hang). */
  readonly lookup?: LookupFunction;
}

export type ExchangeResult =
  | {
      readonly type: 'response';
      readonly status: number;
      readonly contentType: string | undefined;
      readonly location: string | undefined;
      readonly body: Buffer;
      /** The body was longer than `maxBodyBytes`; `body` holds only the start of it. */
      readonly bodyTooLarge: boolean;
    }
  | { readonly type: 'failure'; readonly mode: FailureMode; readonly detail: string };

export function exchange(request: ExchangeRequest): Promise<ExchangeResult> {
  return new Promise((resolve) => {
    const url = new URL(request.url);
    const transport = url.protocol === 'https:' ? https : http;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    let timeoutFailure: { mode: FailureMode; detail: string } | undefined;

    const finish = (result: ExchangeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };

    let req: http.ClientRequest;
    try {
      req = transport.request(url, {
        method: request.method,
        headers: {
          ...request.headers,
          Connection: 'close',
          ...(request.body !== undefined
            ? { 'Content-Length': String(Buffer.byteLength(request.body)) }
            : {}),
        },
        // A fresh connection each time, so every attempt pays (and can fail) its connect.
        agent: false,
        // Node's default CA store: a self-signed certificate is refused, as Twilio refuses it.
        rejectUnauthorized: true,
        ...(request.lookup ? { lookup: request.lookup } : {}),
      });
    } catch (error) {
      // A URL node:http cannot request (another scheme): a failure, never a throw.
      finish({ type: 'failure', ...classifyNetworkError(error as NodeJS.ErrnoException) });
      return;
    }

    /** Set once the response starts: a deadline after that is a slow answer, not a silent one. */
    let answering = false;

    /**
     * Arms the one running timer: the phase limit, or the deadline if that comes first.
     * A deadline that cuts short a connect or a wait for the first byte is reported as
     * that phase's timeout (11205), which is what Twilio shows for a silent primary with
     * the defaults (rt = tt = 15 s). Only an answer still arriving when tt runs out is
     * the total-time error (inferred).
     */
    const arm = (mode: 'connect-timeout' | 'read-timeout', limitMs: number) => {
      clearTimeout(timer);
      if (settled) return;
      const waitMs = Math.max(0, Math.min(limitMs, request.deadline - Date.now()));
      const phase = mode === 'connect-timeout' ? 'ct' : 'rt';
      const cutShort = waitMs < limitMs ? '; tt used up' : '';
      timer = setTimeout(() => {
        timeoutFailure =
          answering && cutShort !== ''
            ? { mode: 'total-timeout', detail: 'answer still arriving when tt was used up' }
            : {
                mode,
                detail:
                  mode === 'connect-timeout'
                    ? `no connection within ${waitMs} ms (${phase}${cutShort})`
                    : `nothing received for ${waitMs} ms (${phase}${cutShort})`,
              };
        req.destroy(new Error(timeoutFailure.detail));
      }, waitMs);
    };
    const restartReadTimer = () => arm('read-timeout', request.readTimeoutMs);

    arm('connect-timeout', request.connectTimeoutMs);
    req.on('socket', (socket) => {
      if (socket.connecting) socket.once('connect', restartReadTimer);
      else restartReadTimer();
    });

    req.on('error', (error: NodeJS.ErrnoException) => {
      finish({ type: 'failure', ...(timeoutFailure ?? classifyNetworkError(error)) });
    });

    req.on('response', (res) => {
      answering = true;
      restartReadTimer();
      const declared = Number(res.headers['content-length']);
      const chunks: Buffer[] = [];
      let size = 0;
      const respond = (bodyTooLarge: boolean) =>
        finish({
          type: 'response',
          status: res.statusCode ?? 0,
          contentType: res.headers['content-type'],
          location: res.headers.location,
          body: Buffer.concat(chunks),
          bodyTooLarge,
        });
      if (Number.isFinite(declared) && declared > request.maxBodyBytes) {
        respond(true);
        req.destroy();
        return;
      }
      res.on('data', (chunk: Buffer) => {
        restartReadTimer();
        size += chunk.length;
        if (size > request.maxBodyBytes) {
          respond(true);
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => respond(false));
      res.on('error', (error: NodeJS.ErrnoException) =>
        finish({ type: 'failure', ...(timeoutFailure ?? classifyNetworkError(error)) }),
      );
    });

    req.end(request.body);
  });
}

const CERT_UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
]);
const DNS_FAILURES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);

/** Maps a Node network or TLS error to the failure mode Twilio would report. */
export function classifyNetworkError(error: NodeJS.ErrnoException): {
  mode: FailureMode;
  detail: string;
} {
  const code = error.code ?? '';
  const detail = code !== '' ? `${code}: ${error.message}` : error.message;
  if (code === 'ECONNREFUSED') return { mode: 'connection-refused', detail };
  if (DNS_FAILURES.has(code)) return { mode: 'dns-failure', detail };
  if (CERT_UNTRUSTED.has(code)) return { mode: 'cert-untrusted', detail };
  if (code === 'CERT_HAS_EXPIRED') return { mode: 'cert-expired', detail };
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return { mode: 'cert-wrong-host', detail };
  if (code.startsWith('HPE_')) return { mode: 'protocol-violation', detail };
  if (code === 'EPROTO' || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) {
    return { mode: 'tls-handshake', detail };
  }
  return { mode: 'connection-failed', detail };
}
