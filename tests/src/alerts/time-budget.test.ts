import { describeFailure, raceAbort, TimeBudget } from '../../../src/alerts/time-budget';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('TimeBudget.runAll', () => {
  it('reports each operation: done, failed with its reason, or timed out at the budget', async () => {
    const budget = new TimeBudget(150);
    const signals: AbortSignal[] = [];
    const started = performance.now();
    const outcomes = await budget.runAll<string>([
      { name: 'fast', run: async () => 'ok' },
      { name: 'broken', run: async () => Promise.reject(new Error('HTTP 503')) },
      {
        name: 'hanging',
        run: (signal) => {
          signals.push(signal);
          return new Promise<string>(() => undefined);
        },
      },
      {
        name: 'throws-synchronously',
        run: () => {
          throw new Error('no credentials');
        },
      },
    ]);
    const elapsed = performance.now() - started;
    expect(outcomes.map(({ name, status }) => [name, status])).toEqual([
      ['fast', 'done'],
      ['broken', 'failed'],
      ['hanging', 'timed-out'],
      ['throws-synchronously', 'failed'],
    ]);
    expect(outcomes[0]).toMatchObject({ value: 'ok' });
    expect(outcomes[1]).toMatchObject({ reason: 'HTTP 503' });
    expect(outcomes[3]).toMatchObject({ reason: 'no credentials' });
    expect(signals[0]?.aborted).toBe(true);
    // The budget is the product behaviour: it ends the wait, give or take timer slack.
    expect(elapsed).toBeGreaterThanOrEqual(145);
    expect(elapsed).toBeLessThan(300);
  });

  it('spends time an operation blocks before its first await from the budget', async () => {
    // First use of twilio-node or fetch loads code synchronously; that must not be
    // added on top of the budget.
    const budget = new TimeBudget(500);
    const started = performance.now();
    const outcomes = await budget.runAll([
      {
        name: 'loads-synchronously-then-hangs',
        run: () => {
          const until = performance.now() + 400;
          while (performance.now() < until) {
            // busy: a synchronous module load
          }
          return new Promise<never>(() => undefined);
        },
      },
    ]);
    const elapsed = performance.now() - started;
    expect(outcomes[0]?.status).toBe('timed-out');
    // Spent from the budget: ~500 ms. Added to it (the defect this guards): ~900 ms.
    expect(elapsed).toBeGreaterThanOrEqual(495);
    expect(elapsed).toBeLessThan(700);
  });

  it('returns as soon as everything settled, well before the budget', async () => {
    const budget = new TimeBudget(5000);
    const started = performance.now();
    await budget.runAll([{ name: 'quick', run: () => sleep(10).then(() => 'done') }]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('never runs past what is left of the budget, whatever limit is asked for', async () => {
    const budget = new TimeBudget(100);
    await sleep(60);
    const started = performance.now();
    const outcome = await budget.run(() => new Promise<never>(() => undefined), 10_000);
    expect(outcome.status).toBe('timed-out');
    expect(performance.now() - started).toBeLessThan(150);
  });
});

describe('raceAbort', () => {
  it('rejects on abort and swallows the abandoned promise’s later rejection', async () => {
    // An unhandled rejection here would fail the test through Jest itself (Jest 30
    // reports it as an error of the test); a process listener would never see it.
    const controller = new AbortController();
    let rejectLater: (error: Error) => void = () => undefined;
    const pending = new Promise<string>((_resolve, reject) => {
      rejectLater = reject;
    });
    const raced = raceAbort(pending, controller.signal);
    controller.abort();
    await expect(raced).rejects.toThrow('abandoned');
    rejectLater(new Error('late failure'));
    await sleep(20);
  });
});

describe('describeFailure', () => {
  it.each([
    [
      Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }),
      'fetch failed (ECONNREFUSED)',
    ],
    [
      Object.assign(new Error('Map Item already exists'), { status: 409, code: 54208 }),
      'Map Item already exists [HTTP 409, Twilio error 54208]',
    ],
    ['plain text', 'plain text'],
  ])('describes %p as %j', (error, expected) => {
    expect(describeFailure(error)).toBe(expected);
  });
});
