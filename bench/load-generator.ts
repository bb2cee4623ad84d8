/**
 * One bounded autocannon run against the bench server: a fixed number of requests,
 * a per-request timeout, and a wall-clock guard that stops the run if it drags.
 */
import autocannon from 'autocannon';

export interface LoadRequest {
  readonly method: 'GET' | 'POST';
  /** Path and query, e.g. `/fallback?CallSid=...`. */
  readonly path: string;
  /** Form-encoded body (POST only), unless `headers` name another content type. */
  readonly body?: string;
  /** Extra request headers (a JSON content type, a signature). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Names the request in `responseTags`, to tell the answers of mixed requests apart. */
  readonly tag?: string;
}

export interface LoadRun {
  readonly baseUrl: string;
  /** Each connection cycles through these in order. */
  readonly requests: readonly LoadRequest[];
  readonly amount: number;
  readonly connections: number;
  /** Stop the run after this long whatever is left (its figures then say so). */
  readonly maxDurationMs: number;
  /** Counts a 2xx answer whose body fails this check as a mismatch. */
  readonly verifyBody?: (body: string) => boolean;
}

export interface LoadOutcome {
  /** Response time of every answer, ms, with the fraction autocannon's histogram drops. */
  readonly latenciesMs: readonly number[];
  /** The `tag` of the request each answer answers, in the order of `latenciesMs`. */
  readonly responseTags: readonly (string | undefined)[];
  readonly completed: number;
  readonly non2xx: number;
  /** Socket errors and timeouts. */
  readonly errors: number;
  readonly timeouts: number;
  /** 2xx answers that failed verifyBody. */
  readonly mismatches: number;
  /** From the start of the run to its last answer. */
  readonly elapsedMs: number;
  /** The guard stopped the run before `amount` answers. */
  readonly stoppedEarly: boolean;
}

const FORM = 'application/x-www-form-urlencoded';
const REQUEST_TIMEOUT_SECONDS = 10;
/**
 * autocannon notices the end of a run only on its sampling tick (1 s by default),
 * which would add up to a second of idle time to every short run.
 */
const SAMPLE_INTERVAL_MS = 50;

/** autocannon hands the body over as it read it: text, a Buffer, or nothing. */
function bodyCheck(check: (body: string) => boolean) {
  return (body: string | Buffer | undefined): boolean =>
    check(typeof body === 'string' ? body : (body?.toString('utf8') ?? ''));
}

export async function runLoad(run: LoadRun): Promise<LoadOutcome> {
  const latenciesMs: number[] = [];
  const responseTags: (string | undefined)[] = [];
  // autocannon calls a request's onResponse with the request the answer belongs to, just
  // before it emits 'response' for that answer: the tag is read from there, not from an
  // answer's position, which a reconnect would shift.
  let answeredTag: string | undefined;
  const started = process.hrtime.bigint();
  let lastAnswer = started;
  let finished: (outcome: { error: unknown; result: autocannon.Result }) => void = () => {};
  const done = new Promise<{ error: unknown; result: autocannon.Result }>((resolveDone) => {
    finished = resolveDone;
  });
  const options: autocannon.Options = {
    url: run.baseUrl,
    amount: run.amount,
    connections: run.connections,
    timeout: REQUEST_TIMEOUT_SECONDS,
    sampleInt: SAMPLE_INTERVAL_MS,
    requests: run.requests.map((request) => ({
      method: request.method,
      path: request.path,
      ...(request.tag === undefined
        ? {}
        : {
            onResponse: () => {
              answeredTag = request.tag;
            },
          }),
      ...(request.body === undefined
        ? {}
        : { body: request.body, headers: { 'content-type': FORM, ...request.headers } }),
    })),
    ...(run.verifyBody ? { verifyBody: bodyCheck(run.verifyBody) } : {}),
  };
  // The callback form returns the instance (events, stop()); the promise form does not.
  const instance = autocannon(options, (error, result) => finished({ error, result }));
  instance.on('response', (_client, _statusCode, _bytes, responseTime) => {
    latenciesMs.push(responseTime);
    responseTags.push(answeredTag);
    answeredTag = undefined;
    lastAnswer = process.hrtime.bigint();
  });
  let stoppedEarly = false;
  const guard = setTimeout(() => {
    stoppedEarly = true;
    instance.stop();
  }, run.maxDurationMs);
  const { error, result } = await done;
  clearTimeout(guard);
  if (error) throw error instanceof Error ? error : new Error(String(error));
  // Up to the last answer, not to the end of the run (the sampling tick's idle tail).
  const elapsedMs = Number(lastAnswer - started) / 1e6;
  return {
    latenciesMs,
    responseTags,
    completed: latenciesMs.length,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    mismatches: result.mismatches,
    elapsedMs,
    stoppedEarly,
  };
}
