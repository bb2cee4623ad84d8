import type { Parsed } from '../config/validators';

/**
 * The methods Twilio requests a webhook with: a number's `VoiceMethod`,
 * `VoiceFallbackMethod`, `SmsMethod`, ... and a TwiML verb's `method` attribute take
 * `GET` or `POST` (https://www.twilio.com/docs/usage/webhooks/webhooks-overview).
 */
const HTTP_METHODS = ['GET', 'POST'] as const;

export type HttpMethod = (typeof HTTP_METHODS)[number];

/** `get`, ` POST ` and the like; anything but GET or POST is refused. */
export function parseHttpMethod(raw: string): Parsed<HttpMethod> {
  const upper = raw.trim().toUpperCase();
  return (HTTP_METHODS as readonly string[]).includes(upper)
    ? { ok: true, value: upper as HttpMethod }
    : { ok: false, reason: 'is not GET or POST' };
}
