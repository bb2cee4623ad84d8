import type { FloodControl } from '../alerts/flood-control';
import type { ConfigReading } from '../config/read-config';

/**
 * Everything a Function instance remembers between invocations, in one place.
 *
 * A warm Twilio Functions instance keeps its module scope between requests and
 * loses it when the instance is recycled; under `twilio-run start` (forking, live
 * reload) it never survives a request at all. Nothing here may be needed for a
 * correct answer: it only saves work (the config reading), keeps logs readable
 * (each config problem once), and bounds alerts when Sync does not answer (flood
 * control's memory). Tests reset it with resetInstanceState() instead of dodging
 * hidden module globals.
 */
export interface InstanceState {
  /** The last environment read, by its raw values (see readConfig). */
  lastConfigReading: { readonly key: string; readonly reading: ConfigReading } | undefined;
  /** Config problems already logged (`variable:reason`). */
  readonly reportedProblems: Set<string>;
  /** This instance's flood control, created on the first alert (see sendAlert). */
  floodControl: FloodControl | undefined;
}

export const instanceState: InstanceState = {
  lastConfigReading: undefined,
  reportedProblems: new Set(),
  floodControl: undefined,
};

/** Forgets everything, as a fresh instance would (tests). */
export function resetInstanceState(): void {
  instanceState.lastConfigReading = undefined;
  instanceState.reportedProblems.clear();
  instanceState.floodControl = undefined;
}
