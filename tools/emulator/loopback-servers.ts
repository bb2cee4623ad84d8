/**
 * Tiny real servers on 127.0.0.1 (ephemeral ports) for measuring failover: a primary
 * that accepts connections and never answers, and a fallback that answers fixed TwiML.
 * `listenOnLoopback` is how every loopback server in tools, bench and tests listens.
 */
import { createServer } from 'node:http';
import type { AddressInfo, Server, Socket } from 'node:net';

export interface LoopbackServer {
  /** e.g. http://127.0.0.1:41234 */
  readonly baseUrl: string;
  readonly port: number;
  /** Ends every open connection, then stops listening. */
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 and an ephemeral port (never a fixed one: other runs share the
 * machine). Works for any `net.Server` (http, https, raw TCP). `close()` destroys the
 * open connections first, because a hung or kept-alive connection would otherwise
 * keep `server.close()` waiting for ever.
 */
export async function listenOnLoopback(
  server: Server,
  options: { readonly scheme?: 'http' | 'https'; readonly port?: number } = {},
): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `${options.scheme ?? 'http'}://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The TwiML the stand-in fallback answers: what assets/error.xml says. */
export const STAND_IN_FALLBACK_TWIML =
  '<?xml version="1.0" encoding="UTF-8"?><Response><Say>An application error has occurred. Please call back later.</Say><Hangup/></Response>';

/** Reads every request and never answers: the "hung primary". */
export function startHungServer(): Promise<LoopbackServer> {
  return listenOnLoopback(
    createServer((req) => {
      req.resume();
    }),
  );
}

/** Answers every request with `STAND_IN_FALLBACK_TWIML`. */
export function startStandInFallback(): Promise<LoopbackServer> {
  return listenOnLoopback(
    createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'Content-Type': 'text/xml' }).end(STAND_IN_FALLBACK_TWIML);
    }),
  );
}
