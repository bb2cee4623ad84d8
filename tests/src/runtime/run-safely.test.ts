import { resetInstanceState } from '../../../src/runtime/instance-state';
import { reportConfigProblems } from '../../../src/runtime/run-safely';

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
