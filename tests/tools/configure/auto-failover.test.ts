import {
  formatAutoFailover,
  MIN_ANSWERS_TO_TUNE,
  percentile,
  proposeFailoverTimeouts,
  summarizeSamples,
  type LatencySummary,
  type PrimarySample,
} from '../../../tools/configure/auto-failover';

const answers = (...ms: number[]): PrimarySample[] => ms.map((value) => ({ ms: value }));
/** `count` answers: all `fast` ms, except the last one, `slowest` ms. */
const spread = (count: number, fast: number, slowest: number) =>
  answers(...Array<number>(count - 1).fill(fast), slowest);

describe('percentile (nearest rank)', () => {
  it.each([
    [[], 50, 0],
    [[7], 99, 7],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50, 5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99, 10],
  ])('%j p%i = %i', (sorted, p, expected) => {
    expect(percentile(sorted, p)).toBe(expected);
  });
});

describe('summarizeSamples', () => {
  it('orders the answers and keeps the first failure apart from the percentiles', () => {
    const summary = summarizeSamples([
      { ms: 30 },
      { ms: 10 },
      { ms: 20 },
      { ms: 5000, failure: 'HTTP 500, 11200 HTTP retrieval failure' },
    ]);
    expect(summary).toEqual({
      sent: 4,
      answered: 3,
      p50: 20,
      p90: 30,
      p99: 30,
      max: 30,
      firstFailure: 'HTTP 500, 11200 HTTP retrieval failure',
    });
  });
});

describe('proposeFailoverTimeouts', () => {
  it.each([
    // [what, samples, ct, rt, tt]
    ['a fast primary gets the 1000 ms floor', spread(50, 20, 90), 1000, 1000, 2000],
    ['rt = 3 × p99, rounded up to 100 ms', spread(20, 50, 401), 1000, 1300, 2300],
    ['an exact multiple of 100 is kept', spread(20, 50, 1000), 1000, 3000, 4000],
    ['tt is capped at 15000', spread(20, 50, 4900), 1000, 14700, 15000],
  ])('%s', (_what, samples, ct, rt, tt) => {
    const proposal = proposeFailoverTimeouts(summarizeSamples(samples));
    expect(proposal).toEqual({ ok: true, value: { timeouts: { ct, rt, tt }, rc: 1, pinned: [] } });
  });

  it.each([
    ['rt', { rt: 5000 }, { ct: 1000, rt: 5000, tt: 6000 }],
    ['ct', { ct: 2000 }, { ct: 2000, rt: 1000, tt: 3000 }],
    ['tt', { tt: 9000 }, { ct: 1000, rt: 1000, tt: 9000 }],
  ] as const)('a pinned %s wins over the rule', (key, pinned, timeouts) => {
    const proposal = proposeFailoverTimeouts(summarizeSamples(spread(20, 10, 100)), pinned);
    expect(proposal).toEqual({ ok: true, value: { timeouts, rc: 1, pinned: [key] } });
  });

  const failedOnce: LatencySummary = summarizeSamples([
    ...spread(30, 10, 10),
    { ms: 3, failure: 'HTTP 500, 11200 HTTP retrieval failure' },
  ]);
  it.each([
    [
      'too few answers',
      summarizeSamples(spread(MIN_ANSWERS_TO_TUNE - 1, 10, 10)),
      {},
      `only ${MIN_ANSWERS_TO_TUNE - 1} TwiML answers`,
    ],
    ['a failure during the measurement', failedOnce, {}, 'failed during the measurement (HTTP 500'],
    ['a primary too slow for any rt', summarizeSamples(spread(20, 10, 5001)), {}, 'above Twilio'],
    [
      'a pinned tt below the proposed rt',
      summarizeSamples(spread(20, 10, 1000)),
      { tt: 2000 },
      'must be at least ct and rt',
    ],
  ])('refuses on %s', (_what, summary, pinned, reason) => {
    const proposal = proposeFailoverTimeouts(summary, pinned);
    expect(proposal.ok).toBe(false);
    expect(proposal.ok ? '' : proposal.reason).toContain(reason);
  });
});

describe('formatAutoFailover', () => {
  it('prints the measurement, the values, the three worst-case waits and two lines of reasoning', () => {
    const summary = summarizeSamples(spread(20, 50, 401));
    const proposal = proposeFailoverTimeouts(summary);
    if (!proposal.ok) throw new Error(proposal.reason);
    expect(formatAutoFailover('https://app.example.com/voice', summary, proposal.value)).toBe(
      [
        'Measured https://app.example.com/voice: 20/20 TwiML answers, p50 50 ms, p90 50 ms, p99 401 ms, max 401 ms, 0 errors.',
        'Proposed: ct=1000 rt=1300 tt=2300 rc=1',
        "Worst-case caller wait when the primary hangs: 2300 ms tuned, 4000 ms with fixed --fast-failover, 15000 ms with Twilio's defaults.",
        'rt = max(1000, 3 × p99 401) rounded up to 100 ms: target under 1 false failover in 1,000 healthy requests.',
        "ct = 1000 (connect not timed separately), tt = ct + rt so one slow connect and one full read fit, rc = 1 (Twilio's default).",
        '',
      ].join('\n'),
    );
  });
});
