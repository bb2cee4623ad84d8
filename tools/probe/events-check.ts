/**
 * The `/events` check: is the Event Streams sink (functions/events.protected.ts)
 * deployed and reading deliveries, proved without paging anyone.
 *
 * What it sends depends on what the probe can do:
 *
 * - With the auth token: one signed delivery of one error event, probe-marked with the
 *   CloudEvents extension `fallbackguardprobe` (src/request/probe-marker.ts), exactly
 *   as Twilio delivers (tools/events/signed-delivery.ts). It must answer 2xx having
 *   read the event and alerted on nothing (`received: 1, accepted: 0, alerts: []`):
 *   that proves the whole path (Twilio's gateway accepts the signature, the Function's
 *   own check with its AUTH_TOKEN, the parsing), and that the marker is honoured, so
 *   the check itself can never page. A sink that alerted on it fails the check.
 * - Without it the probe cannot sign, and a deployed `.protected` Function refuses an
 *   unsigned request before any code runs (HTTP 400 on Twilio's request-flow page,
 *   https://www.twilio.com/docs/serverless/functions-assets/functions/request-flow; a
 *   support article says 403; /events itself answers 403 where nothing checked first,
 *   as on the local dev server). So the unsigned delivery must be REFUSED: that proves
 *   a sink is there (not a 404) and that nobody without the token can page through it.
 *   An unsigned delivery that is accepted fails the check. It is probe-marked too.
 */
import { functionUrls } from '../cli/function-domain';
import { markedAsProbe, sampleErrorLogEvent } from '../events/error-log-event-sample';
import {
  postDelivery,
  signedDelivery,
  unsignedDelivery,
  type DeliveryAnswer,
} from '../events/signed-delivery';
import type { ProbeResult } from './judge-probe';

export const EVENTS_CHECK_NAME = 'sink /events';

/**
 * Event Streams gives a webhook sink 5 s to answer, then retries the delivery
 * (https://www.twilio.com/docs/events/webhook-quickstart): slower is a failure.
 */
export const SINK_ANSWER_MS = 5000;

/** How a signature check refuses: Twilio's pages disagree (400, 403); read any as refused. */
const REFUSED = new Set([400, 401, 403]);

/** The body /events answers for a delivery it read (functions/events.protected.ts). */
interface SinkAnswer {
  readonly received?: unknown;
  readonly accepted?: unknown;
  readonly alerts?: unknown;
}

function readAnswer(body: string): SinkAnswer | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null ? (parsed as SinkAnswer) : undefined;
  } catch {
    return undefined;
  }
}

const shown = (body: string) => JSON.stringify(body.slice(0, 80));

/**
 * Why a signed delivery was refused. Locally (plain http: a deployed Service is https
 * only) /events checks the signature over the URL the server was started with
 * (DOMAIN_NAME, the host `npm start` prints, e.g. 127.0.0.1:3000), so probing it as
 * `localhost` is refused with the right token too.
 */
function signedRefusal(status: number, local: boolean): string {
  return local
    ? `signed delivery refused (HTTP ${status}): /events checks it with the AUTH_TOKEN of its .env, over the URL npm start printed (use that host: 127.0.0.1, not localhost)`
    : `signed delivery refused (HTTP ${status}): the auth token is not the one of the account that owns the Service, or /events runs without that AUTH_TOKEN`;
}

/**
 * Pass or fail, and why, from what /events answered (or why nothing answered).
 * @param local the probed URL is the local server (http)
 */
export function judgeEventsAnswer(
  signed: boolean,
  answer: DeliveryAnswer | { readonly error: string },
  local = false,
): { pass: boolean; detail: string } {
  if ('error' in answer) return { pass: false, detail: `no answer: ${answer.error}` };
  const { status, body } = answer;
  if (status === 404) return { pass: false, detail: 'HTTP 404: /events is not deployed' };
  const ok = status >= 200 && status < 300;
  if (!signed) {
    if (REFUSED.has(status)) {
      return {
        pass: true,
        detail: `unsigned delivery refused (HTTP ${status}), as a protected sink must; with the auth token the probe checks a signed one`,
      };
    }
    if (ok) {
      return {
        pass: false,
        detail: `HTTP ${status} to an unsigned delivery: anyone could page through /events (it must be .protected and check signatures)`,
      };
    }
    return { pass: false, detail: `HTTP ${status}` };
  }
  if (REFUSED.has(status)) return { pass: false, detail: signedRefusal(status, local) };
  if (!ok) return { pass: false, detail: `HTTP ${status}` };
  const read = readAnswer(body);
  if (read?.received !== 1) {
    return { pass: false, detail: `HTTP ${status} without reading the delivery: ${shown(body)}` };
  }
  if (read.accepted !== 0 || !Array.isArray(read.alerts) || read.alerts.length > 0) {
    return {
      pass: false,
      detail: `the probe-marked event was taken for a real one (accepted ${String(read.accepted)}): redeploy /events`,
    };
  }
  return { pass: true, detail: 'signed delivery read; the probe-marked event paged nobody' };
}

/** Sends the delivery (signed when a token is given) and judges the answer. */
export async function probeEventsSink(
  baseUrl: string,
  authToken: string | undefined,
): Promise<ProbeResult> {
  const url = functionUrls(baseUrl).events;
  const events = [markedAsProbe(sampleErrorLogEvent({ errorCode: '11200' }))];
  const delivery =
    authToken === undefined
      ? unsignedDelivery(url, events)
      : signedDelivery(url, events, authToken);
  const startedAt = Date.now();
  let answer: DeliveryAnswer | { error: string };
  try {
    answer = await postDelivery(delivery, SINK_ANSWER_MS);
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    answer = {
      error: timedOut
        ? `nothing within ${SINK_ANSWER_MS / 1000} s (Event Streams' limit for a sink)`
        : describeFetchError(error),
    };
  }
  const ms = Date.now() - startedAt;
  return {
    name: EVENTS_CHECK_NAME,
    url,
    method: 'POST',
    ms: 'error' in answer ? null : ms,
    verbs: [],
    ...judgeEventsAnswer(authToken !== undefined, answer, new URL(url).protocol === 'http:'),
  };
}

/** fetch's "fetch failed" hides the reason in `cause` (ECONNREFUSED, ENOTFOUND). */
function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: { code?: unknown; message?: unknown } }).cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (cause && typeof cause.message === 'string') return cause.message;
  return error.message;
}
