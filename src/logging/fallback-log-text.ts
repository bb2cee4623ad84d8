import type { ErrorExplanation } from '../errors/explain-error';
import type { ErrorUrl } from '../request/error-url';
import type { FallbackRequest } from '../request/fallback-request';

/**
 * The fallback's log line as the text `console.log` writes: exactly the JSON of
 * fallback-record.ts's record plus the outcome fields, written without building the
 * record or re-serializing what an outage repeats on every request.
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

/**
 * `JSON.stringify(fallbackRecord(request))` with `outcome` (and `outcomeNote` when there
 * is one) after its fields, without building the record: tests/src/logging holds the
 * two equal, for any request, with generated ones.
 */
export function fallbackLogText(
  request: FallbackRequest,
  outcome: string,
  outcomeNote: string | undefined,
): string {
  return (
    `{"event":"fallback","kind":${JSON.stringify(request.kind)},${jsonOfError(request.error)}` +
    `,"errorUrl":${jsonOfErrorUrl(request.errorUrl)}` +
    `,"callSid":${JSON.stringify(request.callSid ?? null)}` +
    `,"messageSid":${JSON.stringify(request.messageSid ?? null)}` +
    `,"direction":${JSON.stringify(request.direction ?? null)}` +
    (request.probe ? ',"probe":true' : '') +
    `,"outcome":${JSON.stringify(outcome)}` +
    (outcomeNote === undefined ? '' : `,"outcomeNote":${JSON.stringify(outcomeNote)}`) +
    '}'
  );
}
