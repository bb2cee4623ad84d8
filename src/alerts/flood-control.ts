import type { Outcome, TimeBudget } from './time-budget';
import type { SyncLedger } from './sync-ledger';

/** Where a decision came from: Sync (shared by all instances) or this instance's memory. */
export type FloodStore = 'sync' | 'memory';

export interface FloodDecision {
  /** `true`: this alert opens a window and is sent. */
  readonly send: boolean;
  /** When sending: suppressions reported with it. When suppressing: this instance's unreported count. */
  readonly suppressed: number;
  readonly store: FloodStore;
  /** Why Sync was not used or only partly used; for the log. */
  readonly degraded?: string;
  /** When sending: the window this alert opened, to give back if it is not delivered. */
  readonly claim?: WindowClaim;
}

/**
 * A window an alert opened and the suppressions it took to report. Only a
 * delivered alert may keep them: otherwise giveBack returns both, so the next
 * failure alerts and reports the count.
 */
export interface WindowClaim {
  readonly key: string;
  /** The instance's window end before, and after, this alert opened it. */
  readonly previousWindowEndsAt: number;
  readonly windowEndsAt: number;
  /** Suppressions this instance held. */
  readonly local: number;
  /** Suppressions read (and deleted) from the Sync tally. */
  readonly fromSync: number;
  /** The ledger whose `window:` item this alert created; `undefined` when memory decided. */
  readonly ledger: SyncLedger | undefined;
}

/** How a window was given back; `degraded` says what could not be undone in Sync. */
export interface GiveBackReport {
  readonly store: FloodStore;
  /** Suppressions kept for the next alert. */
  readonly suppressed: number;
  readonly degraded?: string;
}

/** Most keys an instance remembers; the oldest is forgotten first (a Map keeps insertion order). */
const MAX_REMEMBERED_KEYS = 500;

/** Longest an instance holds suppressions before adding them to the shared tally. */
const MAX_FLUSH_INTERVAL_MS = 10_000;

/** What this instance knows about one key. */
interface KeyState {
  /** Until when this instance considers the key's window open (0: never opened here). */
  windowEndsAt: number;
  /** Suppressed here and not yet reported by an alert or added to the Sync tally. */
  pending: number;
  lastFlushAt: number | undefined;
}

/**
 * At most one alert per key (error code + failing host) per window, across Function
 * instances when Sync answers, per instance when it does not.
 *
 * One object lives per Function instance (module scope: it survives between
 * invocations of a warm instance, and dies with it). It mirrors what Sync said, so
 * that when Sync stops answering in the middle of a window this instance does not
 * start alerting on every call; and it counts suppressions, adding them to the Sync
 * tally at most every 10 s (one extra round trip, not one per call).
 */
export class FloodControl {
  private readonly keys = new Map<string, KeyState>();

  constructor(private readonly now: () => number) {}

  /**
   * Decides whether to send the alert for `key`. Sync work is bounded by `limitMs`
   * of `budget`; past it, or on any Sync error, this instance's memory decides.
   */
  async admit(
    key: string,
    windowSeconds: number,
    openLedger: () => SyncLedger,
    budget: TimeBudget,
    limitMs: number,
  ): Promise<FloodDecision> {
    const now = this.now();
    const windowMs = windowSeconds * 1000;
    const state = this.stateOf(key);
    const deadline = budget.elapsedMs() + limitMs;
    // What is left of Sync's share, and of the whole budget.
    const remaining = () =>
      Math.min(Math.max(0, deadline - budget.elapsedMs()), budget.remainingMs());
    let ledger: SyncLedger | undefined;
    // A Sync request started with no time left would be abandoned at once, yet still
    // reach Sync (twilio-node requests cannot be cancelled): such a step is skipped.
    const opened = hasTime(remaining())
      ? await budget.run(async () => {
          ledger = openLedger();
          return ledger.openWindow(key, windowSeconds, now);
        }, remaining())
      : NO_TIME_LEFT;

    if (opened.status !== 'done' || ledger === undefined) {
      const degraded =
        opened === NO_TIME_LEFT
          ? 'no time left in the alert budget for Sync'
          : opened.status === 'failed'
            ? `Sync unavailable: ${opened.reason}`
            : `Sync did not answer within ${limitMs} ms`;
      // This instance alone: one alert per key per window, counting what it suppressed.
      if (now < state.windowEndsAt) return this.suppress(state, 'memory', degraded);
      const claim = this.open(key, state, now + windowMs, undefined);
      return { send: true, suppressed: claim.local, store: 'memory', degraded, claim };
    }
    const syncLedger = ledger;

    if (opened.value) {
      const opening = this.open(key, state, now + windowMs, syncLedger);
      const { local } = opening;
      const tally = hasTime(remaining())
        ? await budget.run(() => syncLedger.takeTally(key), remaining())
        : NO_TIME_LEFT;
      const claim = { ...opening, fromSync: tally.status === 'done' ? tally.value : 0 };
      if (tally.status === 'done')
        return { send: true, suppressed: local + tally.value, store: 'sync', claim };
      const why =
        tally === NO_TIME_LEFT
          ? 'no time left'
          : tally.status === 'failed'
            ? tally.reason
            : 'timed out';
      return {
        send: true,
        suppressed: local,
        store: 'sync',
        degraded: `suppression tally unreadable (${why}); count is this instance's only`,
        claim,
      };
    }

    // Another instance alerted within the window. Its exact start is unknown here;
    // remembering "from now" errs on the side of fewer alerts if Sync goes away.
    if (now >= state.windowEndsAt) state.windowEndsAt = now + windowMs;
    state.pending += 1;
    const flushDue =
      state.lastFlushAt === undefined ||
      now - state.lastFlushAt >= Math.min(MAX_FLUSH_INTERVAL_MS, windowMs / 2);
    if (!flushDue) return { send: false, suppressed: state.pending, store: 'sync' };
    if (!hasTime(remaining())) {
      // Not attempted, so still due: the next suppression with time left flushes.
      return {
        send: false,
        suppressed: state.pending,
        store: 'sync',
        degraded: 'suppression tally not updated (no time left); kept for later',
      };
    }

    state.lastFlushAt = now;
    const count = state.pending;
    const flushed = await budget.run(() => syncLedger.addToTally(key, count), remaining());
    if (flushed.status === 'done' && flushed.value) {
      state.pending -= count;
      return { send: false, suppressed: state.pending, store: 'sync' };
    }
    const why =
      flushed.status === 'failed'
        ? flushed.reason
        : flushed.status === 'timed-out'
          ? 'timed out'
          : 'another instance updated it first';
    return {
      send: false,
      suppressed: state.pending,
      store: 'sync',
      degraded: `suppression tally not updated (${why}); kept for later`,
    };
  }

  /**
   * Gives back a window whose alert no channel delivered: this instance's memory
   * at once, and in Sync (within what is left of `budget`) the `window:` item is
   * deleted and the tally taken for the alert is added back. What Sync does not
   * take back stays in this instance's count, so the next alert still reports it;
   * a window item Sync did not delete keeps suppressing until its TTL (logged).
   */
  async giveBack(claim: WindowClaim, budget: TimeBudget): Promise<GiveBackReport> {
    const state = this.stateOf(claim.key);
    // Unless something since moved the window on (it never does within one instance).
    if (state.windowEndsAt === claim.windowEndsAt) {
      state.windowEndsAt = claim.previousWindowEndsAt;
    }
    state.pending += claim.local;
    const ledger = claim.ledger;
    if (ledger === undefined) {
      state.pending += claim.fromSync;
      return { store: 'memory', suppressed: state.pending };
    }
    if (!hasTime(budget.remainingMs())) {
      state.pending += claim.fromSync;
      return {
        store: 'sync',
        suppressed: state.pending,
        degraded: 'no time left to delete the Sync window: it suppresses until it expires',
      };
    }
    const [closed, restored] = await budget.runAll<boolean>([
      { name: 'window', run: () => ledger.closeWindow(claim.key).then(() => true) },
      {
        name: 'tally',
        run: () =>
          claim.fromSync > 0 ? ledger.addToTally(claim.key, claim.fromSync) : Promise.resolve(true),
      },
    ]);
    const problems: string[] = [];
    if (closed?.status !== 'done') {
      problems.push(
        `Sync window not deleted (${outcomeReason(closed)}): it suppresses until it expires`,
      );
    }
    if (restored?.status !== 'done' || !restored.value) {
      state.pending += claim.fromSync;
      problems.push(`Sync tally not restored (${outcomeReason(restored)}); kept for later`);
    }
    return {
      store: 'sync',
      suppressed: state.pending,
      ...(problems.length > 0 ? { degraded: problems.join('; ') } : {}),
    };
  }

  /**
   * Opens this instance's window for `key`, taking the suppressions it held (`fromSync`
   * 0: the Sync path adds its tally once it has read it).
   */
  private open(
    key: string,
    state: KeyState,
    windowEndsAt: number,
    ledger: SyncLedger | undefined,
  ): WindowClaim {
    const previousWindowEndsAt = state.windowEndsAt;
    state.windowEndsAt = windowEndsAt;
    return { key, previousWindowEndsAt, windowEndsAt, local: take(state), fromSync: 0, ledger };
  }

  private suppress(state: KeyState, store: FloodStore, degraded: string): FloodDecision {
    state.pending += 1;
    return { send: false, suppressed: state.pending, store, degraded };
  }

  private stateOf(key: string): KeyState {
    let state = this.keys.get(key);
    if (!state) {
      state = { windowEndsAt: 0, pending: 0, lastFlushAt: undefined };
      this.keys.set(key, state);
      if (this.keys.size > MAX_REMEMBERED_KEYS) this.keys.delete(this.keys.keys().next().value!);
    }
    return state;
  }
}

/** Less than this many ms left: a Sync step is not started. */
const MIN_SYNC_STEP_MS = 1;

function hasTime(remainingMs: number): boolean {
  return remainingMs >= MIN_SYNC_STEP_MS;
}

/** A Sync step skipped for want of time (told apart from a timeout in the log). */
const NO_TIME_LEFT = { status: 'skipped' } as const;

function outcomeReason(outcome: Outcome<boolean> | undefined): string {
  if (outcome === undefined || outcome.status === 'timed-out') return 'timed out';
  if (outcome.status === 'failed') return outcome.reason;
  return outcome.value ? 'done' : 'another instance updated it first';
}

function take(state: KeyState): number {
  const count = state.pending;
  state.pending = 0;
  return count;
}
