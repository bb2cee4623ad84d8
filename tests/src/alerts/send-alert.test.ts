/**
 * sendAlert end to end on loopback: a webhook and a SendGrid stand-in that answer,
 * fail, refuse, hang or answer slowly; SMS through twilio-node against Prism
 * (Twilio's API contract); Sync through the stateful stand-in. The time budget is
 * asserted by what it does (a channel past it is reported abandoned at the budget),
 * never by wall time: that is `npm run bench`'s job.
 */
import { fallbackAlert, type Alert } from '../../../src/alerts/alert';
import type { AlertWebhookBody } from '../../../src/alerts/alert-message';
import type { AlertServices } from '../../../src/alerts/alert-services';
import { FloodControl } from '../../../src/alerts/flood-control';
import { sendAlert } from '../../../src/alerts/send-alert';
import { ALERT_MAP_NAME } from '../../../src/alerts/sync-ledger';
import { readConfig } from '../../../src/config/read-config';
import { readFallbackRequest } from '../../../src/request/fallback-request';
import {
  refusedUrl,
  startAlertEndpoint,
  type EndpointBehaviour,
  type RunningAlertEndpoint,
} from '../../support/alert-endpoint';
import { startSyncMapStandIn, type RunningSyncStandIn } from '../../support/sync-map-stand-in';
import {
  loopbackTwilioClient,
  startPrism,
  TEST_ACCOUNT_SID,
  type RunningPrism,
} from '../../support/twilio-api-stand-in';

const BUDGET_MS = 400;
const CALL_SID = 'CA' + '3'.repeat(32);
const SERVICE = 'IS' + 'c'.repeat(32);
const ON_CALL = '+14155550123';
const SENDER = '+14155550111';

let prism: RunningPrism;
let sync: RunningSyncStandIn;
let webhook: RunningAlertEndpoint;
let sendgrid: RunningAlertEndpoint;
let clock = 1_750_000_000_000;

beforeAll(async () => {
  [prism, sync, webhook, sendgrid] = await Promise.all([
    startPrism('api.twilio.com'),
    startSyncMapStandIn({ now: () => clock, maps: [ALERT_MAP_NAME] }),
    startAlertEndpoint(),
    startAlertEndpoint({ type: 'answer', status: 202 }),
  ]);
  // Warm up once: Prism's first answer and twilio-node's lazy loading of the API
  // modules take a few hundred ms, which is not what these tests measure.
  const { client } = loopbackTwilioClient({ 'api.twilio.com': prism.baseUrl });
  await client.messages.create({ to: ON_CALL, from: SENDER, body: 'warm-up' });
});
afterAll(() => Promise.all([prism.close(), sync.close(), webhook.close(), sendgrid.close()]));

let logSpies: jest.SpyInstance[];
beforeEach(() => {
  webhook.received.length = 0;
  sendgrid.received.length = 0;
  sync.requests.length = 0;
  sync.delayMs = 0;
  sync.failWith = undefined;
  webhook.behaviour = { type: 'answer', status: 200 };
  sendgrid.behaviour = { type: 'answer', status: 202 };
  clock += 3_600_000; // every test starts in a fresh window
  logSpies = (['log', 'warn', 'error'] as const).map((level) =>
    jest.spyOn(console, level).mockImplementation(() => undefined),
  );
});
afterEach(() => logSpies.forEach((spy) => spy.mockRestore()));

function loggedLines(): Record<string, unknown>[] {
  return logSpies.flatMap((spy) =>
    spy.mock.calls.map((call) => JSON.parse(String(call[0])) as Record<string, unknown>),
  );
}

function env(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ALERT_SMS_TO: ON_CALL,
    ALERT_SMS_FROM: SENDER,
    ALERT_WEBHOOK_URL: `${webhook.baseUrl}/hooks/T000/B000`,
    SENDGRID_API_KEY: 'SG.test-key-0123456789',
    SENDGRID_API_URL: sendgrid.baseUrl,
    ALERT_EMAIL_TO: 'oncall@example.com,backup@example.com',
    ALERT_EMAIL_FROM: 'alerts@example.com',
    ALERT_BUDGET_MS: String(BUDGET_MS),
    ...overrides,
  };
}

function servicesWith(overrides: Partial<AlertServices> = {}) {
  const { client, http } = loopbackTwilioClient({
    'api.twilio.com': prism.baseUrl,
    'sync.twilio.com': sync.baseUrl,
  });
  const services: AlertServices = {
    twilioClient: () => client,
    syncService: () => client.sync.v1.services(SERVICE),
    fetch: (input, init) => fetch(input, init),
    now: () => clock,
    ...overrides,
  };
  return { services, http };
}

function alertFor(code = '11200', errorUrl = 'https://app.example.com/voice?token=s3cret'): Alert {
  return fallbackAlert(
    readFallbackRequest({
      CallSid: CALL_SID,
      From: '+14155550100',
      To: '+14155550199',
      ErrorCode: code,
      ErrorUrl: errorUrl,
    }),
    clock,
  );
}

describe('every channel answering', () => {
  it('sends the same alert by SMS, webhook and e-mail, each exactly once', async () => {
    const { services, http } = servicesWith();
    // What is sent is the point here, not the budget: room for a loaded machine.
    const result = await sendAlert(
      alertFor(),
      readConfig(env({ ALERT_BUDGET_MS: '3000' })).config,
      services,
      new FloodControl(() => clock),
    );
    expect(result.delivered).toBe(true);
    expect(result.outcomes.map(({ name, status }) => [name, status])).toEqual([
      ['sms', 'done'],
      ['webhook', 'done'],
      ['email', 'done'],
    ]);

    const messages = http.sent.filter((request) => request.url.includes('/Messages.json'));
    expect(messages).toEqual([
      {
        method: 'POST',
        url: `${prism.baseUrl}/2010-04-01/Accounts/${TEST_ACCOUNT_SID}/Messages.json`,
        params: {},
        data: { To: ON_CALL, From: SENDER, Body: expect.stringContaining('11200') },
      },
    ]);
    expect(messages[0]?.data.Body).not.toContain('s3cret');
    expect(prism.output()).not.toContain('did not pass the validation rules');

    expect(webhook.received).toHaveLength(1);
    const hook = webhook.received[0]!;
    expect(hook).toMatchObject({ method: 'POST', path: '/hooks/T000/B000' });
    expect(hook.headers['content-type']).toBe('application/json');
    const body = hook.json as AlertWebhookBody;
    expect(body).toEqual({
      text: expect.stringContaining(
        'Fallback answered: 11200 HTTP retrieval failure at app.example.com',
      ),
      alert: 'fallback',
      time: new Date(clock).toISOString(),
      errorCode: 11200,
      errorName: 'HTTP retrieval failure',
      explanation: expect.any(String),
      docsUrl: 'https://www.twilio.com/docs/api/errors/11200',
      errorUrl: 'https://app.example.com/voice?token=REDACTED',
      failingHost: 'app.example.com',
      callSid: CALL_SID,
      messageSid: null,
      from: '+14155550100',
      to: '+14155550199',
      recordingUrl: null,
      recordingSeconds: null,
      suppressed: 0,
      windowSeconds: 300,
    });
    expect(hook.text).not.toContain('s3cret');

    expect(sendgrid.received).toHaveLength(1);
    const mail = sendgrid.received[0]!;
    expect(mail).toMatchObject({ method: 'POST', path: '/v3/mail/send' });
    expect(mail.headers.authorization).toBe('Bearer SG.test-key-0123456789');
    expect(mail.json).toEqual({
      personalizations: [
        { to: [{ email: 'oncall@example.com' }, { email: 'backup@example.com' }] },
      ],
      from: { email: 'alerts@example.com' },
      subject: 'Fallback answered: 11200 HTTP retrieval failure at app.example.com',
      content: [{ type: 'text/plain', value: body.text }],
    });
    expect(mail.text).not.toContain('s3cret');

    const sent = loggedLines().filter((line) => line.event === 'alert-sent');
    expect(sent.map((line) => [line.channel, line.detail])).toEqual([
      ['sms', expect.stringMatching(/^SM/)],
      ['webhook', 'HTTP 200'],
      ['email', 'HTTP 202'],
    ]);
  });

  it('uses a Messaging Service as the SMS sender when ALERT_SMS_FROM is one', async () => {
    const { services, http } = servicesWith();
    const messagingService = 'MG' + 'd'.repeat(32);
    await sendAlert(
      alertFor(),
      readConfig(
        env({
          ALERT_SMS_FROM: messagingService,
          ALERT_WEBHOOK_URL: '',
          SENDGRID_API_KEY: '',
          ALERT_BUDGET_MS: '3000',
        }),
      ).config,
      services,
      new FloodControl(() => clock),
    );
    expect(http.sent.find((request) => request.url.includes('/Messages.json'))?.data).toEqual({
      To: ON_CALL,
      MessagingServiceSid: messagingService,
      Body: expect.any(String),
    });
  });
});

type Fault = readonly [
  label: string,
  behaviour: EndpointBehaviour | 'refuse',
  expected: RegExp | 'done',
];

const FAULTS: readonly Fault[] = [
  ['fails with 500', { type: 'answer', status: 500 }, /^HTTP 500$/],
  ['refuses the key (401)', { type: 'answer', status: 401 }, /^HTTP 401$/],
  ['refuses the connection', 'refuse', /ECONNREFUSED/],
  ['hangs', { type: 'hang' }, /^abandoned: no answer within the 400 ms alert budget$/],
  ['answers after the budget', { type: 'slow', status: 200, delayMs: BUDGET_MS * 3 }, /^abandoned/],
  [
    'answers slowly within the budget',
    { type: 'slow', status: 200, delayMs: BUDGET_MS / 4 },
    'done',
  ],
];

describe.each(FAULTS)('when the webhook and SendGrid %s', (_label, behaviour, expected) => {
  it('the other channels still send; a channel past the budget is abandoned at it', async () => {
    let overrides: Record<string, string> = {};
    if (behaviour === 'refuse') {
      overrides = {
        ALERT_WEBHOOK_URL: await refusedUrl('/hook'),
        SENDGRID_API_URL: await refusedUrl(''),
      };
    } else {
      webhook.behaviour = behaviour;
      sendgrid.behaviour = behaviour;
    }
    const { services } = servicesWith();
    const result = await sendAlert(
      alertFor(),
      readConfig(env(overrides)).config,
      services,
      new FloodControl(() => clock),
    );

    const byChannel = Object.fromEntries(result.outcomes.map((outcome) => [outcome.name, outcome]));
    expect(byChannel.sms?.status).toBe('done');
    const failures = loggedLines().filter((line) => line.event === 'alert-channel-failed');
    if (expected === 'done') {
      expect(byChannel.webhook?.status).toBe('done');
      expect(byChannel.email?.status).toBe('done');
      expect(failures).toEqual([]);
    } else {
      expect(failures.map((line) => line.channel)).toEqual(['webhook', 'email']);
      for (const line of failures) expect(line.reason).toMatch(expected);
    }
    // What reached a listening stand-in was the whole alert, even if it never answered.
    if (behaviour !== 'refuse') {
      expect(
        webhook.received.map((request) => (request.json as AlertWebhookBody).errorCode),
      ).toEqual([11200]);
      expect(sendgrid.received).toHaveLength(1);
    }
  });
});

describe('misconfigured or unavailable services', () => {
  it('fails only the SMS channel, with its reason, when there is no Twilio client', async () => {
    const { services } = servicesWith({
      twilioClient: () => {
        throw new Error('context.getTwilioClient() needs ACCOUNT_SID and AUTH_TOKEN');
      },
    });
    const result = await sendAlert(
      alertFor(),
      readConfig(env()).config,
      services,
      new FloodControl(() => clock),
    );
    expect(result.outcomes.map(({ name, status }) => [name, status])).toEqual([
      ['sms', 'failed'],
      ['webhook', 'done'],
      ['email', 'done'],
    ]);
    expect(loggedLines()).toContainEqual({
      event: 'alert-channel-failed',
      alert: 'fallback',
      channel: 'sms',
      reason: 'context.getTwilioClient() needs ACCOUNT_SID and AUTH_TOKEN',
      ms: expect.any(Number),
    });
  });

  it('keeps a hanging Sync inside the budget: memory decides, channels still send', async () => {
    sync.delayMs = Number.POSITIVE_INFINITY;
    const { services } = servicesWith();
    const result = await sendAlert(
      alertFor(),
      readConfig(env()).config,
      services,
      new FloodControl(() => clock),
    );
    expect(result.decision).toMatchObject({ send: true, store: 'memory' });
    expect(result.outcomes.every((outcome) => outcome.status === 'done')).toBe(true);
    expect(loggedLines()).toContainEqual({
      event: 'flood-control-degraded',
      key: '11200@app.example.com',
      store: 'memory',
      reason: 'Sync did not answer within 200 ms',
    });
  });

  it('does nothing at all, not even a Sync lookup, when no channel is configured', async () => {
    const { services, http } = servicesWith();
    const result = await sendAlert(alertFor(), readConfig({}).config, services);
    expect(result).toEqual({ decision: null, outcomes: [], delivered: false, elapsedMs: 0 });
    expect(http.sent).toEqual([]);
    expect(loggedLines()).toEqual([]);
  });
});

// Only a delivered alert closes a flood window: one webhook 503 or one hanging
// channel must not silence the error for the whole window.
describe.each([
  ['fails with 503', { type: 'answer', status: 503 } as const, /^HTTP 503$/],
  ['hangs', { type: 'hang' } as const, /^abandoned: no answer within the 400 ms alert budget$/],
])('when the only channel %s', (_label, fault, reason) => {
  const webhookOnly = () =>
    readConfig(env({ ALERT_SMS_TO: '', ALERT_SMS_FROM: '', SENDGRID_API_KEY: '' })).config;
  const KEY = '11200@app.example.com';
  const sentBodies = () => webhook.received.map((request) => request.json as AlertWebhookBody);

  it('with Sync: the window item and the taken tally are given back; the next alert reports the count', async () => {
    const { services } = servicesWith();
    const [a, b] = [new FloodControl(() => clock), new FloodControl(() => clock)];
    // An alert delivered by A opens a window; B suppresses twice (writes 1 to the tally
    // at once, holds the second).
    expect((await sendAlert(alertFor(), webhookOnly(), services, a)).delivered).toBe(true);
    await sendAlert(alertFor(), webhookOnly(), services, b);
    await sendAlert(alertFor(), webhookOnly(), services, b);
    expect(sync.items(ALERT_MAP_NAME).get(`tally:${KEY}`)?.data).toEqual({ suppressed: 1 });
    clock += 300_001; // the window has run out

    webhook.behaviour = fault;
    const failed = await sendAlert(alertFor(), webhookOnly(), services, a);
    expect(failed.delivered).toBe(false);
    expect(failed.decision).toMatchObject({ send: true, suppressed: 1, store: 'sync' });
    expect(failed.outcomes[0]).toMatchObject({ name: 'webhook' });
    expect(loggedLines()).toContainEqual(
      expect.objectContaining({
        event: 'alert-channel-failed',
        reason: expect.stringMatching(reason),
      }),
    );
    expect(loggedLines()).toContainEqual({
      event: 'flood-window-returned',
      alert: 'fallback',
      key: KEY,
      store: 'sync',
      unreported: 0,
    });
    expect(sync.items(ALERT_MAP_NAME).has(`window:${KEY}`)).toBe(false);
    expect(sync.items(ALERT_MAP_NAME).get(`tally:${KEY}`)?.data).toEqual({ suppressed: 1 });

    // The next failure, on any instance, alerts and reports every suppression.
    webhook.behaviour = { type: 'answer', status: 200 };
    const next = await sendAlert(alertFor(), webhookOnly(), services, b);
    expect(next.delivered).toBe(true);
    expect(sentBodies().map((body) => body.suppressed)).toEqual([0, 1, 2]);
    expect(sentBodies()[2]?.text).toContain('2 similar alert(s) suppressed');
  });

  it('without Sync: this instance’s memory gives the window and its count back', async () => {
    const { services } = servicesWith({
      syncService: () => {
        throw new Error('no ACCOUNT_SID');
      },
    });
    const flood = new FloodControl(() => clock);
    await sendAlert(alertFor(), webhookOnly(), services, flood);
    await sendAlert(alertFor(), webhookOnly(), services, flood);
    await sendAlert(alertFor(), webhookOnly(), services, flood);
    clock += 300_001;

    webhook.behaviour = fault;
    const failed = await sendAlert(alertFor(), webhookOnly(), services, flood);
    expect(failed).toMatchObject({ delivered: false, decision: { send: true, suppressed: 2 } });
    expect(loggedLines()).toContainEqual({
      event: 'flood-window-returned',
      alert: 'fallback',
      key: KEY,
      store: 'memory',
      unreported: 2,
    });

    webhook.behaviour = { type: 'answer', status: 200 };
    expect((await sendAlert(alertFor(), webhookOnly(), services, flood)).delivered).toBe(true);
    expect(sentBodies().map((body) => body.suppressed)).toEqual([0, 2, 2]);
  });
});

describe('flood: a thousand fallbacks for the same error', () => {
  it('send one alert per channel and window across instances; another code or host gets its own', async () => {
    const { services, http } = servicesWith();
    const config = readConfig(env({ ALERT_BUDGET_MS: '3000' })).config;
    const instances = Array.from({ length: 4 }, () => new FloodControl(() => clock));
    const fire = async (count: number, alert: () => Alert) => {
      // 25 at a time, spread over the instances, as a busy number would hit them.
      for (let start = 0; start < count; start += 25) {
        await Promise.all(
          Array.from({ length: Math.min(25, count - start) }, (_, i) =>
            sendAlert(alert(), config, services, instances[(start + i) % instances.length]),
          ),
        );
      }
    };
    const smsCount = () =>
      http.sent.filter((request) => request.url.includes('/Messages.json')).length;

    await fire(1000, () => alertFor('11200'));
    expect([smsCount(), webhook.received.length, sendgrid.received.length]).toEqual([1, 1, 1]);
    expect(loggedLines().filter((line) => line.event === 'alert-suppressed')).toHaveLength(999);
    // Sync answered every lookup: nothing was decided from one instance's memory
    // (a tally update losing a race to another instance is expected and kept for later).
    expect(
      loggedLines().filter(
        (line) => line.event === 'flood-control-degraded' && line.store !== 'sync',
      ),
    ).toEqual([]);

    await fire(50, () => alertFor('11205'));
    await fire(50, () => alertFor('11200', 'https://standby.example.com/voice'));
    expect([smsCount(), webhook.received.length, sendgrid.received.length]).toEqual([3, 3, 3]);
    expect(
      webhook.received.map((request) => (request.json as AlertWebhookBody).failingHost),
    ).toEqual(['app.example.com', 'app.example.com', 'standby.example.com']);

    // Past the 10 s flush interval each instance writes what it still holds to the
    // shared tally (one after the other here: concurrent writers may lose a race and
    // keep their count for a later write, which makes the report a lower bound);
    // past the window the next alert reports every suppression.
    clock += 11_000;
    for (const instance of instances)
      await sendAlert(alertFor('11200'), config, services, instance);
    clock += 300_000;
    await fire(1, () => alertFor('11200'));
    expect(webhook.received).toHaveLength(4);
    const next = webhook.received[3]!.json as AlertWebhookBody;
    expect(next.suppressed).toBe(999 + 4);
    expect(next.text).toContain(
      '1003 similar alert(s) suppressed since the last one (window 300 s).',
    );
    expect(sync.requests.filter((request) => request.violation !== undefined)).toEqual([]);
  });
});
