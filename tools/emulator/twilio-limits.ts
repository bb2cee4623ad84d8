/**
 * Limits Twilio applies to a webhook answer, and the emulator's own bounds.
 * Rows marked inferred are not documented by Twilio.
 */

/** Largest TwiML document Twilio executes (error 11750 above it). */
export const MAX_TWIML_BYTES = 64 * 1024;

/**
 * Content types Twilio executes as TwiML: text/xml, application/xml and text/html
 * (https://www.twilio.com/docs/voice/twiml, "Twilio understands MIME types"). An HTML
 * page is therefore parsed, and fails as a document (12100), not as a type.
 */
export const TWIML_CONTENT_TYPES: readonly string[] = ['text/xml', 'application/xml', 'text/html'];

/**
 * A call whose URL answers text/plain hears the text read aloud (as a `<Say>`), then
 * the call ends (same page). For a message it is 12300 (inferred: the page is Voice's).
 */
export const SPOKEN_CONTENT_TYPE = 'text/plain';

/**
 * Audio types a call plays (then the call ends), as the `<Play>` page lists them
 * (https://www.twilio.com/docs/voice/twiml/play, "Supported audio file types"; the
 * MIME-type table of https://www.twilio.com/docs/voice/twiml/your-response says
 * "various audio types ... plays the audio file to the caller, and then hangs up").
 * A message answered with audio is 12300 (inferred: that page is Voice's).
 */
export const PLAYED_CONTENT_TYPES: readonly string[] = [
  'audio/mpeg',
  'audio/wav',
  'audio/wave',
  'audio/x-wav',
  'audio/aiff',
  'audio/x-aifc',
  'audio/x-aiff',
  'audio/x-gsm',
  'audio/gsm',
  'audio/ulaw',
];

/** HTTP 3xx hops Twilio follows for one request before error 11215 (inferred). */
export const MAX_HTTP_REDIRECTS = 10;

/**
 * `<Redirect>` / action hops the emulator follows in one run. Twilio itself keeps a
 * call going as long as TwiML comes back; the emulator stops so a loop ends.
 */
export const DEFAULT_MAX_TWIML_HOPS = 10;
