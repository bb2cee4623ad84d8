/**
 * The alert pipeline of `/events`: the fallback's own parts (catalog explanation,
 * URL redaction, flood control, every configured channel, one time budget), fed
 * by Twilio's error events instead of a fallback request.
 */
import { floodKeyOf, type Alert, type AlertLevel } from '../alerts/alert';
import type { AlertServices } from '../alerts/alert-services';
import { sendAlert, type AlertConfig, type AlertReport } from '../alerts/send-alert';
import { TimeBudget } from '../alerts/time-budget';
import type { AppConfig } from '../config/variables';
import { rememberedErrorUrl, rememberedExplanation } from '../request/remembered-errors';
import {
  LOG_LEVELS,
  levelReaches,
  readErrorLogEvent,
  type ErrorLogEvent,
  type MinLevelChoice,
  type SkipReason,
} from './error-log-event';

/**
 * Event Streams gives a webhook sink 5 s to answer
 * (https://www.twilio.com/docs/events/webhook-quickstart); past it the delivery is
 * retried and its alerts would be sent twice. Alert work stops well before.
 */
const EVENTS_ALERT_BUDGET_MS = 4000;

/**
 * Most alerts one delivery sends (distinct flood keys); the rest are counted in the
 * log line. Each is its own set of concurrent requests: this bounds the sockets.
 */
export const MAX_ALERTS_PER_DELIVERY = 50;

/** Events that share a flood key: one alert stands for all of them. */
export interface ErrorEventGroup {
  readonly floodKey: string;
  readonly first: ErrorLogEvent;
  readonly count: number;
  readonly level: AlertLevel;
  /** Seconds between the earliest and the latest `date_created` (0 when unknown). */
  readonly seconds: number;
  /** The latest `date_created` in ms, or null when none parsed. */
  readonly lastAtMs: number | null;
}

/**
 * One key per error code and where it happened: the failing host for a webhook
 * error (the same key the fallback uses, so `ALERT_MODE=both` pages once), else the
 * service, else the product. Never the resource SID: an outage failing 500 messages
 * would otherwise page 500 times.
 */
export function eventFloodKey(event: ErrorLogEvent): string {
  const host = rememberedErrorUrl(event.webhookUrl ?? undefined)?.failingHost ?? null;
  const code = rememberedExplanation(event.errorCode).code;
  return floodKeyOf(
    code,
    host ?? (event.serviceSid ?? event.productName ?? 'account').toLowerCase(),
  );
}

function timeOf(event: ErrorLogEvent): number | null {
  if (event.dateCreated === null) return null;
  const ms = Date.parse(event.dateCreated);
  return Number.isNaN(ms) ? null : ms;
}

export function groupErrorEvents(events: readonly ErrorLogEvent[]): ErrorEventGroup[] {
  const groups = new Map<
    string,
    { first: ErrorLogEvent; count: number; level: number; min: number | null; max: number | null }
  >();
  for (const event of events) {
    const key = eventFloodKey(event);
    const at = timeOf(event);
    const level = LOG_LEVELS.indexOf(event.level);
    const group = groups.get(key);
    if (group === undefined) {
      groups.set(key, { first: event, count: 1, level, min: at, max: at });
      continue;
    }
    group.count += 1;
    group.level = Math.max(group.level, level);
    if (at !== null) {
      group.min = group.min === null ? at : Math.min(group.min, at);
      group.max = group.max === null ? at : Math.max(group.max, at);
    }
  }
  return [...groups].map(([floodKey, group]) => ({
    floodKey,
    first: group.first,
    count: group.count,
    level: LOG_LEVELS[group.level]!,
    seconds:
      group.min !== null && group.max !== null ? Math.round((group.max - group.min) / 1000) : 0,
    lastAtMs: group.max,
  }));
}

export function errorEventAlert(group: ErrorEventGroup, nowMs: number): Alert {
  const { first } = group;
  const explanation = rememberedExplanation(first.errorCode);
  // The same parse (and redaction) of a failing URL as the fallback's ErrorUrl.
  const failedUrl = rememberedErrorUrl(first.webhookUrl ?? undefined);
  const resource = first.resourceSid ?? '';
  return {
    kind: 'error-event',
    time: new Date(group.lastAtMs ?? nowMs).toISOString(),
    errorCode: explanation.code,
    errorName: explanation.name,
    explanation: `${explanation.cause} ${explanation.check}`,
    docsUrl: explanation.docsUrl,
    errorUrl: failedUrl?.redacted ?? null,
    failingHost: failedUrl?.failingHost ?? null,
    callSid: resource.startsWith('CA') ? resource : null,
    messageSid: /^(SM|MM)/.test(resource) ? resource : null,
    from: null,
    to: null,
    recordingUrl: null,
    recordingSeconds: null,
    floodKey: group.floodKey,
    occurrences: { count: group.count, seconds: group.seconds },
    level: group.level,
  };
}

export interface DeliveryReport {
  readonly received: number;
  /** Error events at or above ALERT_MIN_LEVEL. */
  readonly accepted: number;
  readonly belowMinLevel: number;
  /** Events replayed by this project's tools (probe-marked): answered, never alerted. */
  readonly probes: number;
  readonly skipped: Readonly<Partial<Record<SkipReason, number>>>;
  /** One per flood key handled (sent, suppressed, or abandoned at the budget). */
  readonly alerts: readonly {
    readonly floodKey: string;
    readonly count: number;
    readonly report: AlertReport | 'abandoned';
  }[];
  /** Flood keys past MAX_ALERTS_PER_DELIVERY, not alerted. */
  readonly overflow: number;
}

export type EventsAlertConfig = AlertConfig & Pick<AppConfig, 'alertMinLevel'>;

/**
 * Reads every event of a delivery, skips (and counts) what is not an error event at
 * or above `alertMinLevel`, and sends one alert per flood key, concurrently, all
 * within EVENTS_ALERT_BUDGET_MS. Never rejects.
 */
export async function alertOnErrorEvents(
  candidates: readonly unknown[],
  config: EventsAlertConfig,
  services: AlertServices,
): Promise<DeliveryReport> {
  const skipped: Partial<Record<SkipReason, number>> = {};
  const accepted: ErrorLogEvent[] = [];
  let belowMinLevel = 0;
  let probes = 0;
  for (const candidate of candidates) {
    const read = readErrorLogEvent(candidate);
    if (!read.ok) {
      skipped[read.reason] = (skipped[read.reason] ?? 0) + 1;
      continue;
    }
    if (read.event.probe) {
      // A replay from `npm run simulate`: paging on it would be a false page, and
      // taking the flood window would hide the next real failure.
      probes += 1;
      continue;
    }
    if (!levelReaches(read.event.level, config.alertMinLevel as MinLevelChoice)) {
      belowMinLevel += 1;
      continue;
    }
    accepted.push(read.event);
  }
  const groups = groupErrorEvents(accepted);
  const handled = groups.slice(0, MAX_ALERTS_PER_DELIVERY);
  const budget = new TimeBudget(EVENTS_ALERT_BUDGET_MS);
  const now = services.now();
  const outcomes = await budget.runAll(
    handled.map((group) => ({
      name: group.floodKey,
      run: () => sendAlert(errorEventAlert(group, now), config, services),
    })),
  );
  return {
    received: candidates.length,
    accepted: accepted.length,
    belowMinLevel,
    probes,
    skipped,
    alerts: handled.map((group, index) => {
      const outcome = outcomes[index]!;
      return {
        floodKey: group.floodKey,
        count: group.count,
        report: outcome.status === 'done' ? outcome.value : 'abandoned',
      };
    }),
    overflow: groups.length - handled.length,
  };
}
