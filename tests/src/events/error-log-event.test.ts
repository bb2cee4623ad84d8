import {
  levelReaches,
  readErrorLogEvent,
  type LogLevel,
  type MinLevelChoice,
} from '../../../src/events/error-log-event';
import fixture from '../../fixtures/error-log-event.json';

describe('readErrorLogEvent', () => {
  it('reads Twilio’s documented example (error_code as a string, payload as a JSON string)', () => {
    expect(readErrorLogEvent(fixture.documentedExample)).toEqual({
      ok: true,
      event: {
        id: 'NO00000000000000000000000001',
        level: 'INFO',
        errorCode: '93101',
        dateCreated: '2025-01-01T00:00:00.000Z',
        productName: 'Event Streams',
        resourceSid: null,
        serviceSid: null, // ZH0…1 in the example is 33 characters: not a SID
        webhookUrl: null,
        probe: false, // Twilio never sends the project's probe marker
      },
    });
  });

  it('reads the failing URL and resource of a webhook error from the payload', () => {
    const read = readErrorLogEvent(fixture.webhookFailure);
    expect(read).toMatchObject({
      ok: true,
      event: {
        errorCode: '11200',
        level: 'ERROR',
        resourceSid: 'CA' + '1'.repeat(32),
        webhookUrl: 'https://app.example.com/voice?token=s3cret',
      },
    });
  });

  const base = fixture.webhookFailure;
  it.each<[string, unknown, string]>([
    ['a number', 42, 'not-an-object'],
    ['an array', [base], 'not-an-object'],
    ['another event type', { ...base, type: 'com.twilio.messaging.message.failed' }, 'other-type'],
    ['no data', { type: base.type }, 'no-data'],
    [
      'a code that is not digits',
      { ...base, data: { ...base.data, error_code: '11200; drop' } },
      'no-error-code',
    ],
    ['an unknown level', { ...base, data: { ...base.data, level: 'PANIC' } }, 'bad-level'],
  ])('skips %s', (_label, candidate, reason) => {
    expect(readErrorLogEvent(candidate)).toMatchObject({ ok: false, reason });
  });

  it('loses only the details when payload is not JSON', () => {
    const read = readErrorLogEvent({ ...base, data: { ...base.data, payload: '{not json' } });
    expect(read).toMatchObject({ ok: true, event: { errorCode: '11200', webhookUrl: null } });
  });
});

describe('levelReaches', () => {
  it.each<[LogLevel, MinLevelChoice, boolean]>([
    ['ERROR', 'error', true],
    ['WARNING', 'error', false],
    ['INFO', 'error', false],
    ['WARNING', 'warning', true],
    ['ERROR', 'warning', true],
    ['INFO', 'warning', false],
  ])('%s against a minimum of %s: %s', (level, minimum, expected) => {
    expect(levelReaches(level, minimum)).toBe(expected);
  });
});
