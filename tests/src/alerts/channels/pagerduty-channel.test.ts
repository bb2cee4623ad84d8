import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { fallbackAlert, voicemailAlert, type Alert } from '../../../../src/alerts/alert';
import type { AlertMessage } from '../../../../src/alerts/alert-message';
import {
  pagerDutyChannel,
  pagerDutyTrigger,
} from '../../../../src/alerts/channels/pagerduty-channel';
import { explainErrorCode } from '../../../../src/errors/explain-error';
import { errorEventAlert, groupErrorEvents } from '../../../../src/events/error-event-alerts';
import { readFallbackRequest } from '../../../../src/request/fallback-request';
import { startAlertEndpoint, type RunningAlertEndpoint } from '../../../support/alert-endpoint';
import pagerDutySchema from '../../../support/pagerduty-events-v2.schema.json';

const ROUTING_KEY = 'R0ut1ngKey0123456789abcdef012345';
const NOW = Date.UTC(2026, 0, 2, 3, 4, 5);
const validate = addFormats(new Ajv({ allErrors: true })).compile(pagerDutySchema);

const fallback = fallbackAlert(
  readFallbackRequest({
    CallSid: 'CA' + '1'.repeat(32),
    ErrorCode: '11200',
    ErrorUrl: 'https://app.example.com/v?t=s3cret',
  }),
  NOW,
);
const voicemail = voicemailAlert(
  {
    callSid: 'CA' + '1'.repeat(32),
    caller: '+14155550100',
    recordingUrl: 'https://api.twilio.com/Recordings/RE1',
    recordingSeconds: 9,
    explanation: explainErrorCode('11205'),
  },
  NOW,
);
function eventAlert(level: 'ERROR' | 'WARNING'): Alert {
  const [group] = groupErrorEvents(
    Array.from({ length: 3 }, () => ({
      id: 'NO1',
      level,
      errorCode: '30008',
      dateCreated: null,
      productName: 'Programmable Messaging',
      resourceSid: null,
      serviceSid: null,
      webhookUrl: null,
      probe: false,
    })),
  );
  return errorEventAlert(group!, NOW);
}

function message(alert: Alert): AlertMessage {
  return { alert, suppressed: 2, windowSeconds: 300 };
}

describe('pagerDutyTrigger', () => {
  it.each<[string, Alert, string, string | undefined]>([
    ['a fallback alert', fallback, 'error', '11200@app.example.com'],
    ['a voicemail (each its own incident)', voicemail, 'critical', undefined],
    ['an ERROR event', eventAlert('ERROR'), 'error', '30008@programmable_messaging'],
    ['a WARNING event', eventAlert('WARNING'), 'warning', '30008@programmable_messaging'],
  ])('%s follows PagerDuty’s Events API v2 schema', (_label, alert, severity, dedupKey) => {
    const body = pagerDutyTrigger(message(alert), ROUTING_KEY);
    expect(validate(body)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    expect(body.payload.severity).toBe(severity);
    expect(body.dedup_key).toBe(dedupKey);
    expect(body.payload.custom_details.explanation).toBe(alert.explanation);
    expect(JSON.stringify(body)).not.toContain('s3cret');
  });

  it('says how many events the trigger stands for', () => {
    const body = pagerDutyTrigger(message(eventAlert('ERROR')), ROUTING_KEY);
    expect(body.payload.custom_details).toMatchObject({
      occurrences: 3,
      suppressedSinceLastAlert: 2,
    });
  });

  it('a schema check that can fail: a trigger without a routing key is refused', () => {
    const body: Record<string, unknown> = { ...pagerDutyTrigger(message(fallback), ROUTING_KEY) };
    delete body.routing_key;
    expect(validate(body)).toBe(false);
  });
});

describe('pagerDutyChannel', () => {
  let endpoint: RunningAlertEndpoint;
  beforeAll(async () => {
    endpoint = await startAlertEndpoint({ type: 'answer', status: 202 });
  });
  afterAll(() => endpoint.close());

  it('POSTs the trigger as JSON to PAGERDUTY_EVENTS_URL and reports PagerDuty’s 202', async () => {
    const channel = pagerDutyChannel(
      { eventsUrl: `${endpoint.baseUrl}/v2/enqueue`, routingKey: ROUTING_KEY },
      fetch,
    );
    await expect(channel.send(message(fallback), new AbortController().signal)).resolves.toBe(
      'HTTP 202',
    );
    expect(endpoint.received).toHaveLength(1);
    expect(endpoint.received[0]).toMatchObject({ method: 'POST', path: '/v2/enqueue' });
    expect(endpoint.received[0]?.headers['content-type']).toBe('application/json');
    expect(validate(endpoint.received[0]?.json)).toBe(true);
  });

  it('fails on PagerDuty’s 400 (invalid event) so the log says so', async () => {
    endpoint.behaviour = { type: 'answer', status: 400 };
    const channel = pagerDutyChannel(
      { eventsUrl: `${endpoint.baseUrl}/v2/enqueue`, routingKey: ROUTING_KEY },
      fetch,
    );
    await expect(channel.send(message(fallback), new AbortController().signal)).rejects.toThrow(
      'HTTP 400',
    );
  });
});
