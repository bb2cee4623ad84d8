/**
 * Recovery modes and alerts end to end: the built Functions under the real
 * twilio-run dev server, driven by the emulator (tools/emulator) playing Twilio —
 * a failing primary, the Fallback URL, `<Redirect>` and `<Record action>` followed —
 * and by direct requests for what the emulator does not follow (`<Dial action>`).
 */
import request from 'supertest';
import { simulate } from '../../tools/emulator/simulate';
import type { AlertWebhookBody } from '../../src/alerts/alert-message';
import {
  startAlertEndpoint,
  refusedUrl,
  type RunningAlertEndpoint,
} from '../support/alert-endpoint';
import { startDevServer, type RunningDevServer } from '../support/dev-server';
import { parseTwiml, verbsOf } from '../support/twiml-parse';

const BUDGET_MS = 600;

let webhook: RunningAlertEndpoint;
let brokenPrimary: string;
const servers: RunningDevServer[] = [];

/**
 * @param inProcess no fork per request: the Function's log lines reach this
 *   process (and a test can read them), as a warm instance's would the Function logs.
 */
async function serve(env: Record<string, string>, inProcess = false): Promise<RunningDevServer> {
  const server = await startDevServer({
    env: {
      ALERT_WEBHOOK_URL: `${webhook.baseUrl}/hook`,
      ALERT_BUDGET_MS: String(BUDGET_MS),
      ...env,
    },
    forkProcess: !inProcess,
  });
  servers.push(server);
  return server;
}

beforeAll(async () => {
  webhook = await startAlertEndpoint();
  brokenPrimary = await refusedUrl('/voice?token=s3cret');
});
afterAll(async () => {
  await Promise.all([webhook.close(), ...servers.map((server) => server.close())]);
});
beforeEach(() => {
  webhook.behaviour = { type: 'answer', status: 200 };
  webhook.received.length = 0;
});

describe('through the emulator: a primary that refuses connections', () => {
  it('message: the caller hears the fallback message; the alert names 11205 with ErrorUrl redacted', async () => {
    const server = await serve({});
    const report = await simulate({
      url: brokenPrimary,
      fallbackUrl: `${server.baseUrl}/fallback`,
      kind: 'voice',
      probeMarker: false, // Twilio exactly: alerted
    });
    expect(report).toMatchObject({
      callerGets: 'fallback-twiml',
      errorCode: 11205,
      verbs: ['Say', 'Hangup'],
    });
    expect(webhook.received).toHaveLength(1);
    const body = webhook.received[0]!.json as AlertWebhookBody;
    expect(body).toMatchObject({
      errorCode: 11205,
      errorUrl: brokenPrimary.replace('s3cret', 'REDACTED'),
      callSid: report.sid,
    });
  });

  it('dial: apology and the backup number; the dialled call itself is not emulated', async () => {
    const server = await serve({ RECOVERY_MODE: 'dial', RECOVERY_DIAL_NUMBER: '+14155550142' });
    const report = await simulate({
      url: brokenPrimary,
      fallbackUrl: `${server.baseUrl}/fallback`,
      kind: 'voice',
    });
    expect(report.verbs).toEqual(['Say', 'Dial', 'Number']);
    expect(report.endReason).toMatch(/Dial action/);
    const dial = parseTwiml(report.twiml ?? '').children[1];
    // Absolute, on the domain the request arrived on (the dev server's DOMAIN_NAME).
    expect(dial?.attributes.action).toBe(`${server.baseUrl}/fallback?recoveryStep=dial-ended`);
  });

  it('voicemail: the caller records, the Record action comes back to the fallback and hangs up', async () => {
    const server = await serve({ RECOVERY_MODE: 'voicemail' });
    const report = await simulate({
      url: brokenPrimary,
      fallbackUrl: `${server.baseUrl}/fallback`,
      kind: 'voice',
      digits: '#',
      probeMarker: false,
    });
    const fallbackAttempts = report.attempts.filter((attempt) =>
      attempt.url.startsWith(server.baseUrl),
    );
    expect(fallbackAttempts.map((attempt) => new URL(attempt.url).search)).toEqual([
      '',
      '?recoveryStep=voicemail-ended',
    ]);
    expect(report.verbs).toEqual(['Hangup']);
    expect(webhook.received).toHaveLength(1); // the failure; the voicemail alert comes with the recording callback
  });

  it('redirect: the call continues on the standby app', async () => {
    // The standby: another service's /primary, a working TwiML app.
    const standbyApp = await serve({});
    const standby = await serve({
      RECOVERY_MODE: 'redirect',
      RECOVERY_REDIRECT_URL: `${standbyApp.baseUrl}/primary`,
    });
    const report = await simulate({
      url: brokenPrimary,
      fallbackUrl: `${standby.baseUrl}/fallback`,
      kind: 'voice',
    });
    expect(report.attempts.map((attempt) => attempt.role)).toEqual([
      'primary',
      'fallback',
      'redirect',
    ]);
    expect(report.twimlUrl).toBe(`${standbyApp.baseUrl}/primary`);
    expect(report.verbs).toEqual(['Say', 'Hangup']);
    expect(parseTwiml(report.twiml ?? '').children[0]?.text).toBe('Thank you for calling.');
  });

  it('redirect loop guard: when the failing URL is the standby itself, the message instead', async () => {
    const server = await serve({ RECOVERY_MODE: 'redirect', RECOVERY_REDIRECT_URL: brokenPrimary });
    const report = await simulate({
      url: brokenPrimary,
      fallbackUrl: `${server.baseUrl}/fallback`,
      kind: 'voice',
    });
    expect(report.attempts.map((attempt) => attempt.role)).toEqual(['primary', 'fallback']);
    expect(report.verbs).toEqual(['Say', 'Hangup']);
  });

  it('messaging: the apology, never a redirect', async () => {
    const server = await serve({
      FALLBACK_SMS_REPLY: 'Sorry, we will reply soon.',
      RECOVERY_MODE: 'redirect',
      RECOVERY_REDIRECT_URL: 'https://standby.example.com/sms',
    });
    const report = await simulate({
      url: brokenPrimary,
      fallbackUrl: `${server.baseUrl}/fallback`,
      kind: 'sms',
      body: 'hi',
    });
    expect(report.verbs).toEqual(['Message']);
  });
});

describe('direct requests', () => {
  let server: RunningDevServer;
  beforeAll(async () => {
    server = await serve({ RECOVERY_MODE: 'dial', RECOVERY_DIAL_NUMBER: '+14155550142' });
  });

  it.each([
    ['no-answer', ['Say', 'Hangup']],
    ['completed', ['Hangup']],
  ])('the Dial action with DialCallStatus=%s', async (status, verbs) => {
    const response = await request(server.baseUrl)
      .post('/fallback?recoveryStep=dial-ended')
      .type('form')
      .send({ CallSid: 'CA' + '9'.repeat(32), DialCallStatus: status });
    expect(response.status).toBe(200);
    expect(verbsOf(parseTwiml(response.text))).toEqual(verbs);
    expect(webhook.received).toEqual([]);
  });

  it('loop guard on its own URL: a failed Dial action comes back as ErrorUrl = the fallback', async () => {
    const response = await request(server.baseUrl)
      .post('/fallback')
      .type('form')
      .send({
        CallSid: 'CA' + '9'.repeat(32),
        ErrorCode: '11200',
        ErrorUrl: `${server.baseUrl}/fallback?recoveryStep=dial-ended`,
      });
    expect(verbsOf(parseTwiml(response.text))).toEqual(['Say', 'Hangup']);
  });
});

describe('in one warm process (the Function’s log lines read here)', () => {
  let logs: jest.SpyInstance[];
  beforeEach(() => {
    logs = (['log', 'warn', 'error'] as const).map((level) =>
      jest.spyOn(console, level).mockImplementation(() => undefined),
    );
  });
  afterEach(() => logs.forEach((spy) => spy.mockRestore()));
  const loggedLines = () =>
    logs
      .flatMap((spy) => spy.mock.calls.map((call) => String(call[0])))
      .filter((text) => text.startsWith('{'))
      .map((text) => JSON.parse(text) as Record<string, unknown>);

  it('a hanging webhook is abandoned at the budget; the caller gets the recovery anyway', async () => {
    const server = await serve(
      { RECOVERY_MODE: 'dial', RECOVERY_DIAL_NUMBER: '+14155550142' },
      true,
    );
    webhook.behaviour = { type: 'hang' };
    const response = await request(server.baseUrl)
      .post('/fallback')
      .type('form')
      .send({
        CallSid: 'CA' + '9'.repeat(32),
        ErrorCode: '11200',
        ErrorUrl: 'https://hung.example.com/voice',
      });
    expect(verbsOf(parseTwiml(response.text))).toEqual(['Say', 'Dial', 'Number']);
    expect(webhook.received).toHaveLength(1); // the alert was really sent...
    expect(loggedLines()).toContainEqual(
      expect.objectContaining({
        event: 'alert-channel-failed',
        channel: 'webhook',
        reason: `abandoned: no answer within the ${BUDGET_MS} ms alert budget`,
      }),
    ); // ...and abandoned at the budget
  });

  it('voicemail with no alert channel: a config problem, logged once, and the message instead', async () => {
    const server = await serve({ RECOVERY_MODE: 'voicemail', ALERT_WEBHOOK_URL: '' }, true);
    const reports = [];
    for (let i = 0; i < 2; i++) {
      reports.push(
        await simulate({
          url: brokenPrimary,
          fallbackUrl: `${server.baseUrl}/fallback`,
          kind: 'voice',
          digits: '#',
        }),
      );
    }
    for (const report of reports) {
      expect(report).toMatchObject({ callerGets: 'fallback-twiml', verbs: ['Say', 'Hangup'] });
    }
    const problems = loggedLines().filter((line) => line.event === 'config-problem');
    expect(problems).toEqual([
      {
        event: 'config-problem',
        variable: 'RECOVERY_MODE',
        problem:
          'RECOVERY_MODE is voicemail but no alert channel is configured (nobody would hear of the recordings); callers get FALLBACK_MESSAGE',
      },
    ]);
    expect(loggedLines().filter((line) => line.event === 'fallback')).toEqual([
      expect.objectContaining({ outcome: 'message', outcomeNote: 'RECOVERY_MODE misconfigured' }),
      expect.objectContaining({ outcome: 'message', outcomeNote: 'RECOVERY_MODE misconfigured' }),
    ]);
  });
});

describe('voicemail with an alert channel, end to end', () => {
  it('the recording-ready callback alerts with the recording’s link', async () => {
    const server = await serve({ RECOVERY_MODE: 'voicemail' });
    // The caller reaches voicemail: the fallback hands out the Record with its callbacks.
    const report = await simulate({
      url: brokenPrimary,
      fallbackUrl: `${server.baseUrl}/fallback`,
      kind: 'voice',
      probeMarker: false,
    });
    expect(report.verbs).toEqual(['Say', 'Record', 'Say', 'Hangup']);
    const record = parseTwiml(report.twiml ?? '').children[1]!;
    const callbackUrl = record.attributes.recordingStatusCallback ?? '';
    expect(callbackUrl).toBe(
      `${server.baseUrl}/fallback?recoveryStep=recording-ready&errorCode=11205&caller=%2B14155550100`,
    );
    const callbackPath = callbackUrl.slice(server.baseUrl.length);
    expect(webhook.received).toHaveLength(1); // the failure itself
    webhook.received.length = 0;

    // Twilio's recording status callback, to the URL the Record named.
    const recordingUrl = `https://api.twilio.com/2010-04-01/Accounts/AC${'0'.repeat(32)}/Recordings/RE${'8'.repeat(32)}`;
    const response = await request(server.baseUrl)
      .post(callbackPath)
      .type('form')
      .send({
        CallSid: report.sid,
        RecordingSid: 'RE' + '8'.repeat(32),
        RecordingUrl: recordingUrl,
        RecordingStatus: 'completed',
        RecordingDuration: '12',
      });
    expect(response.status).toBe(200);
    expect(verbsOf(parseTwiml(response.text))).toEqual([]);
    expect(webhook.received).toHaveLength(1);
    const body = webhook.received[0]!.json as AlertWebhookBody;
    expect(body).toMatchObject({
      alert: 'voicemail',
      callSid: report.sid,
      recordingUrl,
      recordingSeconds: 12,
      errorCode: 11205,
      from: '+14155550100',
    });
    expect(body.text).toContain(`Recording (12 s): ${recordingUrl}`);
  });
});
