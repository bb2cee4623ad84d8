import type { ErrorExplanation } from '../errors/explain-error';
import type { FallbackRequest } from '../request/fallback-request';
import type { WebhookRequest } from '../request/webhook-request';

/**
 * The one structured log line the fallback writes per invocation. Its fields, in this
 * order, are also written by fallback-log-text.ts (a property test holds the two equal):
 * a field added here goes there too. It names the
 * failure and the call or message, and deliberately nothing else: never the whole
 * event, never an SMS body, never ErrorUrl's query values.
 */
export interface FallbackRecord {
  readonly event: 'fallback';
  readonly kind: WebhookRequest['kind'];
  readonly errorCode: number | null;
  readonly errorStatus: ErrorExplanation['status'];
  readonly errorName: string;
  readonly explanation: string;
  readonly docsUrl: string;
  readonly errorUrl: string | null;
  readonly callSid: string | null;
  readonly messageSid: string | null;
  readonly direction: string | null;
  /** Present (and `true`) only for a request marked by this project's tools: not alerted. */
  readonly probe?: true;
}

export function fallbackRecord(request: FallbackRequest): FallbackRecord {
  const { error } = request;
  return {
    event: 'fallback',
    kind: request.kind,
    errorCode: error.code,
    errorStatus: error.status,
    errorName: error.name,
    explanation: `${error.cause} ${error.check}`,
    docsUrl: error.docsUrl,
    errorUrl: request.errorUrl?.redacted ?? null,
    callSid: request.callSid ?? null,
    messageSid: request.messageSid ?? null,
    direction: request.direction ?? null,
    ...(request.probe ? { probe: true as const } : {}),
  };
}
