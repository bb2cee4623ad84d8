/**
 * The cross-account trap. Twilio signs a subaccount's webhooks with the subaccount's
 * own auth token (a Twilio engineer in twilio-php issue #436,
 * https://github.com/twilio/twilio-php/issues/436; twilio-node issue #693 shows the
 * same symptom), while a protected Function's gateway checks the signature against the
 * token of the account that owns the Service. That second half is INFERRED: Twilio's
 * visibility page (https://www.twilio.com/docs/serverless/functions-assets/visibility)
 * says only that a protected Function "requires a valid X-Twilio-Signature"
 * (serverless-toolkit issue #213). So a number whose fallback is a protected Function
 * of another account's `*.twil.io` domain is refused before the fallback runs; a public
 * asset checks no signature and answers for every account.
 */
import type { AuditItem } from './audit-items';
import type { Deployment, Visibility } from '../twilio-client/serverless-deployments';
import { parseUrl } from '../../src/request/http-url';
import { isFunctionsHost } from './primary-kind';

/** Who owns a `*.twil.io` fallback: an account of the tree, or none found (`unverified`). */
export type FallbackOwner =
  { readonly accountSid: string; readonly visibility: Visibility | undefined } | 'unverified';

/** Every domain of the tree → its deployment (Twilio domains are unique). */
export function domainIndex(deployments: readonly Deployment[]): Map<string, Deployment> {
  return new Map(deployments.map((deployment) => [deployment.domain, deployment]));
}

export function fallbackOwnerOf(
  fallbackUrl: string | null,
  index: ReadonlyMap<string, Deployment>,
): FallbackOwner | undefined {
  if (fallbackUrl === null) return undefined;
  const url = parseUrl(fallbackUrl);
  if (url === undefined) return undefined;
  const host = url.hostname.toLowerCase();
  // Only Twilio Functions domains can be looked up in the tree's Serverless API.
  if (!isFunctionsHost(host)) return undefined;
  const deployment = index.get(host);
  if (!deployment) return 'unverified';
  return { accountSid: deployment.accountSid, visibility: deployment.paths.get(url.pathname) };
}

/** An audited item of one account of the tree, with who owns its twil.io fallback. */
export interface TreeItem extends AuditItem {
  readonly accountSid: string;
  readonly fallbackOwner?: FallbackOwner;
}

/**
 * A `protected` item whose fallback is a protected Function of ANOTHER account of the
 * tree becomes `cross-account`; a public asset there stays `protected`. A twil.io
 * fallback found in no account keeps its verdict and is marked `unverified`.
 */
export function judgeCrossAccount(
  items: readonly AuditItem[],
  accountSid: string,
  index: ReadonlyMap<string, Deployment>,
): TreeItem[] {
  return items.map((item) => {
    const owner = fallbackOwnerOf(item.answerer.fallbackUrl, index);
    const tree: TreeItem = { ...item, accountSid, ...(owner ? { fallbackOwner: owner } : {}) };
    const refused =
      item.verdict === 'protected' &&
      owner !== undefined &&
      owner !== 'unverified' &&
      owner.accountSid !== accountSid &&
      owner.visibility === 'protected';
    return refused ? { ...tree, verdict: 'cross-account' } : tree;
  });
}
