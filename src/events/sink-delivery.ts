/**
 * What the Functions runtime hands `/events` of an Event Streams delivery, read
 * back into the JSON array Twilio sent.
 *
 * Found in @twilio/runtime-handler 2.1.0 (dist/dev-runtime/server.js, route.js):
 * the body goes through body-parser (`json()` and `urlencoded()`), and the
 * Function's `event` is `{ request: { headers, cookies }, ...req.query, ...req.body }`.
 * So:
 * - a JSON array body arrives spread into `event` by index: `event['0']`,
 *   `event['1']`, ... (an empty array leaves no key at all);
 * - the raw body is NOT kept: what Twilio hashed into `bodySHA256` has to be
 *   re-serialized from the parsed array (see `reserializedBody`);
 * - a body that is not valid JSON never reaches the Function: body-parser answers
 *   HTTP 400 itself;
 * - query parameters (`bodySHA256`) share the namespace with the body.
 */
import type { RawEvent } from '../request/read-param';

export interface SinkDelivery {
  /** The CloudEvents, in the order sent (possibly empty). */
  readonly events: readonly unknown[];
  /** The `bodySHA256` query parameter Twilio adds to a JSON webhook, if any. */
  readonly bodySha256: string | undefined;
  /** `X-Twilio-Signature`, if sent. */
  readonly signature: string | undefined;
  /**
   * The body as Twilio most likely sent it: `JSON.stringify` of the array. It
   * differs from the raw bytes (and the signature check fails) when Twilio's JSON
   * has whitespace, escapes non-ASCII as `\uXXXX`, writes numbers differently
   * (`1.0`, `1e3`), repeats a key, or puts integer-like object keys in an order
   * other than ascending (JavaScript objects reorder those).
   */
  readonly reserializedBody: string;
}

/** Most events one delivery may carry; Event Streams batches far fewer. */
const MAX_EVENTS_PER_DELIVERY = 5000;

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

function header(event: RawEvent, name: string): string | undefined {
  const request = event.request;
  if (typeof request !== 'object' || request === null) return undefined;
  const headers = (request as { headers?: unknown }).headers;
  if (typeof headers !== 'object' || headers === null) return undefined;
  const value = (headers as Record<string, unknown>)[name];
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** Keys the runtime adds beside the body's: its `request`, and the query Twilio signs. */
const NOT_BODY_KEYS: ReadonlySet<string> = new Set(['request', 'bodySHA256']);

/**
 * A single CloudEvent rather than an array (a sink that does not batch): the body's
 * own keys, in the order the runtime kept them.
 */
function singleCloudEvent(event: RawEvent): Record<string, unknown> | undefined {
  if (typeof event.specversion !== 'string' || typeof event.type !== 'string') return undefined;
  return Object.fromEntries(Object.entries(event).filter(([key]) => !NOT_BODY_KEYS.has(key)));
}

export function readSinkDelivery(event: RawEvent): SinkDelivery {
  const events: unknown[] = [];
  // Index keys are contiguous from 0 in an array spread; stop at the first gap.
  while (events.length < MAX_EVENTS_PER_DELIVERY && String(events.length) in event) {
    events.push(event[String(events.length)]);
  }
  const single = events.length === 0 ? singleCloudEvent(event) : undefined;
  const rawHash = event.bodySHA256;
  const bodySha256 = typeof rawHash === 'string' && HEX_SHA256.test(rawHash) ? rawHash : undefined;
  return {
    events: single !== undefined ? [single] : events,
    bodySha256,
    signature: header(event, 'x-twilio-signature'),
    reserializedBody: JSON.stringify(single ?? events),
  };
}
