import type { ErrorExplanation } from '../errors/explain-error';
import type { WebhookRequest } from '../request/webhook-request';

/**
 * The one structured log line the fallback writes per invocation. It names the
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
}

export function fallbackRecord(
  request: WebhookRequest,
  explanation: ErrorExplanation,
  redactedErrorUrl: string | undefined,
): FallbackRecord {
  return {
    event: 'fallback',
    kind: request.kind,
    errorCode: explanation.code,
    errorStatus: explanation.status,
    errorName: explanation.name,
    explanation: `${explanation.cause} ${explanation.check}`,
    docsUrl: explanation.docsUrl,
    errorUrl: redactedErrorUrl ?? null,
    callSid: request.callSid ?? null,
    messageSid: request.messageSid ?? null,
    direction: request.direction ?? null,
  };
}
