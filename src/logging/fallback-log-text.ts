import type { ErrorExplanation } from '../errors/explain-error';
import type { ErrorUrl } from '../request/error-url';
import type { FallbackRecord } from './fallback-record';

/**
 * The fallback's log line as the text `console.log` writes: exactly
 * `JSON.stringify(record)` plus the outcome fields, written without re-serializing
 * what an outage repeats on every request.
 *
 * Why: the failure's fields (the explained ErrorCode, about 500 characters with its
 * explanation, and the redacted ErrorUrl) are the same on every request of an outage,
 * and serializing them per request was a measurable share of what the fallback adds
 * to a bare Function (`npm run bench`, part 1). They come from per-instance memos
 * (src/request/remembered-errors.ts) as the same objects each time, so each object's
 * JSON is kept beside it in a WeakMap: it lives exactly as long as the memo keeps the
 * object, and memory stays bounded whatever requests carry.
 */
const errorJson = new WeakMap<ErrorExplanation, string>();
const errorUrlJson = new WeakMap<ErrorUrl, string>();

function jsonOfError(error: ErrorExplanation): string {
  let json = errorJson.get(error);
  if (json === undefined) {
    json = [
      `"errorCode":${JSON.stringify(error.code)}`,
      `"errorStatus":${JSON.stringify(error.status)}`,
      `"errorName":${JSON.stringify(error.name)}`,
      `"explanation":${JSON.stringify(`${error.cause} ${error.check}`)}`,
      `"docsUrl":${JSON.stringify(error.docsUrl)}`,
    ].join(',');
    errorJson.set(error, json);
  }
  return json;
}

function jsonOfErrorUrl(errorUrl: ErrorUrl | undefined): string {
  if (errorUrl === undefined) return 'null';
  let json = errorUrlJson.get(errorUrl);
  if (json === undefined) {
    json = JSON.stringify(errorUrl.redacted);
    errorUrlJson.set(errorUrl, json);
  }
  return json;
}

/** What the log text is made of: the record's sources, and how the fallback answered. */
export interface FallbackLogParts {
  readonly record: FallbackRecord;
  readonly error: ErrorExplanation;
  readonly errorUrl: ErrorUrl | undefined;
  readonly outcome: string;
  readonly outcomeNote: string | undefined;
}

/**
 * `JSON.stringify` of the record with `outcome` (and `outcomeNote` when there is one)
 * after its fields, in the record's own field order: tests/src/logging holds it to
 * that, for any request, with generated ones.
 */
export function fallbackLogText({
  record,
  error,
  errorUrl,
  outcome,
  outcomeNote,
}: FallbackLogParts): string {
  return (
    `{"event":"fallback","kind":${JSON.stringify(record.kind)},${jsonOfError(error)}` +
    `,"errorUrl":${jsonOfErrorUrl(errorUrl)}` +
    `,"callSid":${JSON.stringify(record.callSid)}` +
    `,"messageSid":${JSON.stringify(record.messageSid)}` +
    `,"direction":${JSON.stringify(record.direction)}` +
    (record.probe === true ? ',"probe":true' : '') +
    `,"outcome":${JSON.stringify(outcome)}` +
    (outcomeNote === undefined ? '' : `,"outcomeNote":${JSON.stringify(outcomeNote)}`) +
    '}'
  );
}
