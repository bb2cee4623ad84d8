/**
 * One rule for `--fast-failover auto` in configure and audit alike: measure the primary,
 * summarize the answers, propose timeouts from them. Each caller decides what a refusal
 * means (configure stops with nothing written; audit leaves that primary untuned).
 */
import { measurePrimary, type MeasurePrimaryOptions } from '../emulator/measure-primary';
import type { Parsed } from '../../src/config/validators';
import {
  proposeFailoverTimeouts,
  summarizeSamples,
  type AutoFailoverProposal,
  type LatencySummary,
} from './auto-failover';
import type { FailoverTimeouts } from './fast-failover';

export interface MeasuredProposal {
  readonly summary: LatencySummary;
  readonly proposal: Parsed<AutoFailoverProposal>;
}

export async function measureAndPropose(
  options: MeasurePrimaryOptions,
  pinned: Partial<FailoverTimeouts> = {},
): Promise<MeasuredProposal> {
  const summary = summarizeSamples(await measurePrimary(options));
  return { summary, proposal: proposeFailoverTimeouts(summary, pinned) };
}
