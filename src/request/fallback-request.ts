import type { ErrorExplanation } from '../errors/explain-error';
import { readRecoveryStepRequest, type RecoveryStepRequest } from '../recovery/recovery-steps';
import type { ErrorUrl } from './error-url';
import { isProbeRequest } from './probe-marker';
import { readParam, type RawEvent } from './read-param';
import { rememberedErrorUrl, rememberedExplanation } from './remembered-errors';
import { readWebhookRequest, type WebhookRequest } from './webhook-request';

/**
 * A request to the fallback, read once at the edge: the core never reads the raw
 * event again (one parse of `ErrorCode` and `ErrorUrl`, one redaction).
 */
export interface FallbackRequest extends WebhookRequest {
  /** `ErrorCode`, explained. */
  readonly error: ErrorExplanation;
  /** `ErrorUrl`, parsed; `undefined` when absent. */
  readonly errorUrl: ErrorUrl | undefined;
  /** Marked by this project's tools (see probe-marker.ts): answered, logged, never alerted. */
  readonly probe: boolean;
  /** Set when Twilio comes back during a recovery (`?recoveryStep=...`). */
  readonly recoveryStep: RecoveryStepRequest | undefined;
}

/**
 * Kept apart from webhook-request.ts so the primary's bundle does not carry the
 * error catalog and the recovery code it never uses.
 * `ErrorCode` and `ErrorUrl` are read once per distinct value (remembered-errors.ts).
 */
export function readFallbackRequest(event: RawEvent): FallbackRequest {
  // Object.assign onto the fresh webhook request rather than `{ ...webhook, error, ... }`:
  // V8 (Node.js 20, 22) takes a slow path for a spread followed by more properties,
  // about 9 µs here, the single largest cost of reading the request.
  return Object.assign(readWebhookRequest(event), {
    error: rememberedExplanation(readParam(event, 'ErrorCode')),
    errorUrl: rememberedErrorUrl(readParam(event, 'ErrorUrl')),
    probe: isProbeRequest(event),
    recoveryStep: readRecoveryStepRequest(event),
  });
}
