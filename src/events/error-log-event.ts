/**
 * The one Event Streams event type `/events` acts on, read defensively.
 *
 * Schema (Twilio, "Error Logs" event type, dataschema ErrorLogs.Error/2):
 * https://www.twilio.com/docs/events/event-types/errors/error-logs
 * A CloudEvent whose `data` carries `sid`, `account_sid`, `date_created`, `level`
 * (INFO | WARNING | ERROR), `request_sid`, `service_sid`, `product_name`,
 * `error_code` (a string of digits) and `payload`: a JSON *string* in the shape of
 * the Debugger webhook's Payload (`resource_sid`, `service_sid`, `error_code`,
 * `more_info`, and for webhook failures `webhook.request.url`),
 * https://www.twilio.com/docs/usage/troubleshooting/debugging-event-webhooks
 * Every field is treated as optional: an event missing what is needed is skipped,
 * never an error (Twilio retries a delivery that gets a 5xx).
 */
import { MAX_PARAM_LENGTH } from '../request/read-param';
import { PROBE_EVENT_EXTENSION, PROBE_MARKER_VALUE } from '../request/probe-marker';

export const ERROR_LOGGED_TYPE = 'com.twilio.error-logs.error.logged';

/** Log levels Twilio's Error Logs use, lowest first. */
export const LOG_LEVELS = ['INFO', 'WARNING', 'ERROR'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * ALERT_MIN_LEVEL's choices (lowercase, as the config parser reads them). `info` is
 * not one: every `console.log` of a Function arrives as an INFO event, `/events`
 * logs a line per delivery, so alerting on INFO would feed itself forever.
 */
export const MIN_LEVEL_CHOICES = ['warning', 'error'] as const;
export type MinLevelChoice = (typeof MIN_LEVEL_CHOICES)[number];

export interface ErrorLogEvent {
  /** The CloudEvent `id` (for the log line). */
  readonly id: string;
  readonly level: LogLevel;
  /** The raw `error_code` text; explained by the catalog. */
  readonly errorCode: string;
  /** When Twilio logged it, as sent (ISO 8601), or null. */
  readonly dateCreated: string | null;
  readonly productName: string | null;
  /** The resource the error is about (a call, message, Function...): payload.resource_sid. */
  readonly resourceSid: string | null;
  readonly serviceSid: string | null;
  /** For webhook failures: the URL Twilio requested (not yet redacted). */
  readonly webhookUrl: string | null;
  /** Replayed by this project's tools (PROBE_EVENT_EXTENSION): logged, never alerted. */
  readonly probe: boolean;
}

export type SkipReason = 'not-an-object' | 'other-type' | 'no-data' | 'no-error-code' | 'bad-level';

export type ReadEvent =
  | { readonly ok: true; readonly event: ErrorLogEvent }
  | { readonly ok: false; readonly reason: SkipReason; readonly type?: string };

const SID = /^[A-Z]{2}[0-9a-fA-F]{32}$/;
const ERROR_CODE_TEXT = /^\d{3,6}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, max = MAX_PARAM_LENGTH): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string' || value.trim() === '') return null;
  return value.trim().slice(0, max);
}

function sid(value: unknown): string | null {
  const candidate = text(value, 34);
  return candidate !== null && SID.test(candidate) ? candidate : null;
}

/** `payload` is JSON inside a string; a bad one only loses the details it held. */
function parsePayload(raw: unknown): Record<string, unknown> {
  if (isRecord(raw)) return raw;
  if (typeof raw !== 'string' || raw.length > 100_000) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return isRecord(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

function webhookUrlOf(payload: Record<string, unknown>): string | null {
  const webhook = payload.webhook;
  if (isRecord(webhook) && isRecord(webhook.request)) {
    const url = text(webhook.request.url);
    if (url !== null) return url;
  }
  const moreInfo = payload.more_info;
  return isRecord(moreInfo) ? text(moreInfo.url) : null;
}

export function readErrorLogEvent(candidate: unknown): ReadEvent {
  if (!isRecord(candidate)) return { ok: false, reason: 'not-an-object' };
  const type = text(candidate.type, 200);
  if (type !== ERROR_LOGGED_TYPE) {
    return { ok: false, reason: 'other-type', ...(type !== null ? { type } : {}) };
  }
  const data = candidate.data;
  if (!isRecord(data)) return { ok: false, reason: 'no-data' };
  const payload = parsePayload(data.payload);
  const errorCode = text(data.error_code) ?? text(payload.error_code);
  if (errorCode === null || !ERROR_CODE_TEXT.test(errorCode)) {
    return { ok: false, reason: 'no-error-code' };
  }
  const level = text(data.level, 20)?.toUpperCase();
  if (!LOG_LEVELS.includes(level as LogLevel)) return { ok: false, reason: 'bad-level' };
  return {
    ok: true,
    event: {
      id: text(candidate.id, 64) ?? 'unknown',
      level: level as LogLevel,
      errorCode,
      dateCreated: text(data.date_created, 64),
      productName: text(data.product_name, 64),
      resourceSid: sid(payload.resource_sid),
      serviceSid: sid(data.service_sid) ?? sid(payload.service_sid),
      webhookUrl: webhookUrlOf(payload),
      probe: candidate[PROBE_EVENT_EXTENSION] === PROBE_MARKER_VALUE,
    },
  };
}

/** `true` when `level` is at or above `minimum`. */
export function levelReaches(level: LogLevel, minimum: MinLevelChoice): boolean {
  return LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(minimum.toUpperCase() as LogLevel);
}
