/**
 * The fallback writes `reply.logText`; it must be exactly `JSON.stringify(reply.logLine)`
 * for any request, the first time a failure is seen and every time after (when the
 * failure's fields come from the per-instance JSON kept beside the memoized objects).
 */
import fc from 'fast-check';
import { replyToFallbackRequest } from '../../../src/answers/fallback-answer';
import { readConfig } from '../../../src/config/read-config';
import { TWILIO_ERRORS } from '../../../src/errors/catalog';
import { PROBE_MARKER_PARAM, PROBE_MARKER_VALUE } from '../../../src/request/probe-marker';
import { readFallbackRequest } from '../../../src/request/fallback-request';
import { resetInstanceState } from '../../../src/runtime/instance-state';
import { twiml } from '../../support/twilio-globals';

const SELF = { path: '/fallback', domainName: 'guard-1234-dev.twil.io' };
const OWN_NUMBER = '+14155550199';

/** Text that JSON has to escape: quotes, backslashes, control characters, lone surrogates. */
const awkward = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.constantFrom('"', '\\', '\u0000\u001f', '\ud800', '</Say>', 'é☎'),
);
const param = (valid: fc.Arbitrary<string>) =>
  fc.option(fc.oneof(valid, awkward), { nil: undefined });

const event = fc.record(
  {
    ErrorCode: param(
      fc.oneof(
        fc.constantFrom(...TWILIO_ERRORS.map((error) => String(error.code))),
        fc.integer({ min: 10000, max: 99999 }).map(String),
      ),
    ),
    ErrorUrl: param(fc.webUrl({ withQueryParameters: true, withFragments: true })),
    CallSid: param(fc.constant('CA' + '1'.repeat(32))),
    MessageSid: param(fc.constant('SM' + '2'.repeat(32))),
    From: param(fc.constantFrom('+14155550100', OWN_NUMBER)),
    To: param(fc.constant(OWN_NUMBER)),
    Direction: param(fc.constantFrom('inbound', 'outbound-api')),
    DialCallStatus: param(fc.constantFrom('completed', 'busy')),
    [PROBE_MARKER_PARAM]: param(fc.constant(PROBE_MARKER_VALUE)),
  },
  { requiredKeys: [] },
);

const modes = fc.constantFrom('message', 'dial', 'voicemail', 'redirect');

function replyTo(raw: Record<string, unknown>, mode: string) {
  const config = readConfig({
    RECOVERY_MODE: mode,
    RECOVERY_DIAL_NUMBER: '+14155550123',
    RECOVERY_REDIRECT_URL: 'https://standby.example.com/voice',
    // Voicemail needs an alert channel (the recording goes out as an alert).
    ALERT_WEBHOOK_URL: 'https://hooks.example.com/alerts',
    FALLBACK_SMS_REPLY: 'Sorry, try again later.',
  }).config;
  return replyToFallbackRequest(twiml, config, readFallbackRequest(raw), SELF, 0);
}

describe('fallbackLogText', () => {
  beforeEach(() => resetInstanceState());

  it('is JSON.stringify(logLine), field for field and in order, first and repeated', () => {
    const outcomes = new Set<unknown>();
    fc.assert(
      fc.property(event, modes, (raw, mode) => {
        for (let seen = 0; seen < 2; seen += 1) {
          const reply = replyTo(raw, mode);
          expect(reply.logText).toBe(JSON.stringify(reply.logLine));
          outcomes.add(reply.logLine.outcome);
        }
      }),
      { numRuns: 300 },
    );
    // The generated requests reach every answer the fallback logs, each recovery mode too.
    expect([...outcomes].sort()).toEqual(
      ['dial', 'hangup', 'message', 'redirect', 'reply', 'silence', 'voicemail'].sort(),
    );
  });

  it.each([
    ['a call', { CallSid: 'CA' + '1'.repeat(32), ErrorCode: '11200' }, 'message', undefined],
    [
      'a call whose dialled leg had completed',
      { CallSid: 'CA' + '1'.repeat(32), ErrorCode: '11200', DialCallStatus: 'completed' },
      'hangup',
      'the dialled call had completed: no recovery',
    ],
    ['a message', { MessageSid: 'SM' + '2'.repeat(32), ErrorCode: '12100' }, 'reply', undefined],
  ])('names the outcome of %s', (_name, raw, outcome, outcomeNote) => {
    const line = JSON.parse(replyTo(raw, 'message').logText) as Record<string, unknown>;
    expect(line.outcome).toBe(outcome);
    expect(line.outcomeNote).toBe(outcomeNote);
    expect(line.event).toBe('fallback');
  });

  it('keeps a probe marked in the text', () => {
    const raw = { ErrorCode: '11200', [PROBE_MARKER_PARAM]: PROBE_MARKER_VALUE };
    expect(JSON.parse(replyTo(raw, 'message').logText)).toMatchObject({ probe: true });
  });

  it('gives each distinct failure its own fields, also after the first was kept', () => {
    const first = JSON.parse(replyTo({ ErrorCode: '11200' }, 'message').logText);
    const second = JSON.parse(
      replyTo({ ErrorCode: '11205', ErrorUrl: 'https://b.example.com/x' }, 'message').logText,
    );
    const again = JSON.parse(replyTo({ ErrorCode: '11200' }, 'message').logText);
    expect([first.errorCode, second.errorCode, again.errorCode]).toEqual([11200, 11205, 11200]);
    expect([first.errorUrl, second.errorUrl, again.errorUrl]).toEqual([
      null,
      'https://b.example.com/x',
      null,
    ]);
  });
});
