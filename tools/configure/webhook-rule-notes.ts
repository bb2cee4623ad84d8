/**
 * `configure` and Webhook Rules: when this run writes or shows connection overrides
 * (`#ct=…`) on a primary URL that a Webhook Rule decides, Twilio ignores the fragment
 * and uses the Rule's Setting (https://www.twilio.com/docs/usage/webhooks/webhooks-connection-overrides).
 * Say so in one line per primary, with the Setting's values; never refuse for it (the
 * fragment does no harm, and the Rule may be removed later). The API not enabled or
 * not reachable is one line too, and the run goes on.
 */
import type { TwilioClient } from '../twilio-client/create-client';
import { decideWebhookRule } from '../twilio-client/decide-webhook-rule';
import { readWebhookConfiguration } from '../twilio-client/read-webhook-rules';
import {
  appliedText,
  fragmentOf,
  ruleDecisionJson,
  ruleDecisionLine,
  ruleName,
  type RuleDecisionJson,
} from '../twilio-client/webhook-rule-lines';
import type { NumberSnapshot } from '../twilio-client/number-snapshot';
import { printable } from '../cli/safe-output';
import type { ConfigureRequest } from './configure-request';
import type { ConfigurePlan } from './plan-change';

export interface PrimaryRuleJson {
  readonly channel: 'voice' | 'sms';
  /** The Webhook Rule that decides this primary's timeouts, or null: the fragment counts. */
  readonly rule: RuleDecisionJson | null;
}

export interface WebhookRuleCheck {
  readonly notes: readonly string[];
  /** `--json`: null when nothing needed checking. */
  readonly json: {
    readonly checked: boolean;
    readonly note?: string;
    readonly primaries: readonly PrimaryRuleJson[];
  } | null;
}

const FIELDS = { voice: 'voiceUrl', sms: 'smsUrl' } as const;

/** Each configured channel's primary URL once this run is done (what it writes, else what is there). */
function primariesAfter(
  request: ConfigureRequest,
  number: NumberSnapshot,
  plan: ConfigurePlan,
): { channel: 'voice' | 'sms'; url: string }[] {
  const primaries: { channel: 'voice' | 'sms'; url: string }[] = [];
  for (const channel of ['voice', 'sms'] as const) {
    if (!request[channel]) continue;
    const change = plan.changes.find(
      (c) => c.resource === number.phoneNumber && c.field === FIELDS[channel],
    );
    const url = change ? change.after : number[FIELDS[channel]];
    if (url) primaries.push({ channel, url });
  }
  return primaries;
}

function flagOf(request: ConfigureRequest): string | undefined {
  const fast = request.fastFailover;
  if (fast === undefined || fast === 'off') return undefined;
  return 'mode' in fast ? '--fast-failover auto' : '--fast-failover';
}

/**
 * Reads the Rules only when connection overrides are in play (written by this run, or
 * already on a primary it keeps): a plain configure sends nothing more than before.
 */
export async function checkWebhookRules(
  client: TwilioClient,
  request: ConfigureRequest,
  number: NumberSnapshot,
  plan: ConfigurePlan,
): Promise<WebhookRuleCheck> {
  const flag = flagOf(request);
  const primaries = primariesAfter(request, number, plan);
  if (flag === undefined && !primaries.some(({ url }) => fragmentOf(url) !== undefined)) {
    return { notes: [], json: null };
  }
  const configuration = await readWebhookConfiguration(client);
  if (!configuration.available) {
    return {
      notes: [configuration.reason],
      json: { checked: false, note: configuration.reason, primaries: [] },
    };
  }
  const notes: string[] = [];
  const json: PrimaryRuleJson[] = [];
  for (const { channel, url } of primaries) {
    const decision = decideWebhookRule(configuration.rules, configuration.settings, url);
    json.push({ channel, rule: decision ? ruleDecisionJson(url, decision) : null });
    if (!decision) continue;
    const fragment = fragmentOf(url);
    notes.push(
      flag !== undefined && fragment !== undefined
        ? `${flag}: Twilio will ignore the #${printable(fragment)} written on the ${channel} primary: its timeouts are decided by ${ruleName(decision)}: ${appliedText(decision)}`
        : ruleDecisionLine(`${channel} primary`, url, decision),
    );
  }
  return { notes, json: { checked: true, primaries: json } };
}
