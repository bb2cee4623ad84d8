/**
 * Parsers for single environment values. Each returns the parsed value, or a
 * human-readable reason why the raw text was rejected.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * E.164: a `+`, a country code that does not start with 0, and at most 15 digits in
 * all. Twilio's own pattern (https://www.twilio.com/docs/glossary/what-e164):
 * `^\+[1-9]\d{1,14}$`. The one rule for a phone number, used by the Functions'
 * configuration and the tools' `--number` alike.
 */
const E164 = /^\+[1-9]\d{1,14}$/;

export function parseE164(raw: string): Parsed<string> {
  const compact = raw.replace(/[\s().-]/g, '');
  return E164.test(compact)
    ? { ok: true, value: compact }
    : { ok: false, reason: 'is not an E.164 phone number like +14155550100' };
}

export function parseIntegerInRange(min: number, max: number) {
  return (raw: string): Parsed<number> => {
    if (!/^\d+$/.test(raw)) return { ok: false, reason: `is not a whole number` };
    const value = Number(raw);
    return value >= min && value <= max
      ? { ok: true, value }
      : { ok: false, reason: `is outside ${min}..${max}` };
  };
}

/** <Say> accepts up to 4,096 characters; keep well inside it. */
export const MAX_SPOKEN_TEXT = 1000;

/** Characters XML 1.0 cannot carry: TwiML built from them would not serialize. */
export const XML_INVALID_CHARACTER =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function parseText(raw: string): Parsed<string> {
  if (raw.length > MAX_SPOKEN_TEXT) {
    return { ok: false, reason: `is longer than ${MAX_SPOKEN_TEXT} characters` };
  }
  if (XML_INVALID_CHARACTER.test(raw)) {
    return { ok: false, reason: 'contains control characters TwiML cannot carry' };
  }
  return { ok: true, value: raw };
}

/**
 * The shape of a <Say> voice: the basic three, or an Amazon Polly / Google voice name
 * (Polly names may carry accents: Polly.Mía-Generative). Whether Twilio documents the
 * voice, and for which language, is checked with the pair (./say-pair.ts).
 */
export function parseVoice(raw: string): Parsed<string> {
  return /^(man|woman|alice|(Polly|Google)\.[\p{L}0-9_.-]{2,60})$/u.test(raw)
    ? { ok: true, value: raw }
    : { ok: false, reason: 'is not a Twilio <Say> voice (man, woman, alice, Polly.*, Google.*)' };
}

/** BCP 47 language tags as <Say> takes them: en-US, fr-FR, cmn-CN. */
export function parseLanguage(raw: string): Parsed<string> {
  return /^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/.test(raw)
    ? { ok: true, value: raw }
    : { ok: false, reason: 'is not a language tag like en-US' };
}
