/**
 * Builds a webhook request the way Twilio sends it: form-encoded, signed with
 * `X-Twilio-Signature`, parameters in the body for POST and in the query for GET.
 */
import { randomUUID } from 'node:crypto';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';

import type { HttpMethod } from '../../src/request/http-method';

export interface SignedRequest {
  /** The URL sent and signed; for GET it carries the parameters. */
  readonly url: string;
  readonly method: HttpMethod;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
}

/**
 * @param url the URL without fragment (Twilio never sends or signs the fragment)
 */
export function signedWebhookRequest(
  url: string,
  method: HttpMethod,
  params: Readonly<Record<string, string>>,
  authToken: string,
): SignedRequest {
  const headers: Record<string, string> = {
    'User-Agent': 'TwilioProxy/1.1',
    Accept: '*/*',
    'Cache-Control': 'max-age=259200',
    'I-Twilio-Idempotency-Token': randomUUID(),
  };
  if (method === 'GET') {
    const withQuery = new URL(url);
    for (const [key, value] of Object.entries(params)) withQuery.searchParams.append(key, value);
    const sent = withQuery.toString();
    // A GET is signed over the full URL alone: its parameters are in the query.
    headers['X-Twilio-Signature'] = getExpectedTwilioSignature(authToken, sent, {});
    return { url: sent, method, headers, body: undefined };
  }
  const sent = new URL(url).toString();
  const body = new URLSearchParams(params).toString();
  headers['Content-Type'] = 'application/x-www-form-urlencoded';
  headers['X-Twilio-Signature'] = getExpectedTwilioSignature(authToken, sent, params);
  return { url: sent, method, headers, body };
}
