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

async function serve(env: Record<string, string>): Promise<RunningDevServer> {
  const server = await startDevServer({
    env: {
      ALERT_WEBHOOK_URL: `${webhook.baseUrl}/hook`,
      ALERT_BUDGET_MS: String(BUDGET_MS),
      ...env,
    },
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

  it('a hanging webhook is abandoned at the budget: the caller still gets the answer', async () => {
    webhook.behaviour = { type: 'hang' };
    const response = await request(server.baseUrl)
      .post('/fallback')
      .type('form')
      .send({
        CallSid: 'CA' + '9'.repeat(32),
        ErrorCode: '11200',
        ErrorUrl: 'https://hung.example.com/voice',
      });
    // The webhook never answers: an answer at all means the alert was abandoned (how
    // long that took is the benchmark's to measure, not a test's on a shared machine).
    expect(verbsOf(parseTwiml(response.text))).toEqual(['Say', 'Dial', 'Number']);
    expect(webhook.received).toHaveLength(1);
  });
});
