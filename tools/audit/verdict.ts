/**
 * The audit's fixed vocabulary, one verdict per number and channel:
 * - `protected`: a fallback on another host than the primary, or this project's own
 *   `/fallback` or static documents (deployed beside `/primary` by design);
 * - `no-fallback`: a primary and no fallback: Twilio's stock error when it breaks;
 * - `same-host`: the fallback lives on the primary's host, so one outage takes both;
 * - `no-primary`: nothing answers at all (nothing for a fallback to protect);
 * - `trunk`: a SIP trunk takes the call (out of scope, reported only);
 * - `cross-account` (with --subaccounts): the fallback is a protected Function of a
 *   `*.twil.io` domain owned by another account of the tree: Twilio's gateway checks its
 *   signature against the owner's token while Twilio signed with the number's account's,
 *   so it is refused before it runs (tools/audit/cross-account.ts says why);
 * - `fallback-broken` (with --probe): the fallback did not answer valid TwiML.
 */
import { STATIC_FALLBACK_PATHS } from '../cli/function-domain';
import type { Answerer } from './answering-resource';

export const VERDICTS = [
  'protected',
  'no-fallback',
  'same-host',
  'no-primary',
  'trunk',
  'cross-account',
  'fallback-broken',
] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Verdicts a fallback can cure: these fail the audit (exit 1) and are what --fix plans. */
export const FIXABLE_VERDICTS: ReadonlySet<Verdict> = new Set([
  'no-fallback',
  'same-host',
  'cross-account',
  'fallback-broken',
]);

/** This project's fallback endpoints (functions/fallback, assets/error.xml, assets/error-sms.xml). */
export const PROJECT_FALLBACK_PATHS: ReadonlySet<string> = new Set([
  '/fallback',
  STATIC_FALLBACK_PATHS.voice,
  STATIC_FALLBACK_PATHS.sms,
]);

function parsed(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

export function verdictOf(answerer: Answerer): Verdict {
  if (answerer.kind === 'trunk') return 'trunk';
  if (answerer.primaryUrl === null) return 'no-primary';
  const fallback = answerer.fallbackUrl === null ? undefined : parsed(answerer.fallbackUrl);
  if (!fallback) return 'no-fallback';
  if (PROJECT_FALLBACK_PATHS.has(fallback.pathname)) return 'protected';
  const primary = parsed(answerer.primaryUrl);
  return primary && primary.hostname.toLowerCase() === fallback.hostname.toLowerCase()
    ? 'same-host'
    : 'protected';
}
