/**
 * `/events` through the real twilio-run dev server: signed Event Streams deliveries
 * in, alerts out at loopback endpoints (a Slack-style webhook and a PagerDuty
 * Events API v2 stand-in whose bodies are checked against PagerDuty's schema).
 */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import request from 'supertest';
import type { AlertWebhookBody } from '../../src/alerts/alert-message';
import { PROBE_EVENT_EXTENSION } from '../../src/request/probe-marker';
import { sampleErrorLogEvent } from '../../tools/events/error-log-event-sample';
import { signedDelivery } from '../../tools/events/signed-delivery';
import { startAlertEndpoint, type RunningAlertEndpoint } from '../support/alert-endpoint';
import { startDevServer, type RunningDevServer } from '../support/dev-server';
import pagerDutySchema from '../support/pagerduty-events-v2.schema.json';
import fixture from '../fixtures/error-log-event.json';

const AUTH_TOKEN = 'test-auth-token-0123456789abcdef';
const ROUTING_KEY = 'R0ut1ngKey0123456789abcdef012345';
/** The dev server's DOMAIN_NAME is its configured url without the port (127.0.0.1). */
const SIGNED_DESTINATION = 'http://127.0.0.1/events';

const validatePagerDuty = addFormats(new Ajv({ allErrors: true })).compile(pagerDutySchema);

let server: RunningDevServer;
let webhook: RunningAlertEndpoint;
let pagerDuty: RunningAlertEndpoint;

beforeAll(async () => {
  [webhook, pagerDuty] = await Promise.all([
    startAlertEndpoint(),
    startAlertEndpoint({ type: 'answer', status: 202 }),
  ]);
  server = await startDevServer({
    env: {
      AUTH_TOKEN,
      ALERT_WEBHOOK_URL: `${webhook.baseUrl}/hook`,
      PAGERDUTY_ROUTING_KEY: ROUTING_KEY,
      PAGERDUTY_EVENTS_URL: `${pagerDuty.baseUrl}/v2/enqueue`,
      ALERT_BUDGET_MS: '1500',
    },
  });
});
afterAll(async () => {
  await Promise.all([server?.close(), webhook?.close(), pagerDuty?.close()]);
});
beforeEach(() => {
  webhook.received.length = 0;
  pagerDuty.received.length = 0;
});

let hosts = 0;
/** A failing host no other test used (each request is a fresh process, but be explicit). */
function failingUrl(): string {
  hosts += 1;
  return `https://app${hosts}.example.com/voice?token=s3cret`;
}

async function deliver(events: readonly unknown[], token = AUTH_TOKEN) {
  const signed = signedDelivery(SIGNED_DESTINATION, events, token);
  const { pathname, search } = new URL(signed.url);
  return request(server.baseUrl).post(`${pathname}${search}`).set(signed.headers).send(signed.body);
}

function webhookBodies(): AlertWebhookBody[] {
  return webhook.received.map((received) => received.json as AlertWebhookBody);
}

it('alerts once on every channel for one signed error event, redacted and explained', async () => {
  const url = failingUrl();
  const response = await deliver([sampleErrorLogEvent({ errorCode: '11200', webhookUrl: url })]);
  expect(response.status).toBe(200);
  expect(response.body).toMatchObject({ received: 1, accepted: 1 });
  expect(webhookBodies()).toHaveLength(1);
  const [body] = webhookBodies();
  expect(body).toMatchObject({
    alert: 'error-event',
    errorCode: 11200,
    errorName: 'HTTP retrieval failure',
    failingHost: new URL(url).host,
    level: 'ERROR',
    occurrences: { count: 1, seconds: 0 },
  });
  expect(body?.errorUrl).toBe(`https://${new URL(url).host}/voice?token=REDACTED`);
  expect(JSON.stringify(body)).not.toContain('s3cret');

  expect(pagerDuty.received).toHaveLength(1);
  const trigger = pagerDuty.received[0]?.json;
  expect(validatePagerDuty(trigger)).toBe(true);
  expect(validatePagerDuty.errors ?? []).toEqual([]);
  expect(trigger).toMatchObject({
    routing_key: ROUTING_KEY,
    event_action: 'trigger',
    dedup_key: `11200@${new URL(url).host}`,
    payload: { severity: 'error', source: new URL(url).host },
  });
});

it('a probe-marked delivery (npm run simulate -- --events-url) is answered and pages nobody', async () => {
  const url = failingUrl();
  const event = () => sampleErrorLogEvent({ errorCode: '11200', webhookUrl: url });
  const probe = await deliver(
    Array.from({ length: 5 }, () => ({ ...event(), [PROBE_EVENT_EXTENSION]: '1' })),
  );
  expect(probe.status).toBe(200);
  expect(probe.body).toEqual({ received: 5, accepted: 0, alerts: [] });
  expect(webhook.received).toHaveLength(0);
  expect(pagerDuty.received).toHaveLength(0);
  // The same event from Twilio (no marker) pages.
  const real = await deliver([event()]);
  expect(real.body).toMatchObject({ received: 1, accepted: 1 });
  expect(webhookBodies()).toEqual([expect.objectContaining({ failingHost: new URL(url).host })]);
});

it('the documented webhook-failure event (fixture) alerts with its code and host', async () => {
  const response = await deliver([fixture.webhookFailure]);
  expect(response.status).toBe(200);
  expect(webhookBodies()).toEqual([
    expect.objectContaining({
      errorCode: 11200,
      failingHost: 'app.example.com',
      callSid: 'CA' + '1'.repeat(32),
    }),
  ]);
});

it('a delivery of many events sends one alert per flood key, each with its count', async () => {
  const first = failingUrl();
  const second = failingUrl();
  const events = [
    ...Array.from({ length: 3 }, () =>
      sampleErrorLogEvent({ errorCode: '11200', webhookUrl: first }),
    ),
    ...Array.from({ length: 2 }, () =>
      sampleErrorLogEvent({ errorCode: '11205', webhookUrl: second }),
    ),
  ];
  const response = await deliver(events);
  expect(response.status).toBe(200);
  const counts = webhookBodies()
    .map((body) => [body.errorCode, body.failingHost, body.occurrences?.count])
    .sort();
  expect(counts).toEqual([
    [11200, new URL(first).host, 3],
    [11205, new URL(second).host, 2],
  ]);
  expect(pagerDuty.received).toHaveLength(2);
});

it('200 identical events in one delivery: one alert saying how many times in how long', async () => {
  const url = failingUrl();
  const start = Date.parse('2026-01-01T10:00:00.000Z');
  const events = Array.from({ length: 200 }, (_, index) =>
    sampleErrorLogEvent({
      errorCode: '11200',
      webhookUrl: url,
      // spread over 60 s, in no particular order
      dateCreated: new Date(start + ((index * 37) % 61) * 1000).toISOString(),
    }),
  );
  const response = await deliver(events);
  expect(response.status).toBe(200);
  expect(webhookBodies()).toHaveLength(1);
  expect(webhookBodies()[0]?.occurrences).toEqual({ count: 200, seconds: 60 });
  expect(webhookBodies()[0]?.text).toContain('200 times in 60 s');
  expect(pagerDuty.received).toHaveLength(1);
});

it('refuses a forged signature with 403 and alerts nobody', async () => {
  const response = await deliver(
    [sampleErrorLogEvent({ errorCode: '11200', webhookUrl: failingUrl() })],
    'not-the-auth-token-0123456789',
  );
  expect(response.status).toBe(403);
  expect(webhook.received).toEqual([]);
  expect(pagerDuty.received).toEqual([]);
});

it('refuses a genuine signature over a different body (tampered events) with 403', async () => {
  const signed = signedDelivery(
    SIGNED_DESTINATION,
    [sampleErrorLogEvent({ errorCode: '11200', webhookUrl: failingUrl() })],
    AUTH_TOKEN,
  );
  const { pathname, search } = new URL(signed.url);
  const tampered = [sampleErrorLogEvent({ errorCode: '30003', webhookUrl: failingUrl() })];
  const response = await request(server.baseUrl)
    .post(`${pathname}${search}`)
    .set(signed.headers)
    .send(JSON.stringify(tampered));
  expect(response.status).toBe(403);
  expect(webhook.received).toEqual([]);
});

it('refuses an unsigned delivery with 403', async () => {
  const response = await request(server.baseUrl)
    .post('/events')
    .set('Content-Type', 'application/json')
    .send(JSON.stringify([sampleErrorLogEvent({ errorCode: '11200' })]));
  expect(response.status).toBe(403);
  expect(webhook.received).toEqual([]);
});

it('malformed JSON never reaches the Function: the runtime’s body parser answers 400', async () => {
  const signed = signedDelivery(SIGNED_DESTINATION, [], AUTH_TOKEN);
  const { pathname, search } = new URL(signed.url);
  const response = await request(server.baseUrl)
    .post(`${pathname}${search}`)
    .set(signed.headers)
    .send('[{"type": "com.twilio.error-logs.error.logged", ');
  expect(response.status).toBe(400);
  expect(webhook.received).toEqual([]);
});

it.each([
  ['an empty array', [], { received: 0, accepted: 0 }],
  [
    'unknown event types',
    [{ specversion: '1.0', type: 'com.twilio.messaging.message.delivered', data: {} }],
    { received: 1, accepted: 0 },
  ],
  ['events that are not objects', [42, 'text', null], { received: 3, accepted: 0 }],
  [
    'error events without a usable code or level',
    [
      { type: 'com.twilio.error-logs.error.logged', data: { level: 'ERROR', error_code: 'abc' } },
      { type: 'com.twilio.error-logs.error.logged', data: { level: 'LOUD', error_code: '11200' } },
      { type: 'com.twilio.error-logs.error.logged' },
    ],
    { received: 3, accepted: 0 },
  ],
  [
    'events below ALERT_MIN_LEVEL (default ERROR)',
    [sampleErrorLogEvent({ errorCode: '82004', level: 'WARNING' }), fixture.documentedExample],
    { received: 2, accepted: 0 },
  ],
])('answers 200 to %s, alerting nobody', async (_label, events, expected) => {
  const response = await deliver(events);
  expect(response.status).toBe(200);
  expect(response.body).toMatchObject({ ...expected, alerts: [] });
  expect(webhook.received).toEqual([]);
  expect(pagerDuty.received).toEqual([]);
});

it('alerts on the good events of a delivery that also holds bad ones', async () => {
  const url = failingUrl();
  const response = await deliver([
    'garbage',
    { type: 'com.twilio.voice.insights.call-summary.complete', data: {} },
    sampleErrorLogEvent({ errorCode: '11200', webhookUrl: url }),
  ]);
  expect(response.status).toBe(200);
  expect(response.body).toMatchObject({ received: 3, accepted: 1 });
  expect(webhookBodies().map((body) => body.failingHost)).toEqual([new URL(url).host]);
});
