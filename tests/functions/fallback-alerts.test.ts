/**
 * The built fallback bundle, called as the runtime calls it, with alerts configured:
 * the Twilio client comes from `context.getTwilioClient()` and Sync from the global
 * `Runtime.getSync()` (both real twilio-node, pointed at loopback stand-ins). Whatever
 * the channels do, the caller gets the same TwiML within the alert budget.
 */
import { resolve } from 'node:path';
import type { ServerlessCallback } from '@twilio-labs/serverless-runtime-types/types';
import type { AlertWebhookBody } from '../../src/alerts/alert-message';
import { ALERT_MAP_NAME } from '../../src/alerts/sync-ledger';
import { PROJECT_ROOT } from '../support/dev-server';
import { startAlertEndpoint, type RunningAlertEndpoint } from '../support/alert-endpoint';
import { startSyncMapStandIn, type RunningSyncStandIn } from '../support/sync-map-stand-in';
import {
  loopbackTwilioClient,
  startPrism,
  type RunningPrism,
} from '../support/twilio-api-stand-in';
import { parseTwiml, verbsOf } from '../support/twiml-parse';
import { installTwilioGlobals } from '../support/twilio-globals';

type Handler = (context: object, event: object, callback: ServerlessCallback) => Promise<void>;

const { handler } = require(resolve(PROJECT_ROOT, 'dist/functions/fallback.protected.js')) as {
  handler: Handler;
};

const BUDGET_MS = 500;
const SYNC_SERVICE = 'IS' + 'e'.repeat(32);

let prism: RunningPrism;
let sync: RunningSyncStandIn;
let webhook: RunningAlertEndpoint;
let sendgrid: RunningAlertEndpoint;
let hosts = 0;

beforeAll(async () => {
  installTwilioGlobals();
  [prism, sync, webhook, sendgrid] = await Promise.all([
    startPrism('api.twilio.com'),
    startSyncMapStandIn({ maps: [ALERT_MAP_NAME] }),
    startAlertEndpoint(),
    startAlertEndpoint({ type: 'answer', status: 202 }),
  ]);
  const { client } = loopbackTwilioClient({ 'api.twilio.com': prism.baseUrl });
  await client.messages.create({ to: '+14155550123', from: '+14155550111', body: 'warm-up' });
});
afterAll(async () => {
  delete (globalThis as Record<string, unknown>).Runtime;
  await Promise.all([prism.close(), sync.close(), webhook.close(), sendgrid.close()]);
});

let logs: jest.SpyInstance[];
beforeEach(() => {
  webhook.behaviour = { type: 'answer', status: 200 };
  sendgrid.behaviour = { type: 'answer', status: 202 };
  webhook.received.length = 0;
  sendgrid.received.length = 0;
  sync.requests.length = 0;
  sync.delayMs = 0;
  logs = (['log', 'warn', 'error'] as const).map((level) =>
    jest.spyOn(console, level).mockImplementation(() => undefined),
  );
});
afterEach(() => logs.forEach((spy) => spy.mockRestore()));

function loggedLines(): Record<string, unknown>[] {
  return logs.flatMap((spy) => spy.mock.calls.map((call) => JSON.parse(String(call[0]))));
}

/** The runtime's context: environment plus getTwilioClient, as twilio-run builds it. */
function runtimeContext(env: Record<string, string>) {
  const { client, http } = loopbackTwilioClient({
    'api.twilio.com': prism.baseUrl,
    'sync.twilio.com': sync.baseUrl,
  });
  (globalThis as Record<string, unknown>).Runtime = {
    getSync: () => client.sync.v1.services('default'),
  };
  return {
    http,
    context: {
      PATH: '/fallback',
      DOMAIN_NAME: 'guard-1234-dev.twil.io',
      ALERT_SMS_TO: '+14155550123',
      ALERT_SMS_FROM: '+14155550111',
      ALERT_WEBHOOK_URL: `${webhook.baseUrl}/hook`,
      SENDGRID_API_KEY: 'SG.test-key-0123456789',
      SENDGRID_API_URL: sendgrid.baseUrl,
      ALERT_EMAIL_TO: 'oncall@example.com',
      ALERT_EMAIL_FROM: 'alerts@example.com',
      ALERT_BUDGET_MS: String(BUDGET_MS),
      ...env,
      getTwilioClient: () => client,
    },
  };
}

/** A failing host no other test used: the instance's flood control has not seen it. */
function failedCall() {
  hosts += 1;
  return {
    CallSid: 'CA' + '7'.repeat(32),
    From: '+14155550100',
    To: '+14155550199',
    ErrorCode: '11200',
    ErrorUrl: `https://app${hosts}.example.com/voice?token=s3cret`,
  };
}

async function answer(context: object, event: object) {
  let payload: unknown;
  let calls = 0;
  await handler(context, event, (error, result) => {
    calls += 1;
    expect(error).toBeNull();
    payload = result;
  });
  // The handler calls back exactly once, before its promise settles.
  expect(calls).toBe(1);
  return { xml: String(payload) };
}

/** What the caller gets with no alert channel at all: every alerting answer must equal it. */
let plainAnswer = '';
beforeAll(async () => {
  plainAnswer = (await answer({ PATH: '/fallback' }, { ...failedCall(), ErrorUrl: 'x' })).xml;
  expect(verbsOf(parseTwiml(plainAnswer))).toEqual(['Say', 'Hangup']);
});
const PLAIN_ANSWER = () => plainAnswer;

it('alerts on every channel through the runtime’s client and default Sync service', async () => {
  const { context, http } = runtimeContext({});
  const { xml } = await answer(context, failedCall());
  expect(xml).toBe(PLAIN_ANSWER());
  expect(http.sent.filter((r) => r.url.includes('/Messages.json'))).toHaveLength(1);
  expect(webhook.received).toHaveLength(1);
  expect(sendgrid.received).toHaveLength(1);
  expect(sync.requests[0]).toMatchObject({ method: 'POST', map: ALERT_MAP_NAME, status: 201 });
  expect(sync.requests[0]?.key).toMatch(/^window:11200@app\d+\.example\.com$/);
  expect(http.sent.some((r) => r.url.includes('/v1/Services/default/Maps/'))).toBe(true);
  expect(JSON.stringify(webhook.received[0]?.json)).not.toContain('s3cret');
  expect(loggedLines().filter((line) => line.event === 'alert-sent')).toHaveLength(3);
});

it('uses the configured Sync service (SYNC_SERVICE_SID) through context.getTwilioClient()', async () => {
  const { context, http } = runtimeContext({ SYNC_SERVICE_SID: SYNC_SERVICE });
  await answer(context, failedCall());
  expect(http.sent.some((r) => r.url.includes(`/v1/Services/${SYNC_SERVICE}/Maps/`))).toBe(true);
});

const ABANDONED = `abandoned: no answer within the ${BUDGET_MS} ms alert budget`;

describe.each([
  ['hang', { type: 'hang' } as const, ABANDONED],
  ['fail with 503', { type: 'answer', status: 503 } as const, 'HTTP 503'],
  [
    'answer after the budget',
    { type: 'slow', status: 200, delayMs: BUDGET_MS * 3 } as const,
    ABANDONED,
  ],
])('when the webhook and SendGrid %s and Sync hangs', (_label, behaviour, reason) => {
  it('answers the same TwiML, abandons what the budget does not cover, and logs every failure', async () => {
    webhook.behaviour = behaviour;
    sendgrid.behaviour = behaviour;
    sync.delayMs = Number.POSITIVE_INFINITY;
    const { context } = runtimeContext({});
    const { xml } = await answer(context, failedCall());
    expect(xml).toBe(PLAIN_ANSWER());
    const lines = loggedLines();
    expect(lines).toContainEqual(
      expect.objectContaining({
        event: 'flood-control-degraded',
        store: 'memory',
        reason: `Sync did not answer within ${BUDGET_MS / 2} ms`,
      }),
    );
    const failed = lines.filter((line) => line.event === 'alert-channel-failed');
    expect(failed.map((line) => [line.channel, line.reason])).toEqual([
      ['webhook', reason],
      ['email', reason],
    ]);
    expect(lines).toContainEqual(expect.objectContaining({ event: 'alert-sent', channel: 'sms' }));
  });
});

it('without credentials: Sync unavailable is logged, memory decides, the webhook still alerts', async () => {
  delete (globalThis as Record<string, unknown>).Runtime;
  const context = {
    PATH: '/fallback',
    ALERT_WEBHOOK_URL: `${webhook.baseUrl}/hook`,
    ALERT_SMS_TO: '+14155550123',
    ALERT_SMS_FROM: '+14155550111',
    getTwilioClient: () => {
      throw new Error('ACCOUNT_SID and AUTH_TOKEN are required');
    },
  };
  const call = failedCall();
  const first = await answer(context, call);
  const second = await answer(context, call);
  expect(first.xml).toBe(PLAIN_ANSWER());
  expect(second.xml).toBe(PLAIN_ANSWER());
  expect(webhook.received).toHaveLength(1);
  const lines = loggedLines();
  expect(lines).toContainEqual({
    event: 'flood-control-degraded',
    key: `11200@app${hosts}.example.com`,
    store: 'memory',
    reason: 'Sync unavailable: Runtime.getSync() is not available in this runtime',
  });
  expect(lines).toContainEqual(
    expect.objectContaining({
      event: 'alert-channel-failed',
      channel: 'sms',
      reason: 'ACCOUNT_SID and AUTH_TOKEN are required',
    }),
  );
  expect(lines).toContainEqual(
    expect.objectContaining({ event: 'alert-suppressed', store: 'memory', unreported: 1 }),
  );
});

it('accepts the recording status callback: empty Response, voicemail alert with the link', async () => {
  const { context } = runtimeContext({ RECOVERY_MODE: 'voicemail' });
  const recordingUrl = `https://api.twilio.com/2010-04-01/Accounts/AC${'0'.repeat(32)}/Recordings/RE${'8'.repeat(32)}`;
  const { xml } = await answer(context, {
    recoveryStep: 'recording-ready',
    errorCode: '11200',
    caller: '+14155550100',
    CallSid: 'CA' + '7'.repeat(32),
    RecordingSid: 'RE' + '8'.repeat(32),
    RecordingUrl: recordingUrl,
    RecordingStatus: 'completed',
    RecordingDuration: '9',
  });
  expect(verbsOf(parseTwiml(xml))).toEqual([]);
  expect(webhook.received).toHaveLength(1);
  expect(webhook.received[0]?.json as AlertWebhookBody).toMatchObject({
    alert: 'voicemail',
    recordingUrl,
    recordingSeconds: 9,
    from: '+14155550100',
    errorCode: 11200,
  });
  expect(sync.requests).toEqual([]); // a voicemail is never flood-controlled
});
