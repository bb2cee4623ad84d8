/**
 * `probe --number --sms` judges an SMS Fallback URL by its channel, whatever its path:
 * voice TwiML (this project's `/error.xml`, a third party's `<Say>`) is no answer to a
 * message, while this project's `/error-sms.xml` and `/fallback` and a third party's
 * `<Message>` are. This project's documents come from the real twilio-run dev server
 * over the built Functions (`npm run build` first); the third party is a loopback server
 * answering with the real TwiML classes.
 */
import { createServer } from 'node:http';
import { twiml } from 'twilio';
import { listenOnLoopback, type LoopbackServer } from '../../../tools/emulator/loopback-servers';
import { startDevServer, type RunningDevServer } from '../../support/dev-server';
import { probeNumberOnStandIn } from './probe-harness';

let dev: RunningDevServer;
let thirdParty: LoopbackServer;
/** The Functions run in-process (forkProcess: false): their log lines land here. */
let functionLogs: jest.SpyInstance;

/** A third party's SMS fallback: `/say` answers voice TwiML, `/message` a reply. */
function thirdPartyAnswer(path: string | undefined): string {
  if (path === '/say') return new twiml.VoiceResponse().say('We are closed.').toString();
  const response = new twiml.MessagingResponse();
  response.message('hi');
  return response.toString();
}

beforeAll(async () => {
  functionLogs = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  [dev, thirdParty] = await Promise.all([
    startDevServer({ forkProcess: false }),
    listenOnLoopback(
      createServer((request, response) => {
        request.resume();
        response.writeHead(200, { 'content-type': 'text/xml' });
        response.end(thirdPartyAnswer(request.url));
      }),
    ),
  ]);
}, 60000);

afterAll(async () => {
  functionLogs.mockRestore();
  await Promise.all([dev?.close(), thirdParty?.close()]);
});

const NOT_MESSAGING = (verbs: string) =>
  `not messaging TwiML: ${verbs} in the answer to an SMS (a message takes <Message> and <Redirect> only)`;

describe('probe --number --sms: the SMS Fallback URL', () => {
  it.each<[string, () => string, string, boolean, string]>([
    [
      "this project's voice /error.xml",
      () => `${dev.baseUrl}/error.xml`,
      'GET',
      false,
      NOT_MESSAGING('<Say> <Hangup>'),
    ],
    ["this project's /error-sms.xml", () => `${dev.baseUrl}/error-sms.xml`, 'GET', true, ''],
    ["this project's /fallback Function", () => `${dev.baseUrl}/fallback`, 'POST', true, ''],
    [
      "a third party's <Say>",
      () => `${thirdParty.baseUrl}/say`,
      'POST',
      false,
      NOT_MESSAGING('<Say>'),
    ],
    ["a third party's <Message>", () => `${thirdParty.baseUrl}/message`, 'POST', true, ''],
  ])('%s', async (_name, fallbackUrl, method, pass, detail) => {
    const { code, report } = await probeNumberOnStandIn({
      channel: 'sms',
      number: {
        smsUrl: `${dev.baseUrl}/primary`,
        smsFallbackUrl: fallbackUrl(),
        smsFallbackMethod: method,
      },
    });
    expect(report.results.map((result) => [result.name, result.pass, result.detail])).toEqual([
      ['sms SMS URL', true, ''],
      ['sms SMS Fallback URL', pass, detail],
    ]);
    expect(code).toBe(pass ? 0 : 1);
  });
});
