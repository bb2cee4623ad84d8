/**
 * The audit's fixed vocabulary, one verdict per number and channel:
 * - `protected`: a fallback on another host than the primary, or this project's own
 *   `/fallback` or the channel's static document on a Twilio Functions (`*.twil.io`)
 *   domain (deployed beside `/primary` by design);
 * - `no-fallback`: a primary and no fallback: Twilio's stock error when it breaks;
 * - `same-host`: the fallback lives on the primary's host, so one outage takes both;
 * - `wrong-document`: the fallback is this project's static document for the OTHER
 *   channel, on a `*.twil.io` domain: /error-sms.xml on a call (an empty messaging `<Response/>`: the caller is
 *   hung up on with nothing said) or /error.xml on a message (a voice `<Say>`, which is
 *   not messaging TwiML, https://www.twilio.com/docs/messaging/twiml);
 * - `no-primary`: nothing answers at all (nothing for a fallback to protect);
 * - `trunk`: a SIP trunk takes the call (out of scope, reported only);
 * - `cross-account` (with --subaccounts): the fallback is a protected Function of a
 *   `*.twil.io` domain owned by another account of the tree: Twilio's gateway checks its
 *   signature against the owner's token while Twilio signed with the number's account's,
 *   so it is refused before it runs (tools/audit/cross-account.ts says why);
 * - `fallback-broken` (with --probe): the fallback did not answer valid TwiML.
 */
import { STATIC_FALLBACK_PATHS } from '../cli/function-domain';
import type { Answerer, Channel } from './answering-resource';
import { parseUrl } from '../../src/request/http-url';
import { isFunctionsHost } from './primary-kind';

export const VERDICTS = [
  'protected',
  'no-fallback',
  'same-host',
  'wrong-document',
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
  'wrong-document',
  'cross-account',
  'fallback-broken',
]);

const OTHER_CHANNEL = { voice: 'sms', sms: 'voice' } as const satisfies Record<Channel, Channel>;

/**
 * The paths of this project's fallbacks for `channel` on a host: the /fallback Function
 * (it answers both channels, as `functionUrls` places it) and the channel's static
 * document (STATIC_FALLBACK_PATHS, the list `fallbackUrlFor` sets fallbacks by), so the
 * audit never judges a document by a second list of paths.
 */
function projectFallbackPaths(channel: Channel): readonly string[] {
  return ['/fallback', STATIC_FALLBACK_PATHS[channel]];
}

export function verdictOf(answerer: Answerer, channel: Channel): Verdict {
  if (answerer.kind === 'trunk') return 'trunk';
  if (answerer.primaryUrl === null) return 'no-primary';
  const fallback = answerer.fallbackUrl === null ? undefined : parseUrl(answerer.fallbackUrl);
  if (!fallback) return 'no-fallback';
  // This project deploys to Twilio Functions: only there is `/error.xml` its document. On
  // another host the path is whatever that host serves (a customer's own SMS document may
  // well be called error.xml), so it is judged by its host like any other fallback.
  if (isFunctionsHost(fallback.hostname)) {
    // The path only: a query string or an override fragment does not change the document.
    if (projectFallbackPaths(channel).includes(fallback.pathname)) return 'protected';
    if (projectFallbackPaths(OTHER_CHANNEL[channel]).includes(fallback.pathname)) {
      return 'wrong-document';
    }
  }
  const primary = parseUrl(answerer.primaryUrl);
  return primary && primary.hostname.toLowerCase() === fallback.hostname.toLowerCase()
    ? 'same-host'
    : 'protected';
}
