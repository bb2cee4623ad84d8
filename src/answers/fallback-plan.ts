import { alertConfigProblems, hasAlertChannel } from '../alerts/alert-channels';
import { fallbackSendsAlert } from '../alerts/alert-mode';
import type { ConfigProblem } from '../config/read-config';
import type { AppConfig } from '../config/variables';
import { SharedAnswers } from './shared-answers';

/**
 * What the fallback's answer takes from configuration alone, worked out once per
 * configuration instead of on every request: readConfig hands a warm instance the
 * same AppConfig object for as long as its environment is unchanged, so a memo by
 * that object is hit on every request after the first (and can never be stale: an
 * AppConfig is never changed after it is read).
 */
interface FallbackPlan {
  /**
   * The fallback itself sends an alert when the primary failed: at least one channel
   * is on, and ALERT_MODE is not `events` (then /events alerts instead). When false,
   * no alert record is built at all.
   */
  readonly sendsFailureAlerts: boolean;
  /** Alert settings that cannot work as configured (alertConfigProblems). */
  readonly alertProblems: readonly ConfigProblem[];
  /** The answers that depend on this configuration alone, built on first use. */
  readonly answers: SharedAnswers;
}

const plans = new WeakMap<AppConfig, FallbackPlan>();

export function fallbackPlan(config: AppConfig): FallbackPlan {
  let plan = plans.get(config);
  if (plan === undefined) {
    plan = {
      sendsFailureAlerts:
        hasAlertChannel(config) && fallbackSendsAlert('fallback', config.alertMode),
      alertProblems: alertConfigProblems(config),
      answers: new SharedAnswers(config),
    };
    plans.set(config, plan);
  }
  return plan;
}
