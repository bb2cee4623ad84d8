/**
 * An Event Streams webhook-sink delivery the way Twilio sends it: a JSON array of
 * CloudEvents, POSTed with `Content-Type: application/json`; the URL gets a
 * `bodySHA256` query parameter (hex SHA-256 of the body) and `X-Twilio-Signature`
 * signs that URL alone, with no parameters
 * (https://www.twilio.com/docs/usage/webhooks/webhooks-security#validating-signatures-from-twilio,
 * https://www.twilio.com/docs/events/webhook-quickstart).
 * Used by `npm run simulate -- --events`, `npm run probe`, the tests and the bench.
 */
import { createHash } from 'node:crypto';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';

export interface SignedDelivery {
  /** The sink destination plus `?bodySHA256=...`: what is requested and signed. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The same delivery with no `X-Twilio-Signature`: what a deployed sink must refuse. */
export function unsignedDelivery(destination: string, events: readonly unknown[]): SignedDelivery {
  const body = JSON.stringify(events);
  const url = new URL(destination);
  url.searchParams.set('bodySHA256', createHash('sha256').update(body).digest('hex'));
  return {
    url: url.toString(),
    body,
    headers: { 'Content-Type': 'application/json', 'User-Agent': 'Twilio-Events/1.0' },
  };
}

export function signedDelivery(
  destination: string,
  events: readonly unknown[],
  authToken: string,
): SignedDelivery {
  const delivery = unsignedDelivery(destination, events);
  return {
    ...delivery,
    headers: {
      ...delivery.headers,
      'X-Twilio-Signature': getExpectedTwilioSignature(authToken, delivery.url, {}),
    },
  };
}

/** What the sink answered (the body cut to `maxBodyChars`: it lands in a report). */
export interface DeliveryAnswer {
  readonly status: number;
  readonly body: string;
}

/**
 * POSTs a delivery as Event Streams does, following no redirect. Rejects when nothing
 * answered (connection refused, DNS, no answer within `timeoutMs`).
 */
export async function postDelivery(
  delivery: SignedDelivery,
  timeoutMs: number,
  maxBodyChars = 2000,
): Promise<DeliveryAnswer> {
  const response = await fetch(delivery.url, {
    method: 'POST',
    headers: delivery.headers,
    body: delivery.body,
    signal: AbortSignal.timeout(timeoutMs),
    redirect: 'manual',
  });
  return { status: response.status, body: (await response.text()).slice(0, maxBodyChars) };
}
