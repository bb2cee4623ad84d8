import type { TimeBudget } from './time-budget';
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
      state.windowEndsAt = now + windowMs;
      return { send: true, suppressed: take(state), store: 'memory', degraded };
    }
    const syncLedger = ledger;

    if (opened.value) {
      state.windowEndsAt = now + windowMs;
      const local = take(state);
      const tally = hasTime(remaining())
        ? await budget.run(() => syncLedger.takeTally(key), remaining())
        : NO_TIME_LEFT;
      if (tally.status === 'done')
        return { send: true, suppressed: local + tally.value, store: 'sync' };
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

function take(state: KeyState): number {
  const count = state.pending;
  state.pending = 0;
  return count;
}
