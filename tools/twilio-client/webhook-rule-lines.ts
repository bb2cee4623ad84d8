/**
 * How configure, audit and probe say that a Webhook Rule decides a primary URL's
 * timeouts: one line naming the Rule and showing its Setting's values instead of the
 * URL fragment's, and the same as JSON. URLs are shown as the tools show every URL
 * (displayUrl: credentials and query values redacted).
 */
import { displayUrl, printable } from '../cli/safe-output';
import type { AppliedSetting, RuleDecision } from './decide-webhook-rule';
import type { RuleConnection } from './rule-connection';
import type { SettingConnection, WebhookSetting } from './webhook-rules';
import { NUMERIC_KEYS } from '../emulator/connection-overrides';

/** `ct=2000 rt=8000 tt=10000 rc=1 rp=ct`, keys the Setting leaves unset named as such. */
export function connectionText(connection: SettingConnection): string {
  const set = NUMERIC_KEYS.filter((key) => connection[key] !== undefined).map(
    (key) => `${key}=${connection[key]}`,
  );
  if (connection.rp) set.push(`rp=${connection.rp.join(',')}`);
  // Unset in the Setting: Twilio's defaults, not the fragment (the Setting replaces it whole, inferred).
  return set.length > 0 ? set.join(' ') : 'no timeouts set (Twilio defaults)';
}

/** `Setting "slow backend" (webhooks_setting_…)`. */
function settingLabel(setting: WebhookSetting): string {
  const name = setting.friendlyName ? `"${printable(setting.friendlyName)}" ` : '';
  return `Setting ${name}(${printable(setting.id)})`;
}

/** `50% Setting "slow backend" (…)` in a split, the Setting alone otherwise. */
function shareLabel(applied: AppliedSetting, split: boolean): string {
  const share = split ? `${applied.share.percentage}% ` : '';
  if (!applied.setting) return `${share}Setting ${printable(applied.share.settingId)} (not listed)`;
  return `${share}${settingLabel(applied.setting)}`;
}

function settingText(applied: AppliedSetting, split: boolean): string {
  const label = shareLabel(applied, split);
  return applied.setting ? `${label}: ${connectionText(applied.setting.connection)}` : label;
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

/**
 * What a probe says of a primary it emulated under a Rule's Setting: `emulated with
 * Webhook Rule … Setting …: ct=… rt=… tt=… rc=… rp=…; the #… fragment is ignored by
 * Twilio`, the values being what Twilio applies (Twilio's defaults where the Setting
 * sets none). A split names both shares and which one was played.
 */
export function ruleEmulationText(
  url: string,
  decision: RuleDecision,
  connection: RuleConnection,
): string {
  const played = `${settingLabel(connection.setting)}: ${connectionText(connection.overrides)}`;
  const shares = decision.applied.map((applied) => shareLabel(applied, true));
  const setting = connection.split
    ? `(a split: ${shares.join(' / ')}) with the slower ${played} (the other share may give up sooner)`
    : played;
  const fragment = fragmentOf(url);
  const ignored = fragment ? `; the #${printable(fragment)} fragment is ignored by Twilio` : '';
  return `emulated with ${ruleName(decision)} ${setting}${ignored}`;
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
