/**
 * Limits Twilio applies to a webhook answer, and the emulator's own bounds.
 * Rows marked inferred are not documented by Twilio.
 */

/** Largest TwiML document Twilio executes (error 11750 above it). */
export const MAX_TWIML_BYTES = 64 * 1024;

/** Content types Twilio executes as TwiML; anything else is error 12300 (inferred). */
export const TWIML_CONTENT_TYPES: readonly string[] = ['text/xml', 'application/xml'];

/** HTTP 3xx hops Twilio follows for one request before error 11215 (inferred). */
export const MAX_HTTP_REDIRECTS = 10;

/**
 * `<Redirect>` / action hops the emulator follows in one run. Twilio itself keeps a
 * call going as long as TwiML comes back; the emulator stops so a loop ends.
 */
export const DEFAULT_MAX_TWIML_HOPS = 10;
