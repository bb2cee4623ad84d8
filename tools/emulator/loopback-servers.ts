/**
 * Tiny real servers on 127.0.0.1 (ephemeral ports) for measuring failover: a primary
 * that accepts connections and never answers, and a fallback that answers fixed TwiML.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
  /** e.g. http://127.0.0.1:41234 */
  readonly baseUrl: string;
  close(): Promise<void>;
}

/** The TwiML the stand-in fallback answers: what assets/error.xml says. */
export const STAND_IN_FALLBACK_TWIML =
  '<?xml version="1.0" encoding="UTF-8"?><Response><Say>An application error has occurred. Please call back later.</Say><Hangup/></Response>';

async function listen(server: Server): Promise<LoopbackServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Reads every request and never answers: the "hung primary". */
export function startHungServer(): Promise<LoopbackServer> {
  return listen(
    createServer((req) => {
      req.resume();
    }),
  );
}

/** Answers every request with `STAND_IN_FALLBACK_TWIML`. */
export function startStandInFallback(): Promise<LoopbackServer> {
  return listen(
    createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'Content-Type': 'text/xml' }).end(STAND_IN_FALLBACK_TWIML);
    }),
  );
}
