import {
  errorEventAlert,
  eventFloodKey,
  groupErrorEvents,
} from '../../../src/events/error-event-alerts';
import type { ErrorLogEvent } from '../../../src/events/error-log-event';

function event(overrides: Partial<ErrorLogEvent>): ErrorLogEvent {
  return {
    id: 'NO1',
    level: 'ERROR',
    errorCode: '11200',
    dateCreated: null,
    productName: null,
    resourceSid: null,
    serviceSid: null,
    webhookUrl: null,
    probe: false,
    ...overrides,
  };
}

describe('eventFloodKey', () => {
  it.each<[string, Partial<ErrorLogEvent>, string]>([
    [
      'the failing host of a webhook error (as the fallback keys it)',
      { webhookUrl: 'https://App.Example.com:8443/v?x=1' },
      '11200@app.example.com:8443',
    ],
    [
      'the service when there is no URL',
      { errorCode: '30003', serviceSid: 'MG' + 'a'.repeat(32) },
      `30003@mg${'a'.repeat(32)}`,
    ],
    [
      'the product when there is neither',
      { errorCode: '82005', productName: 'Serverless' },
      '82005@serverless',
    ],
    ['the account as a last resort', { errorCode: '20003' }, '20003@account'],
    [
      'never the resource: 500 messages are one key',
      { errorCode: '30008', resourceSid: 'SM' + '1'.repeat(32) },
      '30008@account',
    ],
  ])('uses %s', (_label, overrides, key) => {
    expect(eventFloodKey(event(overrides))).toBe(key);
  });
});

describe('groupErrorEvents', () => {
  it('500 events of one outage over 60 s make one group: 500 times in 60 s, highest level', () => {
    const start = Date.parse('2026-01-01T00:00:00Z');
    const events = Array.from({ length: 500 }, (_, index) =>
      event({
        webhookUrl: 'https://app.example.com/voice',
        level: index === 250 ? 'ERROR' : 'WARNING',
        dateCreated: new Date(start + (index % 61) * 1000).toISOString(),
      }),
    );
    const groups = groupErrorEvents(events);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({
      floodKey: '11200@app.example.com',
      count: 500,
      seconds: 60,
      level: 'ERROR',
    });
    const alert = errorEventAlert(groups[0]!, 0);
    expect(alert).toMatchObject({
      kind: 'error-event',
      occurrences: { count: 500, seconds: 60 },
      time: new Date(start + 60_000).toISOString(),
      floodKey: '11200@app.example.com',
    });
  });

  it('keeps different codes and hosts apart', () => {
    const groups = groupErrorEvents([
      event({ webhookUrl: 'https://a.example.com/' }),
      event({ webhookUrl: 'https://b.example.com/' }),
      event({ errorCode: '11205', webhookUrl: 'https://a.example.com/' }),
      event({ webhookUrl: 'https://a.example.com/other' }),
    ]);
    expect(groups.map((group) => [group.floodKey, group.count])).toEqual([
      ['11200@a.example.com', 2],
      ['11200@b.example.com', 1],
      ['11205@a.example.com', 1],
    ]);
  });

  it('an event without a usable date counts, with a period of 0 s', () => {
    expect(groupErrorEvents([event({}), event({ dateCreated: 'yesterday' })])[0]).toMatchObject({
      count: 2,
      seconds: 0,
    });
  });
});

it('errorEventAlert redacts the URL and files the resource as a call or message', () => {
  const [group] = groupErrorEvents([
    event({
      webhookUrl: 'https://user:pw@app.example.com/sms?token=s3cret',
      resourceSid: 'SM' + '2'.repeat(32),
    }),
  ]);
  const alert = errorEventAlert(group!, Date.parse('2026-01-01T00:00:00Z'));
  expect(alert.errorUrl).not.toContain('s3cret');
  expect(alert.errorUrl).not.toContain('pw');
  expect(alert).toMatchObject({
    messageSid: 'SM' + '2'.repeat(32),
    callSid: null,
    errorName: 'HTTP retrieval failure',
  });
});
