import type { FloodControl } from '../alerts/flood-control';
import type { ConfigReading } from '../config/read-config';
import type { ErrorExplanation } from '../errors/explain-error';
import type { ErrorUrl } from '../request/error-url';

/**
 * Everything a Function instance remembers between invocations, in one place.
 *
 * A warm Twilio Functions instance keeps its module scope between requests and
 * loses it when the instance is recycled; under `twilio-run start` (forking, live
 * reload) it never survives a request at all. Nothing here may be needed for a
 * correct answer: it only saves work (the config reading, request values already
 * read), keeps logs readable (each config problem once), and bounds alerts when
 * Sync does not answer (flood control's memory). Tests reset it with
 * resetInstanceState() instead of dodging hidden module globals.
 */
export interface InstanceState {
  /** The last environment read: its raw values, in the order of `variables` (see readConfig). */
  lastConfigReading:
    { readonly rawValues: readonly unknown[]; readonly reading: ConfigReading } | undefined;
  /** Config problems already logged (`variable:reason`). */
  readonly reportedProblems: Set<string>;
  /** This instance's flood control, created on the first alert (see sendAlert). */
  floodControl: FloodControl | undefined;
  /**
   * `ErrorUrl` values already parsed and redacted, by raw text (readFallbackRequest):
   * during an outage every request carries the same failing URL.
   */
  readonly errorUrls: Map<string, ErrorUrl | undefined>;
  /** `ErrorCode` values already explained, by raw text (readFallbackRequest). */
  readonly errorExplanations: Map<string, ErrorExplanation>;
}

export const instanceState: InstanceState = {
  lastConfigReading: undefined,
  reportedProblems: new Set(),
  floodControl: undefined,
  errorUrls: new Map(),
  errorExplanations: new Map(),
};

/**
 * Most request values a memo of instanceState keeps. A few distinct values are
 * what an outage produces (one failing URL, one or two codes); the bound keeps a
 * stream of distinct values (each request a new URL) from growing the instance.
 */
export const MAX_REMEMBERED_VALUES = 64;

/**
 * `memo`'s value for `key`, computed and kept on first use. When the memo is full
 * the oldest entry goes (a Map iterates in insertion order), so memory stays bounded
 * whatever the requests carry. Only for pure functions of `key`.
 */
export function remembered<V>(memo: Map<string, V>, key: string, compute: (key: string) => V): V {
  if (memo.has(key)) return memo.get(key) as V;
  const value = compute(key);
  if (memo.size >= MAX_REMEMBERED_VALUES) {
    const oldest = memo.keys().next();
    if (oldest.done !== true) memo.delete(oldest.value);
  }
  memo.set(key, value);
  return value;
}

/** Forgets everything, as a fresh instance would (tests). */
export function resetInstanceState(): void {
  instanceState.lastConfigReading = undefined;
  instanceState.reportedProblems.clear();
  instanceState.floodControl = undefined;
  instanceState.errorUrls.clear();
  instanceState.errorExplanations.clear();
}
