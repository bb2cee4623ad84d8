/** startPrism survives losing its port to another process between choosing and binding it. */
import { createServer } from 'node:net';
import { listenOnLoopback, type LoopbackServer } from '../../tools/emulator/loopback-servers';
import { PRISM_START_ATTEMPTS, startPrism, type RunningPrism } from './twilio-api-stand-in';

let squatter: LoopbackServer;
let prism: RunningPrism | undefined;

beforeAll(async () => {
  squatter = await listenOnLoopback(createServer());
});
afterAll(async () => {
  await Promise.all([prism?.close(), squatter.close()]);
});

it('starts Prism on a new port when the chosen one was taken meanwhile', async () => {
  const chosen: number[] = [];
  prism = await startPrism('api.twilio.com', 30000, async () => {
    // First the port someone else now holds, then a free one.
    if (chosen.length === 0) {
      chosen.push(squatter.port);
      return squatter.port;
    }
    const { port, close } = await listenOnLoopback(createServer());
    await close();
    chosen.push(port);
    return port;
  });
  expect(chosen).toHaveLength(2);
  expect(prism.baseUrl).toBe(`http://127.0.0.1:${chosen[1]}`);
  const answer = await fetch(`${prism.baseUrl}/2010-04-01/Accounts.json`, {
    headers: { authorization: `Basic ${Buffer.from('AC:x').toString('base64')}` },
  });
  expect(answer.status).toBeLessThan(500);
}, 60000);

it(`gives up after ${PRISM_START_ATTEMPTS} taken ports, naming each`, async () => {
  const started = startPrism('api.twilio.com', 30000, () => Promise.resolve(squatter.port));
  await expect(started).rejects.toThrow(
    new RegExp(`did not start in ${PRISM_START_ATTEMPTS} attempts[\\s\\S]*port ${squatter.port}`),
  );
}, 60000);
