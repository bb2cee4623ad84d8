/**
 * Which Webhook Rule decides a webhook URL, as Twilio evaluates them: exact-match
 * Rules (longest first), then prefix-match Rules (longest first), then the DEFAULT
 * Rule; the first that matches applies; none: no Setting applies and the URL's own
 * `#ct=…` fragment counts (https://www.twilio.com/docs/usage/webhooks/webhook-configuration-faq,
 * https://www.twilio.com/docs/usage/webhooks/webhook-rules). Pure: no I/O.
 *
 * What is compared, INFERRED where Twilio's pages are silent, and chosen so that a
 * Rule that may apply is reported rather than missed (a missed Rule would tell the
 * user their fragment counts when it is ignored):
 * - the fragment is never part of the URL matched: it is Twilio's connection-override
 *   syntax, read by Twilio and never requested (connection-overrides page);
 * - scheme and host are compared case-insensitively (URL syntax), path as written;
 * - EXACT_MATCH: "one specific URL without a trailing slash", so a URL that differs
 *   only by a trailing slash matches; a query string on the URL that the Rule's
 *   value lacks still matches (inferred: the value names a URL, not a request);
 * - PREFIX_MATCH: the URL (query excluded) begins with the prefix, which ends with
 *   `/`; `https://host/api` is not under `https://host/api/`.
 */
import type { RuleSettingShare, WebhookRule, WebhookSetting } from './webhook-rules';
import { parseUrl } from '../../src/request/http-url';

interface Comparable {
  /** `https://host/path`: scheme and host lower case, no query, no fragment (prefix matching). */
  readonly bare: string;
  /** The path without trailing slashes, then the query: what an exact Rule compares. */
  readonly exact: string;
  /** The same without the query. */
  readonly exactBare: string;
  readonly hasQuery: boolean;
}

function comparable(raw: string): Comparable | undefined {
  const url = parseUrl(raw);
  if (url === undefined) return undefined;
  // URL already lower-cases scheme and host; the path keeps its case.
  const origin = `${url.protocol}//${url.host}`;
  const path = url.pathname.replace(/\/+$/, '');
  return {
    bare: `${origin}${url.pathname}`,
    exact: `${origin}${path}${url.search}`,
    exactBare: `${origin}${path}`,
    hasQuery: url.search !== '',
  };
}

function exactMatches(rule: WebhookRule, url: Comparable): boolean {
  const value = rule.value === null ? undefined : comparable(rule.value);
  if (!value) return false;
  if (value.exact === url.exact) return true;
  // The Rule names no query: a URL with one is still that URL (inferred).
  return !value.hasQuery && value.exactBare === url.exactBare;
}

function prefixMatches(rule: WebhookRule, url: Comparable): boolean {
  const prefix = rule.prefix === null ? undefined : comparable(rule.prefix);
  return prefix !== undefined && url.bare.startsWith(prefix.bare);
}

const lengthOf = (rule: WebhookRule) => (rule.value ?? rule.prefix ?? '').length;

/** Rules in Twilio's evaluation order: exact (longest first), prefix (longest first), default. */
export function evaluationOrder(rules: readonly WebhookRule[]): WebhookRule[] {
  const rank = { EXACT_MATCH: 0, PREFIX_MATCH: 1, DEFAULT: 2 } as const;
  return [...rules].sort(
    (a, b) => rank[a.matchType] - rank[b.matchType] || lengthOf(b) - lengthOf(a),
  );
}

/** The Rule that decides `url`, or undefined when none matches (the fragment counts). */
export function decidingRule(rules: readonly WebhookRule[], url: string): WebhookRule | undefined {
  const target = comparable(url);
  if (!target) return undefined;
  return evaluationOrder(rules).find((rule) => {
    if (rule.matchType === 'EXACT_MATCH') return exactMatches(rule, target);
    if (rule.matchType === 'PREFIX_MATCH') return prefixMatches(rule, target);
    return true;
  });
}

/** A Setting a deciding Rule applies, with its share; `setting` undefined when not listed. */
export interface AppliedSetting {
  readonly share: RuleSettingShare;
  readonly setting: WebhookSetting | undefined;
}

export interface RuleDecision {
  readonly rule: WebhookRule;
  readonly applied: readonly AppliedSetting[];
}

/** The deciding Rule for `url` and the Settings it applies (a split has two). */
export function decideWebhookRule(
  rules: readonly WebhookRule[],
  settings: ReadonlyMap<string, WebhookSetting>,
  url: string,
): RuleDecision | undefined {
  const rule = decidingRule(rules, url);
  if (!rule) return undefined;
  return {
    rule,
    applied: rule.settings.map((share) => ({ share, setting: settings.get(share.settingId) })),
  };
}
