/**
 * Thousands of generated requests against the built fallback bundle, each parameter
 * either a value Twilio really sends (valid SIDs, known and unknown error codes,
 * real URLs, E.164 numbers, recovery callbacks, the probe marker) or a hostile one,
 * under every recovery mode: every answer must be well-formed TwiML with the verbs
 * that mode allows, speak only configured text, and carry no hostile request text.
 * The branches each run took are read from the fallback's own log line and counted,
 * so a generator that stops reaching a branch fails the test.
 */
import fc from 'fast-check';
import { resolve } from 'node:path';
import type { ServerlessCallback } from '@twilio-labs/serverless-runtime-types/types';
import { TWILIO_ERRORS } from '../../src/errors/catalog';
import { PROBE_MARKER_PARAM, PROBE_MARKER_VALUE } from '../../src/request/probe-marker';
import { RECOVERY_MODES, type RecoveryMode } from '../../src/recovery/recovery-modes';
import { RECOVERY_STEPS, RECOVERY_STEP_PARAM } from '../../src/recovery/recovery-steps';
import { PROJECT_ROOT } from '../support/dev-server';
import { parseTwiml, verbsOf, type TwimlNode } from '../support/twiml-parse';
import { installTwilioGlobals } from '../support/twilio-globals';

type Handler = (context: object, event: object, callback: ServerlessCallback) => Promise<void>;

const { handler } = require(resolve(PROJECT_ROOT, 'dist/functions/fallback.protected.js')) as {
  handler: Handler;
};

/**
 * Appended to every hostile value: if it shows up in the TwiML, request text leaked.
 * `*` is outside every pattern the fallback accepts from a request (SIDs, status
 * words, caller IDs), so a hostile value never passes as a valid one; and neither
 * XML escaping nor URL encoding (a callback URL's query) changes it.
 */
const MARKER = 'Zq*leak*';

const SELF = { PATH: '/fallback', DOMAIN_NAME: 'guard-1234-dev.twil.io' };
const STANDBY = 'https://standby.example.com/voice';
const DIAL_NUMBER = '+14155550142';
const TEXTS = {
  FALLBACK_MESSAGE: 'Configured fallback message.',
  FALLBACK_SMS_REPLY: 'Configured SMS reply.',
  RECOVERY_DIAL_MESSAGE: 'Configured dial message.',
  VOICEMAIL_PROMPT: 'Configured voicemail prompt.',
};
const SPOKEN = new Set(Object.values(TEXTS));

/**
 * The context per recovery mode. Voicemail needs an alert channel: an SMS channel
 * here, which fails at once (no Twilio client in this context), so no run waits on
 * the network. With `message`, no SMS reply is configured (messages get silence).
 */
const CONTEXTS: Record<RecoveryMode, Record<string, string>> = {
  message: { FALLBACK_SMS_REPLY: '' },
  dial: { RECOVERY_MODE: 'dial', RECOVERY_DIAL_NUMBER: DIAL_NUMBER },
  voicemail: {
    RECOVERY_MODE: 'voicemail',
    ALERT_SMS_TO: '+14155550123',
    ALERT_SMS_FROM: '+14155550111',
  },
  redirect: { RECOVERY_MODE: 'redirect', RECOVERY_REDIRECT_URL: STANDBY },
};

/** Verbs each mode may answer a call with (the message is every mode's safe answer). */
const MESSAGE = ['Say', 'Hangup'];
const ALLOWED_VOICE_VERBS: Record<RecoveryMode, readonly (readonly string[])[]> = {
  message: [MESSAGE],
  dial: [MESSAGE, ['Say', 'Dial', 'Number']],
  voicemail: [MESSAGE, ['Say', 'Record', 'Say', 'Hangup']],
  redirect: [MESSAGE, ['Redirect']],
};
/** Answers to a recovery callback or a call that had already ended, in any mode. */
const ALWAYS_ALLOWED = [['Hangup'], [], MESSAGE];

const hostileText = fc
  .oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.constantFrom(
      '</Say><Redirect>https://evil.example/</Redirect><Say>',
      '<![CDATA[<Hangup/>]]>',
      '&amp;&lt;&#0;&#x1F;',
      '"><Dial>+15555550100</Dial>',
      '{"__proto__":{"x":1}}',
      'https://user:pass@example.com/?token=1',
    ),
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
  )
  .map((text) => text + MARKER);

/** A hostile value in any shape body-parser can produce: text, a repeated key, a nested object. */
const hostile = fc.oneof(
  hostileText,
  fc.array(hostileText, { minLength: 1, maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), hostileText, { minKeys: 1, maxKeys: 2 }),
);

const hex32 = fc.stringMatching(/^[0-9a-f]{32}$/);
const sid = (prefix: string) => hex32.map((hex) => prefix + hex);
const e164 = fc.stringMatching(/^\+[1-9][0-9]{9,13}$/);
const knownCode = fc.constantFrom(...TWILIO_ERRORS.map((error) => String(error.code)));

/** Each parameter: a valid value, a hostile one, or absent. */
const param = <T>(valid: fc.Arbitrary<T>) =>
  fc.option(fc.oneof(valid, hostile), { nil: undefined });

const twilioParams = fc.record(
  {
    ErrorCode: param(
      fc.oneof(knownCode, knownCode, fc.integer({ min: 10000, max: 99999 }).map(String)),
    ),
    ErrorUrl: param(
      fc.oneof(
        fc.webUrl({ withQueryParameters: true }),
        fc.constant(STANDBY),
        fc.constant(`https://${SELF.DOMAIN_NAME}${SELF.PATH}`),
        fc.constant(`https://app.example.com/voice?${RECOVERY_STEP_PARAM}=dial-ended`),
      ),
    ),
    CallSid: param(sid('CA')),
    MessageSid: param(sid('SM')),
    SmsSid: param(sid('SM')),
    From: param(fc.oneof(e164, fc.constant('client:alice'))),
    To: param(fc.oneof(e164, fc.constant(DIAL_NUMBER))),
    Body: param(fc.string({ maxLength: 160 })),
    Direction: param(fc.constantFrom('inbound', 'outbound-api', 'outbound-dial')),
    DialCallStatus: param(fc.constantFrom('completed', 'busy', 'no-answer', 'failed', 'canceled')),
    AccountSid: param(sid('AC')),
    [RECOVERY_STEP_PARAM]: param(fc.constantFrom(...RECOVERY_STEPS)),
    RecordingUrl: param(
      sid('RE').map((re) => `https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/${re}`),
    ),
    RecordingStatus: param(fc.constantFrom('completed', 'absent', 'failed')),
    [PROBE_MARKER_PARAM]: param(fc.constant(PROBE_MARKER_VALUE)),
  },
  { requiredKeys: [] },
);

/** Twilio's parameters plus keys nobody expects. */
const event = fc
  .tuple(twilioParams, fc.dictionary(fc.string({ maxLength: 12 }), hostile, { maxKeys: 3 }))
  .map(([known, extra]) => ({ ...extra, ...known }));

let logLines: jest.SpyInstance[];
beforeAll(installTwilioGlobals);
beforeEach(() => {
  logLines = (['log', 'warn', 'error'] as const).map((level) =>
    jest.spyOn(console, level).mockImplementation(() => undefined),
  );
});
afterEach(() => jest.restoreAllMocks());

/** The fallback's own account of the request: its `fallback` or `recovery-step` line. */
function lastRecord(): Record<string, unknown> {
  const lines = logLines
    .flatMap((spy) => spy.mock.calls.map((call) => String(call[0])))
    .map((text) => JSON.parse(text) as Record<string, unknown>);
  logLines.forEach((spy) => spy.mockClear());
  const errors = lines.filter((line) => String(line.event).endsWith('-error'));
  if (errors.length > 0) throw new Error(`the handler caught: ${JSON.stringify(errors)}`);
  const record = lines.find((line) => line.event === 'fallback' || line.event === 'recovery-step');
  if (record === undefined) throw new Error('no fallback or recovery-step line was logged');
  return record;
}

async function answer(context: object, params: object): Promise<string> {
  let payload: unknown;
  await handler({ ...SELF, ...context }, params, (_error, result) => {
    payload = result;
  });
  return String(payload);
}

function spokenTexts(root: TwimlNode): string[] {
  return root.children.flatMap((child) =>
    child.name === 'Say' || child.name === 'Message' ? [child.text] : spokenTexts(child),
  );
}

/** Which branch a run took, from the fallback's log line. */
function branchOf(record: Record<string, unknown>): string[] {
  if (record.event === 'recovery-step') return [`step:${String(record.step)}`];
  return [
    `${String(record.kind)}:${String(record.outcome)}`,
    `code:${String(record.errorStatus)}`,
    record.probe === true ? 'probe' : 'not-probe',
  ];
}

const counts = new Map<string, number>();
const count = (labels: readonly string[]) =>
  labels.forEach((label) => counts.set(label, (counts.get(label) ?? 0) + 1));

describe.each(RECOVERY_MODES)('RECOVERY_MODE=%s', (mode) => {
  it('answers every request with the TwiML the mode allows, only configured text, no request text', async () => {
    const context = { ...TEXTS, ...CONTEXTS[mode] };
    await fc.assert(
      fc.asyncProperty(event, async (params) => {
        const xml = await answer(context, params);
        const record = lastRecord();
        count([`mode:${mode}`, ...branchOf(record)]);
        const root = parseTwiml(xml);
        expect(root.name).toBe('Response');
        expect(xml).not.toContain(MARKER);
        for (const text of spokenTexts(root)) expect(SPOKEN).toContain(text);
        const verbs = verbsOf(root);
        if (record.kind === 'sms') {
          expect([[], ['Message']]).toContainEqual(verbs);
        } else {
          expect([...ALLOWED_VOICE_VERBS[mode], ...ALWAYS_ALLOWED]).toContainEqual(verbs);
        }
      }),
      { numRuns: 800 },
    );
  });
});

it('answers valid TwiML whatever text the configuration holds', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.string({ unit: 'binary', maxLength: 300 }),
      event,
      async (message, params) => {
        const xml = await answer(
          { FALLBACK_MESSAGE: message, FALLBACK_SMS_REPLY: message },
          params,
        );
        lastRecord();
        const root = parseTwiml(xml);
        expect(root.name).toBe('Response');
        expect(xml).not.toContain(MARKER);
      },
    ),
    { numRuns: 300 },
  );
});

// Runs after the properties above (Jest runs a file's tests in order): each branch
// the generators are meant to reach was reached, often enough to mean something.
it('reached every branch: both kinds, every recovery mode and step, every kind of ErrorCode, probes', () => {
  const atLeast = 20;
  const expected = [
    ...RECOVERY_MODES.map((mode) => `voice:${mode}`),
    'voice:hangup',
    'sms:reply',
    'sms:silence',
    ...RECOVERY_STEPS.map((step) => `step:${step}`),
    'code:known',
    'code:unknown',
    'code:missing',
    'code:malformed',
    'probe',
    'not-probe',
  ];
  const reached = Object.fromEntries(expected.map((label) => [label, counts.get(label) ?? 0]));
  const short = Object.entries(reached).filter(([, n]) => n < atLeast);
  expect(short).toEqual([]);
});
