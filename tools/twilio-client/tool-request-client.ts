import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import RequestClient from 'twilio/lib/base/RequestClient';
import type TwilioHttpResponse from 'twilio/lib/http/response';
import { routeToBaseUrl } from './api-base-url';

/** HTTP 429 with error 20429: Twilio's "too many requests", safe to retry after a pause. */
const TOO_MANY_REQUESTS = 429;

export interface ToolRequestClientOptions {
  /** `TWILIO_API_BASE_URL`: where `https://<product>.twilio.com` requests go instead. */
  readonly baseUrl?: string;
  /** Per request, ms; axios aborts the request when it expires (default 15 s). */
  readonly timeoutMs?: number;
  /** Retries of one request answered 429 (default 4): bounded, then the 429 is the answer. */
  readonly maxRetries?: number;
  /** First pause after a 429, doubled each time and capped by `maxDelayMs` (default 250). */
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
  /** How a pause is taken; tests pass one that records instead of waiting. */
  readonly sleep?: (ms: number) => Promise<void>;
}

const DEFAULTS = { timeoutMs: 15000, maxRetries: 4, initialDelayMs: 250, maxDelayMs: 4000 };

/**
 * The one twilio-node HTTP client of every tool: routes requests to
 * `TWILIO_API_BASE_URL` when set, retries HTTP 429 with bounded exponential backoff
 * (honouring `Retry-After` up to the cap), ends every request at a timeout, counts
 * what it sent, and owns its keep-alive agents so `close()` leaves nothing open.
 *
 * twilio-node's own `autoRetry` uses full jitter with no floor and cannot be observed;
 * this one records each pause (`retries`) so a run can report what it waited.
 */
export class ToolRequestClient extends RequestClient {
  /** Requests sent, retries included. */
  requestCount = 0;
  /** One entry per 429 retried: the URL (after routing) and the pause taken. */
  readonly retries: { url: string; delayMs: number }[] = [];
  private readonly settings: typeof DEFAULTS & Pick<ToolRequestClientOptions, 'baseUrl' | 'sleep'>;
  private readonly agents: { http: HttpAgent; https: HttpsAgent };

  constructor(options: ToolRequestClientOptions = {}) {
    const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
    super({ timeout: timeoutMs, keepAlive: true });
    this.settings = { ...DEFAULTS, ...options, timeoutMs };
    this.agents = {
      http: new HttpAgent({ keepAlive: true, maxSockets: 16, timeout: timeoutMs }),
      https: new HttpsAgent({ keepAlive: true, maxSockets: 16, timeout: timeoutMs }),
    };
    const axios = (this as unknown as { axios: { defaults: Record<string, unknown> } }).axios;
    axios.defaults.httpAgent = this.agents.http;
    // twilio-node routes https through HTTP_PROXY when it is set: keep its agent then.
    if (!process.env.HTTP_PROXY) axios.defaults.httpsAgent = this.agents.https;
  }

  override async request<TData>(
    opts: RequestClient.RequestOptions<TData>,
  ): Promise<TwilioHttpResponse<TData>> {
    const uri = this.settings.baseUrl ? routeToBaseUrl(opts.uri, this.settings.baseUrl) : opts.uri;
    const sleep = this.settings.sleep ?? defaultSleep;
    for (let retry = 0; ; retry += 1) {
      this.requestCount += 1;
      const response = await super.request({ ...opts, uri, timeout: this.settings.timeoutMs });
      if (response.statusCode !== TOO_MANY_REQUESTS || retry >= this.settings.maxRetries) {
        return response;
      }
      const delayMs = this.delayBefore(retry, response.headers);
      this.retries.push({ url: uri, delayMs });
      await sleep(delayMs);
    }
  }

  /** Ends the keep-alive connections: a finished tool must not wait on idle sockets. */
  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
    // With HTTP_PROXY set, twilio-node's proxy agent is in use: it keeps its socket after
    // a timeout, which would keep a finished tool alive.
    const axios = (this as unknown as { axios?: { defaults?: { httpsAgent?: unknown } } }).axios;
    const agent = axios?.defaults?.httpsAgent as { destroy?: () => void } | undefined;
    if (agent !== this.agents.https) agent?.destroy?.();
  }

  private delayBefore(retry: number, headers: unknown): number {
    const { initialDelayMs, maxDelayMs } = this.settings;
    const retryAfter = Number((headers as Record<string, unknown> | undefined)?.['retry-after']);
    const asked = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 0;
    return Math.min(maxDelayMs, Math.max(asked, initialDelayMs * 2 ** retry));
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
