import { renderTunings } from '../../../tools/audit/tuning-report';
import type { PrimaryTuning } from '../../../tools/audit/tune-primaries';

const summary = (answered: number, p50: number, p99: number) => ({
  sent: Math.max(answered, 1),
  answered,
  p50,
  p90: p99,
  p99,
  max: p99,
  firstFailure: answered === 0 ? '11210 HTTP bad host name' : undefined,
});

const base = {
  url: 'https://app.example.com/voice',
  channel: 'voice',
  resources: ['number +14155550103'],
} as const;

describe('renderTunings', () => {
  it.each<[string, PrimaryTuning, RegExp, RegExp | undefined]>([
    [
      'a tuned primary shows its percentiles and values',
      { ...base, summary: summary(20, 80, 240), timeouts: { ct: 1000, rt: 1000, tt: 2000 } },
      /tuned https:\/\/app\.example\.com\/voice .*20\/20 answers, p50 80 ms, p99 240 ms: ct=1000 rt=1000 tt=2000/,
      undefined,
    ],
    [
      'a primary that never answered shows no percentiles (they would read as 0 ms)',
      { ...base, summary: summary(0, 0, 0), refused: 'the primary failed during the measurement' },
      /NOT tuned https:\/\/app\.example\.com\/voice .*: 0\/1 answers: the primary failed/,
      /p50|p99/,
    ],
  ])('%s', (_name, tuning, shown, absent) => {
    const text = renderTunings([tuning], 20);
    expect(text).toMatch(shown);
    const line = text.split('\n').find((l) => l.includes('tuned https://app.example.com/voice'));
    if (absent) expect(line).not.toMatch(absent);
  });

  it('says when nothing was measured', () => {
    expect(renderTunings([], 20)).toMatch(/nothing measured/);
  });
});
