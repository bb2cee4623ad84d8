/**
 * The built bundles' handlers called directly, as the runtime calls them: what
 * they log, and what they answer when something inside them fails.
 */
import { resolve } from 'node:path';
import type { ServerlessCallback } from '@twilio-labs/serverless-runtime-types/types';
import { DEFAULT_FALLBACK_MESSAGE } from '../../src/config/variables';
import { PROJECT_ROOT } from '../support/dev-server';
import { parseTwiml, verbsOf } from '../support/twiml-parse';
import { installTwilioGlobals, TestResponse } from '../support/twilio-globals';

type Handler = (context: object, event: object, callback: ServerlessCallback) => Promise<void>;

function loadHandler(name: string): Handler {
  return (
    require(resolve(PROJECT_ROOT, 'dist', 'functions', `${name}.protected.js`)) as {
      handler: Handler;
    }
  ).handler;
}

async function invoke(handler: Handler, context: object, event: object) {
  let result: { error: unknown; payload: unknown } | undefined;
  // Copy descriptors, not values: a test may give the context a throwing getter.
  const fullContext = Object.defineProperties(
    { PATH: '/x', DOMAIN_NAME: 'localhost' },
    Object.getOwnPropertyDescriptors(context),
  );
  await handler(fullContext, event, (error, payload) => {
    result = { error, payload };
  });
  if (!result) throw new Error('callback was not called');
  return result;
}

beforeAll(installTwilioGlobals);

let logs: jest.SpyInstance[];
beforeEach(() => {
  logs = [
    jest.spyOn(console, 'log'),
    jest.spyOn(console, 'warn'),
    jest.spyOn(console, 'error'),
  ].map((spy) => spy.mockImplementation(() => undefined));
});
afterEach(() => logs.forEach((spy) => spy.mockRestore()));

function loggedLines(): Record<string, unknown>[] {
  return logs.flatMap((spy) => spy.mock.calls.map((call) => JSON.parse(String(call[0]))));
}

describe.each(['primary', 'fallback'])('%s handler', (name) => {
  it('answers the last-resort message when reading the context throws', async () => {
    const context = {};
    Object.defineProperty(context, 'FALLBACK_MESSAGE', {
      enumerable: true,
      get: () => {
        throw new Error('context exploded');
      },
    });
    const { error, payload } = await invoke(loadHandler(name), context, {
      CallSid: 'CA' + '1'.repeat(32),
    });
    expect(error).toBeNull();
    const root = parseTwiml(String(payload));
    expect(verbsOf(root)).toEqual(['Say', 'Hangup']);
    expect(root.children[0]?.text).toBe(DEFAULT_FALLBACK_MESSAGE);
    expect(loggedLines()).toContainEqual({ event: `${name}-error`, message: 'context exploded' });
  });

  it('logs a malformed variable once per instance, by name', async () => {
    const handler = loadHandler(name);
    const context = { FORWARD_TIMEOUT_SECONDS: `soon-${name}` };
    await invoke(handler, context, {});
    await invoke(handler, context, {});
    const problems = loggedLines().filter((line) => line.event === 'config-problem');
    expect(problems).toEqual([
      {
        event: 'config-problem',
        variable: 'FORWARD_TIMEOUT_SECONDS',
        problem: 'FORWARD_TIMEOUT_SECONDS is not a whole number; using the default',
      },
    ]);
  });
});

describe('fallback handler', () => {
  it('writes exactly one structured log line per invocation', async () => {
    await invoke(
      loadHandler('fallback'),
      {},
      {
        CallSid: 'CA' + '1'.repeat(32),
        ErrorCode: '11200',
        ErrorUrl: 'https://app.example.com/voice?key=secret',
        Body: 'private',
      },
    );
    const lines = loggedLines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      event: 'fallback',
      errorCode: 11200,
      errorUrl: 'https://app.example.com/voice?key=REDACTED',
    });
    expect(JSON.stringify(lines)).not.toMatch(/secret|private/);
  });
});

describe('primary handler', () => {
  it('answers the drill number with a 500 response object', async () => {
    const { payload } = await invoke(
      loadHandler('primary'),
      { FAILOVER_DRILL_NUMBER: '+14155550666' },
      { CallSid: 'CA' + '1'.repeat(32), From: '+14155550666' },
    );
    expect(payload).toBeInstanceOf(TestResponse);
    expect((payload as TestResponse).statusCode).toBe(500);
  });

  it('greets and hangs up instead of forwarding to the number being called, and logs why once', async () => {
    const handler = loadHandler('primary');
    const call = { CallSid: 'CA' + '1'.repeat(32), From: '+14155550100', To: '+14155550199' };
    const results = [
      await invoke(handler, { FORWARD_TO: call.To }, call),
      await invoke(handler, { FORWARD_TO: call.To }, call),
    ];
    for (const { payload } of results) {
      expect(verbsOf(parseTwiml(String(payload)))).toEqual(['Say', 'Hangup']);
    }
    expect(loggedLines().filter((line) => line.event === 'config-problem')).toEqual([
      {
        event: 'config-problem',
        variable: 'FORWARD_TO',
        problem:
          'FORWARD_TO is the number being called (forwarding would loop); callers are greeted and the call ends',
      },
    ]);
  });
});
