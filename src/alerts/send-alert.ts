import type { AppConfig } from '../config/variables';
import type { Alert } from './alert';
import { alertChannels, type ChannelConfig } from './alert-channels';
import type { AlertMessage } from './alert-message';
import type { AlertServices } from './alert-services';
import type { AlertChannelName } from './channels/alert-channel';
import { FloodControl, type FloodDecision } from './flood-control';
import { instanceState } from '../runtime/instance-state';
import { SyncLedger } from './sync-ledger';
import { describeFailure, TimeBudget, type NamedOutcome } from './time-budget';

/**
 * Share of the alert budget flood control may spend on Sync before this instance's
 * memory decides instead: a slow Sync must leave the channels time to send.
 */
export const FLOOD_CONTROL_SHARE = 0.5;

/**
 * Share of the alert budget kept back from the channels when this alert holds a
 * Sync window: if no channel delivers, deleting the window must still fit in the
 * budget (a window kept by an undelivered alert would hide the next failure).
 */
export const GIVE_BACK_SHARE = 0.2;

export type AlertConfig = ChannelConfig & Pick<AppConfig, 'alertBudgetMs' | 'alertWindowSeconds'>;

export interface AlertReport {
  /** `null` when the alert skipped flood control (voicemail) or no channel is configured. */
  readonly decision: FloodDecision | null;
  readonly outcomes: readonly NamedOutcome<string>[];
  /** At least one channel delivered (only then does the alert keep its flood window). */
  readonly delivered: boolean;
  readonly elapsedMs: number;
}

function log(line: Record<string, unknown>): void {
  console.log(JSON.stringify(line));
}

/**
 * Sends `alert` on every configured channel, concurrently, within
 * `config.alertBudgetMs` in all (flood control included), and logs one line per
 * channel. Never rejects and never takes longer than the budget (plus timer
 * slack): the fallback awaits it before answering, so a slow, failing or hanging
 * channel costs the caller at most the budget and never changes the answer.
 */
export async function sendAlert(
  alert: Alert,
  config: AlertConfig,
  services: AlertServices,
  floodControl?: FloodControl,
): Promise<AlertReport> {
  const budget = new TimeBudget(config.alertBudgetMs);
  try {
    const channels = alertChannels(config, services);
    if (channels.length === 0) {
      return { decision: null, outcomes: [], delivered: false, elapsedMs: 0 };
    }

    let decision: FloodDecision | null = null;
    // This instance's own (instanceState: it lives as long as the instance).
    const flood = floodControl ?? (instanceState.floodControl ??= new FloodControl(services.now));
    if (alert.floodKey !== null) {
      decision = await flood.admit(
        alert.floodKey,
        config.alertWindowSeconds,
        () => new SyncLedger(services.syncService()),
        budget,
        Math.floor(config.alertBudgetMs * FLOOD_CONTROL_SHARE),
      );
      if (decision.degraded !== undefined) {
        log({
          event: 'flood-control-degraded',
          key: alert.floodKey,
          store: decision.store,
          reason: decision.degraded,
        });
      }
      if (!decision.send) {
        log({
          event: 'alert-suppressed',
          alert: alert.kind,
          key: alert.floodKey,
          store: decision.store,
          unreported: decision.suppressed,
        });
        return { decision, outcomes: [], delivered: false, elapsedMs: budget.elapsedMs() };
      }
    }

    const message: AlertMessage = {
      alert,
      suppressed: decision?.suppressed ?? 0,
      windowSeconds: config.alertWindowSeconds,
    };
    const claim = decision?.claim;
    const reserveMs =
      claim?.ledger !== undefined ? Math.floor(config.alertBudgetMs * GIVE_BACK_SHARE) : 0;
    const channelMs = Math.max(0, budget.remainingMs() - reserveMs);
    const outcomes = await budget.runAll(
      channels.map((channel) => ({
        name: channel.name,
        run: (signal: AbortSignal) => channel.send(message, signal),
      })),
      channelMs,
    );
    for (const outcome of outcomes) logOutcome(alert, outcome, budget.totalMs);
    const delivered = outcomes.some((outcome) => outcome.status === 'done');
    if (!delivered && claim !== undefined) {
      // Only a delivered alert closes the window: give it back, with its count.
      const returned = await flood.giveBack(claim, budget);
      log({
        event: 'flood-window-returned',
        alert: alert.kind,
        key: claim.key,
        store: returned.store,
        unreported: returned.suppressed,
        ...(returned.degraded !== undefined ? { degraded: returned.degraded } : {}),
      });
    }
    return { decision, outcomes, delivered, elapsedMs: budget.elapsedMs() };
  } catch (error) {
    // A defect, not a channel failure: still never the caller's problem.
    // A warning, not console.error: /events would receive an ERROR line back from Event
    // Streams as an error event and alert on it, a loop (see functions/events.protected.ts).
    console.warn(JSON.stringify({ event: 'alert-error', reason: describeFailure(error) }));
    return { decision: null, outcomes: [], delivered: false, elapsedMs: budget.elapsedMs() };
  }
}

function logOutcome(alert: Alert, outcome: NamedOutcome<string>, budgetMs: number): void {
  const channel = outcome.name as AlertChannelName;
  if (outcome.status === 'done') {
    log({ event: 'alert-sent', alert: alert.kind, channel, detail: outcome.value, ms: outcome.ms });
    return;
  }
  console.warn(
    JSON.stringify({
      event: 'alert-channel-failed',
      alert: alert.kind,
      channel,
      reason:
        outcome.status === 'failed'
          ? outcome.reason
          : `abandoned: no answer within the ${budgetMs} ms alert budget`,
      ms: outcome.ms,
    }),
  );
}
