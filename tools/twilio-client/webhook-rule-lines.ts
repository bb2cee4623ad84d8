/**
 * How configure, audit and probe say that a Webhook Rule decides a primary URL's
 * timeouts: one line naming the Rule and showing its Setting's values instead of the
 * URL fragment's, and the same as JSON. URLs are shown as the tools show every URL
 * (displayUrl: credentials and query values redacted).
 */
import { displayUrl, printable } from '../cli/safe-output';
import type { AppliedSetting, RuleDecision } from './decide-webhook-rule';
import type { SettingConnection } from './webhook-rules';

const CONNECTION_KEYS = ['ct', 'rt', 'tt', 'rc'] as const;

/** `ct=2000 rt=8000 tt=10000 rc=1 rp=ct`, keys the Setting leaves unset named as such. */
export function connectionText(connection: SettingConnection): string {
  const set = CONNECTION_KEYS.filter((key) => connection[key] !== undefined).map(
    (key) => `${key}=${connection[key]}`,
  );
  if (connection.rp) set.push(`rp=${connection.rp.join(',')}`);
  // Unset in the Setting: Twilio's defaults, not the fragment (the Setting replaces it whole, inferred).
  return set.length > 0 ? set.join(' ') : 'no timeouts set (Twilio defaults)';
}

function settingText(applied: AppliedSetting, split: boolean): string {
  const share = split ? `${applied.share.percentage}% ` : '';
  if (!applied.setting) return `${share}Setting ${printable(applied.share.settingId)} (not listed)`;
  const name = applied.setting.friendlyName ? `"${printable(applied.setting.friendlyName)}" ` : '';
  return `${share}Setting ${name}(${printable(applied.setting.id)}): ${connectionText(applied.setting.connection)}`;
}

/** `Webhook Rule "Functions" (webhooks_rule_…, PREFIX_MATCH https://host/)`. */
export function ruleName(decision: RuleDecision): string {
  const { rule } = decision;
  const name = rule.friendlyName ? `"${printable(rule.friendlyName)}" ` : '';
  const match = rule.value ?? rule.prefix;
  const what = match ? `${rule.matchType} ${displayUrl(match)}` : rule.matchType;
  return `Webhook Rule ${name}(${printable(rule.id)}, ${what})`;
}

/** The Settings a Rule applies; a split names each share. */
export function appliedText(decision: RuleDecision): string {
  const split = decision.applied.length > 1;
  const parts = decision.applied.map((applied) => settingText(applied, split));
  return split ? `split ${parts.join(' / ')}` : (parts[0] ?? 'no Setting');
}

/** The override fragment of a URL (`ct=1000&rt=3000`), or undefined when it has none. */
export function fragmentOf(url: string): string | undefined {
  const hash = url.indexOf('#');
  const fragment = hash < 0 ? '' : url.slice(hash + 1);
  return fragment === '' ? undefined : fragment;
}

/**
 * One line: `<what> <url> is decided by Webhook Rule … : Setting … ct=… ; its
 * #ct=… is ignored`. `fragmentVerb` says whose fragment it is ("is", "this run writes").
 */
export function ruleDecisionLine(
  what: string,
  url: string,
  decision: RuleDecision,
  fragmentVerb = 'on the URL',
): string {
  const fragment = fragmentOf(url);
  const ignored = fragment
    ? `; the #${printable(fragment)} ${fragmentVerb} is ignored`
    : '; a #ct=… fragment there would be ignored';
  return `${what} ${displayUrl(url.split('#')[0]!)}: timeouts decided by ${ruleName(decision)}: ${appliedText(decision)}${ignored}`;
}

/** The same, for `--json`. */
export interface RuleDecisionJson {
  readonly id: string;
  readonly friendlyName: string;
  readonly matchType: string;
  readonly match: string | null;
  readonly settings: readonly {
    readonly id: string;
    readonly friendlyName: string | null;
    readonly percentage: number;
    readonly connection: SettingConnection | null;
  }[];
  /** The URL's own fragment, which Twilio ignores while the Rule applies. */
  readonly ignoredFragment: string | null;
}

export function ruleDecisionJson(url: string, decision: RuleDecision): RuleDecisionJson {
  const { rule } = decision;
  const match = rule.value ?? rule.prefix;
  return {
    id: rule.id,
    friendlyName: rule.friendlyName,
    matchType: rule.matchType,
    match: match === null ? null : displayUrl(match),
    settings: decision.applied.map((applied) => ({
      id: applied.share.settingId,
      friendlyName: applied.setting?.friendlyName ?? null,
      percentage: applied.share.percentage,
      connection: applied.setting?.connection ?? null,
    })),
    ignoredFragment: fragmentOf(url) ?? null,
  };
}
