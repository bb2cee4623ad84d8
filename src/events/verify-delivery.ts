/**
 * Whether a delivery to `/events` came from Twilio.
 *
 * Deployed, `/events` is protected: Twilio's gateway checks `X-Twilio-Signature`
 * first and answers 400 itself (https://www.twilio.com/docs/serverless/functions-assets/function-execution#request-flow).
 * The Function checks again, so it stays safe on the local dev server (which
 * checks nothing) and if it is ever made public.
 *
 * For a JSON body Twilio signs the URL alone, with a `bodySHA256` query parameter
 * holding the hex SHA-256 of the raw body; twilio-node's `validateRequestWithBody`
 * checks both (https://www.twilio.com/docs/usage/webhooks/webhooks-security#validating-signatures-from-twilio).
 */
import type { SinkDelivery } from './sink-delivery';
import { schemeOf } from '../runtime/function-url';

/** twilio-node's `validateRequestWithBody`, injected (the runtime provides `Twilio`). */
export type ValidateRequestWithBody = (
  authToken: string,
  signature: string,
  url: string,
  body: string,
) => boolean;

export type Verdict = { readonly valid: true } | { readonly valid: false; readonly reason: string };

/**
 * The URL Twilio signed: the sink's destination plus `bodySHA256`. Rebuilt from the
 * Function's own domain and path, so a sink destination with a query string of its
 * own (which `npm run configure -- --alerts events` never creates) cannot validate.
 * The local dev server serves plain http on loopback.
 */
export function signedUrl(domainName: string, path: string, bodySha256: string): string {
  return `${schemeOf(domainName)}://${domainName}${path}?bodySHA256=${bodySha256}`;
}

export function verifyDelivery(
  delivery: SinkDelivery,
  where: {
    readonly authToken: string | undefined;
    readonly domainName: string;
    readonly path: string;
  },
  validate: ValidateRequestWithBody,
): Verdict {
  if (where.authToken === undefined || where.authToken === '') {
    return { valid: false, reason: 'AUTH_TOKEN is not set: no delivery can be verified' };
  }
  if (delivery.signature === undefined) return { valid: false, reason: 'no X-Twilio-Signature' };
  if (delivery.bodySha256 === undefined) return { valid: false, reason: 'no bodySHA256 parameter' };
  const url = signedUrl(where.domainName, where.path, delivery.bodySha256);
  return validate(where.authToken, delivery.signature, url, delivery.reserializedBody)
    ? { valid: true }
    : { valid: false, reason: 'signature or body hash does not match' };
}
