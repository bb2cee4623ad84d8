/**
 * An Event Streams webhook-sink delivery the way Twilio sends it: a JSON array of
 * CloudEvents, POSTed with `Content-Type: application/json`; the URL gets a
 * `bodySHA256` query parameter (hex SHA-256 of the body) and `X-Twilio-Signature`
 * signs that URL alone, with no parameters
 * (https://www.twilio.com/docs/usage/webhooks/webhooks-security#validating-signatures-from-twilio,
 * https://www.twilio.com/docs/events/webhook-quickstart).
 * Used by `npm run simulate -- --events`, the tests and the bench.
 */
import { createHash } from 'node:crypto';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';

export interface SignedDelivery {
  /** The sink destination plus `?bodySHA256=...`: what is requested and signed. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export function signedDelivery(
  destination: string,
  events: readonly unknown[],
  authToken: string,
): SignedDelivery {
  const body = JSON.stringify(events);
  const url = new URL(destination);
  url.searchParams.set('bodySHA256', createHash('sha256').update(body).digest('hex'));
  const sent = url.toString();
  return {
    url: sent,
    body,
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': 'Twilio-Events/1.0',
      'X-Twilio-Signature': getExpectedTwilioSignature(authToken, sent, {}),
    },
  };
}
