import { summarizeCpuProfile, type CpuProfile } from '../../bench/cpu-profile-summary';

const ROOT = '/work/project';

function frame(functionName: string, url: string, lineNumber = 0, columnNumber = 0) {
  return { functionName, url, lineNumber, columnNumber };
}

/**
 * (root) → handler (the bundle) → say (twilio) and → log → log (recursion);
 * samples: 2 ms in say, 3 ms in the inner log, 1 ms in handler itself, 4 ms idle.
 */
const PROFILE: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)', ''), children: [2, 6] },
    {
      id: 2,
      callFrame: frame('handler', `file://${ROOT}/dist/functions/fallback.protected.js`, 0, 40),
      children: [3, 4],
    },
    { id: 3, callFrame: frame('say', `file://${ROOT}/node_modules/twilio/lib/twiml/V.js`, 166, 7) },
    { id: 4, callFrame: frame('log', 'node:internal/console/constructor', 10, 2), children: [5] },
    { id: 5, callFrame: frame('log', 'node:internal/console/constructor', 10, 2) },
    { id: 6, callFrame: frame('(idle)', '') },
  ],
  samples: [3, 3, 5, 5, 5, 2, 6, 6, 6, 6],
  timeDeltas: [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
};

describe('summarizeCpuProfile', () => {
  const summary = summarizeCpuProfile(PROFILE, ROOT);
  const ms = (rows: typeof summary.self, name: string) =>
    rows.find((row) => row.frame.startsWith(`${name} `))?.ms;

  it('adds up every sample', () => {
    expect(summary.totalMs).toBe(10);
  });

  it('ranks self time, with project and package paths shortened', () => {
    expect(summary.self.map((row) => [row.frame, row.ms, row.share])).toEqual([
      ['(idle) (native)', 4, 0.4],
      ['log node:internal/console/constructor:10:2', 3, 0.3],
      ['say twilio/lib/twiml/V.js:166:7', 2, 0.2],
      ['handler dist/functions/fallback.protected.js:0:40', 1, 0.1],
    ]);
  });

  it('counts inclusive time once per function, recursion included', () => {
    expect(ms(summary.inclusive, 'handler')).toBe(6);
    expect(ms(summary.inclusive, 'log')).toBe(3);
    expect(ms(summary.inclusive, '(root)')).toBe(10);
    expect(summary.inclusive[0]?.frame).toBe('(root) (native)');
  });

  it('survives an empty profile', () => {
    expect(summarizeCpuProfile({ nodes: [], samples: [], timeDeltas: [] }, ROOT)).toEqual({
      totalMs: 0,
      self: [],
      inclusive: [],
    });
  });
});
