/**
 * Request parameters arrive from the runtime as whatever body-parser and the query
 * parser made of them: strings, arrays (a repeated key), nested objects (`a[b]=c`),
 * or nothing. Everything the core reads goes through here, so it only ever sees a
 * bounded string or `undefined`.
 */
export type RawEvent = Readonly<Record<string, unknown>>;

/** Longest parameter value the core looks at; an SMS body is at most 1,600 characters. */
export const MAX_PARAM_LENGTH = 2048;

export function readParam(event: RawEvent, name: string): string | undefined {
  let value = event[name];
  if (Array.isArray(value)) value = value.find((item) => typeof item === 'string');
  if (typeof value !== 'string') return undefined;
  return value.length > MAX_PARAM_LENGTH ? value.slice(0, MAX_PARAM_LENGTH) : value;
}

const SID = /^[A-Z]{2}[0-9a-fA-F]{32}$/;

/** A Twilio SID (`CA…`, `SM…`), or `undefined` when the parameter is not one. */
export function readSid(event: RawEvent, name: string): string | undefined {
  const value = readParam(event, name)?.trim();
  return value !== undefined && SID.test(value) ? value : undefined;
}

const STATUS_TOKEN = /^[a-z-]{1,20}$/;

/**
 * A short lowercase status word such as `inbound` or `no-answer` (Direction,
 * DialCallStatus), or `undefined` when the parameter is anything else: such values
 * reach log lines, so free text never gets through.
 */
export function readStatusToken(event: RawEvent, name: string): string | undefined {
  const value = readParam(event, name)?.trim();
  return value !== undefined && STATUS_TOKEN.test(value) ? value : undefined;
}
