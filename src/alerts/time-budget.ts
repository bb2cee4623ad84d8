/**
 * One time budget for everything an alert does before the fallback answers.
 *
 * A Twilio Function ends when it calls `callback`: work still in flight is cut off,
 * and until then the caller hears silence. So side work must finish or be abandoned
 * within a fixed time, whatever the network does. Operations get an AbortSignal
 * (fetch honours it); promises that cannot be cancelled (twilio-node) are raced and
 * left behind, with their rejection swallowed so it never surfaces as unhandled.
 */

export type Outcome<T> =
  | { readonly status: 'done'; readonly value: T; readonly ms: number }
  | { readonly status: 'failed'; readonly reason: string; readonly ms: number }
  | { readonly status: 'timed-out'; readonly ms: number };

export interface NamedOperation<T> {
  readonly name: string;
  readonly run: (signal: AbortSignal) => Promise<T>;
}

export type NamedOutcome<T> = Outcome<T> & { readonly name: string };

export class TimeBudget {
  private readonly startedAt: number;

  constructor(
    readonly totalMs: number,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.startedAt = clock();
  }

  elapsedMs(): number {
    return Math.round(this.clock() - this.startedAt);
  }

  remainingMs(): number {
    return Math.max(0, this.totalMs - (this.clock() - this.startedAt));
  }

  /** Runs one operation for at most `limitMs` (and never past the budget). */
  async run<T>(run: (signal: AbortSignal) => Promise<T>, limitMs?: number): Promise<Outcome<T>> {
    const [outcome] = await this.runAll([{ name: '', run }], limitMs);
    return outcome as Outcome<T>;
  }

  /**
   * Runs the operations concurrently and resolves when all have settled or the
   * time is up, whichever comes first; on expiry the signal is aborted and each
   * unsettled operation is reported as `timed-out`. Never rejects.
   */
  async runAll<T>(
    operations: readonly NamedOperation<T>[],
    limitMs?: number,
  ): Promise<NamedOutcome<T>[]> {
    const allowedMs = Math.min(this.remainingMs(), limitMs ?? Number.POSITIVE_INFINITY);
    const controller = new AbortController();
    const startedAt = this.clock();
    const outcomes: (NamedOutcome<T> | undefined)[] = operations.map(() => undefined);
    const ms = () => Math.round(this.clock() - startedAt);

    const settled = operations.map(async (operation, index) => {
      let outcome: NamedOutcome<T>;
      try {
        const value = await raceAbort(operation.run(controller.signal), controller.signal);
        outcome = { name: operation.name, status: 'done', value, ms: ms() };
      } catch (error) {
        if (controller.signal.aborted) return; // reported as timed-out below
        outcome = {
          name: operation.name,
          status: 'failed',
          reason: describeFailure(error),
          ms: ms(),
        };
      }
      outcomes[index] = outcome;
    });

    // Starting an operation can block the event loop before its first await: on
    // first use twilio-node builds its REST domains and Node loads fetch (tens of
    // ms, measured by `npm run bench`). The timer is armed only now, for what is
    // left, so that blocking is spent from the budget instead of added to it.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<void>((resolveExpired) => {
      timer = setTimeout(resolveExpired, Math.max(0, allowedMs - (this.clock() - startedAt)));
    });
    await Promise.race([Promise.all(settled), expired]);
    clearTimeout(timer);
    controller.abort();
    return outcomes.map(
      (outcome, index) =>
        outcome ?? { name: operations[index]!.name, status: 'timed-out' as const, ms: ms() },
    );
  }
}

/**
 * Settles with `promise`, or rejects as soon as `signal` aborts. The original
 * promise keeps running (twilio-node requests cannot be cancelled); its eventual
 * rejection is caught here so Node never reports it as unhandled.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  promise.catch(() => undefined);
  if (signal.aborted) return Promise.reject(new Error('abandoned'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('abandoned'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * A short, log-safe reason for a failure: the error's message plus a network code
 * (fetch reports ECONNREFUSED and friends in `cause`). Never a stack.
 */
export function describeFailure(error: unknown): string {
  // Duck-typed, not `instanceof Error`: fetch's errors come from another realm in
  // some hosts (a vm sandbox, Jest), where that check is false.
  if (typeof error !== 'object' || error === null || typeof (error as Error).message !== 'string') {
    return String(error).slice(0, 200);
  }
  const { message, cause, status, code } = error as Error & {
    cause?: { code?: unknown };
    status?: unknown;
    code?: unknown;
  };
  const parts = [message.slice(0, 200)];
  if (typeof cause === 'object' && cause !== null && cause.code !== undefined) {
    parts.push(`(${String(cause.code)})`);
  }
  if (typeof status === 'number') {
    parts.push(`[HTTP ${status}${typeof code === 'number' ? `, Twilio error ${code}` : ''}]`);
  }
  return parts.join(' ');
}
