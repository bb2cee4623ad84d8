/**
 * Loopback endpoints that hang: they accept the TCP connection and never send a
 * byte. Raw TCP rather than HTTP so the same endpoint hangs an http:// request, a
 * TLS handshake and an HTTP proxy CONNECT alike. Each counts the connections it
 * got, which tells whether a channel was tried at all.
 */
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface HangingEndpoint {
  /** e.g. http://127.0.0.1:41234 */
  readonly baseUrl: string;
  /** Connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

export async function startHangingEndpoint(): Promise<HangingEndpoint> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    // Reads what is sent (so the client's writes complete) and never answers.
    socket.resume();
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    connections: () => accepted,
    close: () =>
      new Promise((resolveClose) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolveClose());
      }),
  };
}
