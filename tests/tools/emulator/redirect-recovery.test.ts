/**
 * The redirect recovery mode, whole path, emulator and fallback Function together
 * (the built Functions under the real twilio-run dev server; `npm run build` first):
 * primary fails → fallback answers <Redirect> to the standby → the standby fails →
 * Twilio requests the fallback again with ErrorUrl = the standby (inferred: a mid-call
 * fetch failure goes to the number's fallback) → the loop guard answers the message.
 */
import { simulate } from '../../../tools/emulator/simulate';
import { startDevServer, type RunningDevServer } from '../../support/dev-server';
import { startMisbehavingServer, refusedUrl, type TestServer } from './misbehaving-servers';

let guard: RunningDevServer;
let standby: TestServer;
let functionLogs: jest.SpyInstance;

beforeAll(async () => {
  functionLogs = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  standby = await startMisbehavingServer();
  guard = await startDevServer({
    forkProcess: false,
    env: {
      RECOVERY_MODE: 'redirect',
      // A standby that is down: every request gets HTTP 503.
      RECOVERY_REDIRECT_URL: `${standby.baseUrl}/status/503`,
    },
  });
}, 60000);
afterAll(async () => {
  functionLogs.mockRestore();
  await Promise.all([guard?.close(), standby?.close()]);
});

it('a failing standby brings the call back to the fallback, which then plays the message', async () => {
  const primary = await refusedUrl('/voice');
  const report = await simulate({
    url: primary,
    fallbackUrl: `${guard.baseUrl}/fallback`,
    kind: 'voice',
  });
  expect(
    report.attempts.map((attempt) => [
      attempt.role,
      attempt.url,
      attempt.status,
      attempt.errorCode,
    ]),
  ).toEqual([
    ['primary', primary, null, 11205],
    ['fallback', `${guard.baseUrl}/fallback`, 200, null],
    ['redirect', `${standby.baseUrl}/status/503`, 503, 11200],
    ['fallback', `${guard.baseUrl}/fallback`, 200, null],
  ]);
  // What the standby was sent, and what Twilio reports for its failure.
  expect(standby.requests).toHaveLength(1);
  expect(report).toMatchObject({
    callerGets: 'fallback-twiml',
    errorCode: 11200,
    errorUrl: `${standby.baseUrl}/status/503`,
    twimlUrl: `${guard.baseUrl}/fallback`,
    verbs: ['Say', 'Hangup'],
    endReason: '<Hangup> ends the call',
  });
});
