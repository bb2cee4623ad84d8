import { resetInstanceState } from '../../../src/runtime/instance-state';
import { reportConfigProblems, runSafely } from '../../../src/runtime/run-safely';
import { parseTwiml, verbsOf } from '../../support/twiml-parse';
import { twiml } from '../../support/twilio-globals';

let warn: jest.SpyInstance;
beforeEach(() => {
  // Each test is a fresh instance: nothing reported yet.
  resetInstanceState();
  warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => warn.mockRestore());

function warnedLines(): unknown[] {
  return warn.mock.calls.map((call) => JSON.parse(String(call[0])));
}

describe('reportConfigProblems', () => {
  it.each([
    [
      'a malformed value (the default is used)',
      { variable: 'TEST_MALFORMED', reason: 'is not a whole number' },
      'TEST_MALFORMED is not a whole number; using the default',
    ],
    [
      'a problem with its own consequence',
      {
        variable: 'TEST_HALF_SET',
        reason: 'is unset while ALERT_SMS_TO is set',
        consequence: 'no SMS alerts',
      },
      'TEST_HALF_SET is unset while ALERT_SMS_TO is set; no SMS alerts',
    ],
  ])('words %s accurately', (_label, problem, text) => {
    reportConfigProblems([problem]);
    expect(warnedLines()).toEqual([
      { event: 'config-problem', variable: problem.variable, problem: text },
    ]);
  });

  it('reports the same problem once per instance', () => {
    const problem = { variable: 'TEST_ONCE', reason: 'is odd', consequence: 'ignored' };
    reportConfigProblems([problem]);
    reportConfigProblems([problem, problem]);
    expect(warnedLines()).toHaveLength(1);
  });

  it('reports it again in a new instance', () => {
    const problem = { variable: 'TEST_AGAIN', reason: 'is odd', consequence: 'ignored' };
    reportConfigProblems([problem]);
    resetInstanceState();
    reportConfigProblems([problem]);
    expect(warnedLines()).toHaveLength(2);
  });
});

describe('runSafely', () => {
  const VOICE_EVENT = { CallSid: 'CA' + '1'.repeat(32) };
  let error: jest.SpyInstance;
  beforeEach(() => {
    error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => error.mockRestore());

  /** Runs `handle` and records each callback, and whether it came before runSafely returned. */
  function run(handle: () => unknown) {
    const calls: { err: unknown; payload: unknown; beforeReturn: boolean }[] = [];
    let returned = false;
    const result = runSafely(
      'test',
      twiml,
      VOICE_EVENT,
      (err, payload) => {
        calls.push({ err, payload, beforeReturn: !returned });
      },
      handle,
    );
    returned = true;
    return { calls, result };
  }

  const LAST_RESORT = ['Say', 'Hangup'];
  const answer = new twiml.VoiceResponse();
  answer.hangup();

  it.each([
    ['an answer given synchronously', () => answer, true, answer],
    ['an answer given by a promise', () => Promise.resolve(answer), false, answer],
    [
      'a synchronous throw',
      () => {
        throw new Error('boom');
      },
      true,
      LAST_RESORT,
    ],
    ['a rejected promise', () => Promise.reject(new Error('boom')), false, LAST_RESORT],
  ])('calls back once, with valid TwiML, for %s', async (_name, handle, synchronous, expected) => {
    const { calls, result } = run(handle);
    expect(result === undefined).toBe(synchronous);
    await result;
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.err).toBeNull();
    expect(call?.beforeReturn).toBe(synchronous);
    if (expected === answer) {
      expect(call?.payload).toBe(answer);
    } else {
      expect(verbsOf(parseTwiml(String(call?.payload)))).toEqual(expected);
      expect(JSON.parse(String(error.mock.calls[0]?.[0]))).toEqual({
        event: 'test-error',
        message: 'boom',
      });
    }
  });
});
