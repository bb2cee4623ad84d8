/**
 * Thousands of arbitrary and hostile parameter sets against the built fallback
 * bundle: every answer must be well-formed TwiML with only the expected verbs,
 * and no request text may appear anywhere in it.
 */
import fc from 'fast-check';
import { resolve } from 'node:path';
import type { ServerlessCallback } from '@twilio-labs/serverless-runtime-types/types';
import { PROJECT_ROOT } from '../support/dev-server';
import { parseTwiml, verbsOf } from '../support/twiml-parse';
import { installTwilioGlobals } from '../support/twilio-globals';

type Handler = (context: object, event: object, callback: ServerlessCallback) => Promise<void>;

const { handler } = require(resolve(PROJECT_ROOT, 'dist/functions/fallback.protected.js')) as {
  handler: Handler;
};

/** Appended to every generated value: if it shows up in the TwiML, request text leaked. */
const MARKER = 'ZQXJ-leak';

const PARAM_NAMES = [
  'ErrorCode',
  'ErrorUrl',
  'CallSid',
  'MessageSid',
  'SmsSid',
  'From',
  'To',
  'Body',
  'Direction',
  'DialCallStatus',
  'AccountSid',
];

const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(
    '</Say><Redirect>https://evil.example/</Redirect><Say>',
    '<![CDATA[<Hangup/>]]>',
    '&amp;&lt;&#0;&#x1F;',
    '"><Dial>+15555550100</Dial>',
    '{"__proto__":{"x":1}}',
    '11200',
    'https://user:pass@example.com/?token=1',
    'CA' + 'a'.repeat(32),
    'SM' + 'b'.repeat(32),
  ),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
);

const value = fc.oneof(
  hostileText.map((text) => text + MARKER),
  fc.array(
    hostileText.map((text) => text + MARKER),
    { maxLength: 3 },
  ),
  fc.dictionary(
    fc.string({ maxLength: 5 }),
    hostileText.map((text) => text + MARKER),
    {
      maxKeys: 2,
    },
  ),
);

const event = fc.dictionary(
  fc.oneof(fc.constantFrom(...PARAM_NAMES), fc.string({ maxLength: 12 })),
  value,
  { maxKeys: 12 },
);

async function answer(context: object, params: object): Promise<string> {
  let payload: unknown;
  await handler({ PATH: '/fallback', ...context }, params, (_error, result) => {
    payload = result;
  });
  return String(payload);
}

beforeAll(installTwilioGlobals);
beforeEach(() => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

it('answers every parameter set with well-formed TwiML carrying no request text', async () => {
  const context = { FALLBACK_SMS_REPLY: 'Sorry, please try later.' };
  await fc.assert(
    fc.asyncProperty(event, async (params) => {
      const xml = await answer(context, params);
      const root = parseTwiml(xml);
      expect(root.name).toBe('Response');
      expect([['Say', 'Hangup'], ['Message']]).toContainEqual(verbsOf(root));
      expect(xml).not.toContain(MARKER);
    }),
    { numRuns: 3000 },
  );
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
        const root = parseTwiml(xml);
        expect(root.name).toBe('Response');
        expect(xml).not.toContain(MARKER);
      },
    ),
    { numRuns: 500 },
  );
});
