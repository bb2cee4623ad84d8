import type { AlertLevel } from '../alert';
import { alertText, alertTitle, type AlertMessage } from '../alert-message';
import type { AlertChannel } from './alert-channel';
import { postJson } from './http-post';

export interface PagerDutySettings {
  /** The Events API v2 endpoint (https://events.pagerduty.com/v2/enqueue, or a stand-in). */
  readonly eventsUrl: string;
  readonly routingKey: string;
}

/** PagerDuty's severities (Events API v2 `payload.severity`). */
export type PagerDutySeverity = 'critical' | 'error' | 'warning' | 'info';

/**
 * The Events API v2 body of a `trigger`, as PagerDuty documents it
 * (https://developer.pagerduty.com/docs/send-alert-event, and the API reference
 * https://developer.pagerduty.com/api-reference/368ae3d938c9e-send-an-event-to-pager-duty):
 * `summary` at most 1024 characters, `dedup_key` at most 255.
 */
export interface PagerDutyTrigger {
  readonly routing_key: string;
  readonly event_action: 'trigger';
  readonly dedup_key?: string;
  readonly payload: {
    readonly summary: string;
    readonly source: string;
    readonly severity: PagerDutySeverity;
    readonly timestamp: string;
    readonly component?: string;
    readonly class?: string;
    readonly custom_details: Record<string, unknown>;
  };
  readonly links?: readonly { readonly href: string; readonly text: string }[];
}

const SEVERITY_OF_LEVEL: Readonly<Record<AlertLevel, PagerDutySeverity>> = {
  ERROR: 'error',
  WARNING: 'warning',
  INFO: 'info',
};

/**
 * A fallback alert means a caller already heard the error message: `error`, like a
 * Twilio ERROR event. A voicemail is a caller waiting for a call back: `critical`.
 */
function pagerDutySeverity(message: AlertMessage): PagerDutySeverity {
  const { alert } = message;
  if (alert.level !== undefined) return SEVERITY_OF_LEVEL[alert.level];
  return alert.kind === 'voicemail' ? 'critical' : 'error';
}

export function pagerDutyTrigger(message: AlertMessage, routingKey: string): PagerDutyTrigger {
  const { alert } = message;
  // Voicemails carry no flood key: each is its own incident (PagerDuty makes a key).
  const dedup = alert.floodKey !== null ? { dedup_key: alert.floodKey.slice(0, 255) } : {};
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    ...dedup,
    payload: {
      summary: alertTitle(message).slice(0, 1024),
      source: alert.failingHost ?? 'twilio-fallback-guard',
      severity: pagerDutySeverity(message),
      timestamp: alert.time,
      ...(alert.errorCode !== null ? { class: `twilio-error-${alert.errorCode}` } : {}),
      component: alert.kind,
      custom_details: {
        explanation: alert.explanation,
        details: alertText(message),
        errorCode: alert.errorCode,
        errorUrl: alert.errorUrl,
        callSid: alert.callSid,
        messageSid: alert.messageSid,
        occurrences: alert.occurrences?.count ?? 1,
        periodSeconds: alert.occurrences?.seconds ?? 0,
        suppressedSinceLastAlert: message.suppressed,
      },
    },
    links: [{ href: alert.docsUrl, text: 'Twilio error reference' }],
  };
}

/** A `trigger` to PagerDuty's Events API v2; PagerDuty answers 202 Accepted. */
export function pagerDutyChannel(
  settings: PagerDutySettings,
  fetchImpl: typeof fetch,
): AlertChannel {
  return {
    name: 'pagerduty',
    send: (message, signal) =>
      postJson(
        fetchImpl,
        settings.eventsUrl,
        pagerDutyTrigger(message, settings.routingKey),
        signal,
      ),
  };
}
