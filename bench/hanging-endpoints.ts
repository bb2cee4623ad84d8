/**
 * Loopback endpoints that hang: they accept the TCP connection and never send a
 * byte. Raw TCP rather than HTTP so the same endpoint hangs an http:// request, a
 * TLS handshake and an HTTP proxy CONNECT alike. Each counts the connections it
 * got, which tells whether a channel was tried at all.
 */
import { createServer } from 'node:net';
import { listenOnLoopback } from '../tools/emulator/loopback-servers';

export interface HangingEndpoint {
  /** e.g. http://127.0.0.1:41234 */
  readonly baseUrl: string;
  /** Connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

export async function startHangingEndpoint(): Promise<HangingEndpoint> {
  let accepted = 0;
  const server = createServer((socket) => {
    accepted += 1;
    socket.on('error', () => undefined);
    // Reads what is sent (so the client's writes complete) and never answers.
    socket.resume();
  });
  const { baseUrl, close } = await listenOnLoopback(server);
  return { baseUrl, connections: () => accepted, close };
}
