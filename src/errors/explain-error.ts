import { errorDocsUrl, lookupTwilioError } from './catalog';

/** How the `ErrorCode` request parameter was read. */
export type ErrorCodeStatus = 'known' | 'unknown' | 'missing' | 'malformed';

export interface ErrorExplanation {
  readonly status: ErrorCodeStatus;
  /** The numeric code, when the parameter held one. */
  readonly code: number | null;
  readonly name: string;
  readonly cause: string;
  readonly check: string;
  readonly docsUrl: string;
}

const ERROR_DICTIONARY_URL = 'https://www.twilio.com/docs/api/errors';

/** Twilio error codes are five digits; allow a little room, refuse anything absurd. */
const ERROR_CODE = /^\d{3,6}$/;

/**
 * Every request without an ErrorCode (a probe, a direct request) gets this one object,
 * so what is kept beside an explanation (the log line's JSON) is kept once for them too.
 */
const MISSING_ERROR_CODE: ErrorExplanation = Object.freeze({
  status: 'missing',
  code: null,
  name: 'No error code',
  cause:
    'The request carried no ErrorCode: it did not come from Twilio’s fallback mechanism (a direct request, a probe, or a Redirect).',
  check: 'Point the number’s Fallback URL here; Twilio adds ErrorCode and ErrorUrl itself.',
  docsUrl: ERROR_DICTIONARY_URL,
});

/**
 * Turns the raw `ErrorCode` parameter into an explanation a developer can act on.
 * Never throws: anything that is not a known code gets a generic, still-useful answer.
 */
export function explainErrorCode(raw: string | undefined): ErrorExplanation {
  if (raw === undefined || raw.trim() === '') return MISSING_ERROR_CODE;
  const text = raw.trim();
  if (!ERROR_CODE.test(text)) {
    return {
      status: 'malformed',
      code: null,
      name: 'Malformed error code',
      cause: 'The ErrorCode parameter is not a Twilio error number.',
      check: 'Requests with a forged or garbled ErrorCode did not come from Twilio.',
      docsUrl: ERROR_DICTIONARY_URL,
    };
  }
  const code = Number(text);
  const info = lookupTwilioError(code);
  if (!info) {
    return {
      status: 'unknown',
      code,
      name: `Twilio error ${code}`,
      cause: 'An error this project has no entry for.',
      check: 'Read Twilio’s page for the code and the Debugger entry for the call.',
      docsUrl: errorDocsUrl(code),
    };
  }
  return {
    status: 'known',
    code,
    name: info.name,
    cause: info.cause,
    check: info.check,
    docsUrl: errorDocsUrl(code),
  };
}
