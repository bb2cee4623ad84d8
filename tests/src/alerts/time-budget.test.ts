import { describeFailure, raceAbort, TimeBudget } from '../../../src/alerts/time-budget';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Time is Jest's fake clock here, advanced by hand: the budget is asserted by when
 * the wait ends on that clock, never by wall time (a busy machine would make such
 * a test fail, or pass, by luck).
 */
let clockOffsetMs = 0;
/** The budget's clock: the fake timers' clock plus time an operation "blocked". */
const clock = () => Date.now() + clockOffsetMs;

beforeEach(() => {
  jest.useFakeTimers();
  clockOffsetMs = 0;
});
afterEach(() => jest.useRealTimers());

/** Starts `work` and reports whether it has settled, without awaiting it. */
function track<T>(work: Promise<T>): {
  readonly settled: () => boolean;
  readonly result: Promise<T>;
} {
  let done = false;
  const result = work.finally(() => {
    done = true;
  });
  return { settled: () => done, result };
}

describe('TimeBudget.runAll', () => {
  it('reports each operation: done, failed with its reason, or timed out at the budget', async () => {
    const budget = new TimeBudget(150, clock);
    const signals: AbortSignal[] = [];
    const run = track(
      budget.runAll<string>([
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
      ]),
    );
    await jest.advanceTimersByTimeAsync(149);
    expect(run.settled()).toBe(false); // the hanging one is still waited for...
    expect(signals[0]?.aborted).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(run.settled()).toBe(true); // ...until the budget, not a moment longer
    const outcomes = await run.result;
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
  });

  it('spends time an operation blocks before its first await from the budget', async () => {
    // First use of twilio-node or fetch loads code synchronously; that must not be
    // added on top of the budget.
    const budget = new TimeBudget(500, clock);
    const run = track(
      budget.runAll([
        {
          name: 'loads-synchronously-then-hangs',
          run: () => {
            clockOffsetMs += 400; // a 400 ms synchronous module load
            return new Promise<never>(() => undefined);
          },
        },
      ]),
    );
    // Spent from the budget: 100 ms are left. Added to it (the defect): 500.
    await jest.advanceTimersByTimeAsync(99);
    expect(run.settled()).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(run.settled()).toBe(true);
    expect((await run.result)[0]?.status).toBe('timed-out');
  });

  it('returns as soon as everything settled, without waiting for the budget', async () => {
    const budget = new TimeBudget(5000, clock);
    const run = track(
      budget.runAll([
        {
          name: 'quick',
          run: () => new Promise<string>((resolve) => setTimeout(() => resolve('done'), 10)),
        },
      ]),
    );
    await jest.advanceTimersByTimeAsync(10);
    expect(run.settled()).toBe(true);
    expect(await run.result).toEqual([expect.objectContaining({ status: 'done', value: 'done' })]);
  });

  it('never runs past what is left of the budget, whatever limit is asked for', async () => {
    const budget = new TimeBudget(100, clock);
    await jest.advanceTimersByTimeAsync(60);
    const run = track(budget.run(() => new Promise<never>(() => undefined), 10_000));
    await jest.advanceTimersByTimeAsync(39);
    expect(run.settled()).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(run.settled()).toBe(true);
    expect((await run.result).status).toBe('timed-out');
  });
});

describe('raceAbort', () => {
  // An unhandled rejection fails the test through Jest itself (Jest 30 reports it
  // as an error of the test that caused it); a process listener would never see it.
  // Deleting raceAbort's `.catch` makes the already-aborted case fail.
  it.each([
    ['aborted while waiting', false],
    ['already aborted when called', true],
  ])(
    'rejects when %s and swallows the abandoned promise’s later rejection',
    async (_label, abortFirst) => {
      jest.useRealTimers();
      const controller = new AbortController();
      if (abortFirst) controller.abort();
      let rejectLater: (error: Error) => void = () => undefined;
      const pending = new Promise<string>((_resolve, reject) => {
        rejectLater = reject;
      });
      const raced = raceAbort(pending, controller.signal);
      controller.abort();
      await expect(raced).rejects.toThrow('abandoned');
      rejectLater(new Error('late failure'));
      await sleep(20);
    },
  );
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
