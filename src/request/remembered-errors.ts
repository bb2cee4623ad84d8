import { explainErrorCode, type ErrorExplanation } from '../errors/explain-error';
import { instanceState, remembered } from '../runtime/instance-state';
import { readErrorUrl, type ErrorUrl } from './error-url';

/**
 * `ErrorCode` and `ErrorUrl` (or an error event's code and webhook URL) are the same
 * on every request of an outage, so each distinct value is explained, parsed and
 * redacted once per instance and the read-only result reused: parsing and redacting
 * the URL was the largest share of the fallback's own time in a CPU profile of
 * `npm run bench`. Shared by /fallback and /events.
 */
export function rememberedExplanation(raw: string | undefined): ErrorExplanation {
  return raw === undefined
    ? explainErrorCode(undefined)
    : remembered(instanceState.errorExplanations, raw, explainErrorCode);
}

export function rememberedErrorUrl(raw: string | undefined): ErrorUrl | undefined {
  return raw === undefined ? undefined : remembered(instanceState.errorUrls, raw, readErrorUrl);
}
