import type { AlertKind } from './alert';

/**
 * Who sends the alerts about a failing primary (`ALERT_MODE`).
 * - `inline`: the fallback, before it answers (the caller waits up to ALERT_BUDGET_MS).
 * - `events`: `/events`, from Twilio's Event Streams; the fallback answers at once.
 * - `both`: both (flood control and PagerDuty's dedup_key share one key per error
 *   and host, so one outage still pages once per window where Sync is shared).
 */
export const ALERT_MODES = ['inline', 'events', 'both'] as const;

export type AlertMode = (typeof ALERT_MODES)[number];

/**
 * Whether the fallback sends `kind` itself. A voicemail is no Twilio error (no
 * event will ever carry it), so it is always sent inline: only the fallback knows.
 */
export function fallbackSendsAlert(kind: AlertKind, mode: AlertMode): boolean {
  return kind === 'voicemail' || mode !== 'events';
}
