/**
 * How Twilio connects to a webhook URL that a Webhook Rule decides: with the deciding
 * Setting's connection values, not the URL's `#ct=…` fragment ("when a Webhook Rule
 * applies a Setting to a webhook, that Setting's connection configuration takes
 * precedence over any override in the URL",
 * https://www.twilio.com/docs/usage/webhooks/webhooks-connection-overrides). The
 * Setting's values are handed to the emulator the one way it takes connection
 * overrides: written into the URL's fragment (the fragment's own timing keys removed
 * first), which the emulator's one parser reads, clamps and defaults.
 *
 * INFERRED: a key the Setting leaves unset is Twilio's default, not the fragment's (the
 * Setting replaces the fragment whole), as webhook-rule-lines.ts shows it.
 */
import { worstCaseFailoverMs } from '../configure/fast-failover';
import {
  formatOverridesFragment,
  isRetryPolicy,
  NUMERIC_KEYS,
  parseOverridesFragment,
  TIMING_OVERRIDE_KEYS,
  withConnectionOverrides,
  withoutConnectionOverrides,
  type ConnectionOverrides,
} from '../emulator/connection-overrides';
import type { AppliedSetting, RuleDecision } from './decide-webhook-rule';
import type { SettingConnection, WebhookSetting } from './webhook-rules';

/** The Setting's values in the emulator's type; keys it does not set stay unset. */
export function settingOverrides(connection: SettingConnection): Partial<ConnectionOverrides> {
  const overrides: { -readonly [K in keyof ConnectionOverrides]?: ConnectionOverrides[K] } = {};
  for (const key of NUMERIC_KEYS) {
    const value = connection[key];
    if (value !== undefined) overrides[key] = value;
  }
  // A policy item the fragment does not know cannot be emulated; none known: the default.
  const policy = connection.rp?.filter(isRetryPolicy);
  if (policy !== undefined && policy.length > 0) overrides.rp = policy;
  return overrides;
}

/** What Twilio applies under the Setting: its values, Twilio's defaults for the rest. */
export function effectiveSettingOverrides(connection: SettingConnection): ConnectionOverrides {
  return parseOverridesFragment(formatOverridesFragment(settingOverrides(connection))).overrides;
}

/** `url` with its fragment's timing keys replaced by the Setting's (other keys kept). */
export function urlUnderSetting(url: string, connection: SettingConnection): string {
  return withConnectionOverrides(
    withoutConnectionOverrides(url, TIMING_OVERRIDE_KEYS),
    settingOverrides(connection),
  );
}

/** The Setting the emulator plays for a URL a Rule decides, and how it was chosen. */
export interface RuleConnection {
  /** The URL as configured, with the Setting's values as its fragment: what to emulate. */
  readonly url: string;
  readonly setting: WebhookSetting;
  readonly overrides: ConnectionOverrides;
  /** The Rule splits the traffic between two Settings; `setting` is the slower one. */
  readonly split: boolean;
}

type ListedSetting = AppliedSetting & { readonly setting: WebhookSetting };

/**
 * The Setting to emulate `url` with under `decision`. A split sends a share of the
 * webhooks to each Setting and one probe request can take only one: the slower (the
 * longer worst-case wait before Twilio gives up, worstCaseFailoverMs, the project's one
 * rule for it), so a slow primary is judged under the wait its more patient share gets
 * and the text says it is a split. Undefined when no Setting the Rule applies is listed:
 * its values are unknown, and the fragment is all there is to emulate.
 */
export function ruleConnection(url: string, decision: RuleDecision): RuleConnection | undefined {
  const listed = decision.applied.filter(
    (applied): applied is ListedSetting => applied.setting !== undefined,
  );
  let chosen: { setting: WebhookSetting; overrides: ConnectionOverrides } | undefined;
  for (const { setting } of listed) {
    const overrides = effectiveSettingOverrides(setting.connection);
    if (
      chosen === undefined ||
      worstCaseFailoverMs(overrides) > worstCaseFailoverMs(chosen.overrides)
    ) {
      chosen = { setting, overrides };
    }
  }
  if (chosen === undefined) return undefined;
  return {
    url: urlUnderSetting(url, chosen.setting.connection),
    ...chosen,
    split: decision.applied.length > 1,
  };
}
