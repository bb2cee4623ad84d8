/**
 * The audit and Twilio's Webhook Rules: which Rule decides each answering resource's
 * primary URL (its Setting's timeouts win over the URL's `#ct=…` fragment,
 * https://www.twilio.com/docs/usage/webhooks/webhooks-connection-overrides). The Rules
 * and Settings are read once per account (list pages only, like the rest of the audit),
 * then matched per item without another request. In text, one line per deciding Rule;
 * in `--json`, the Rule on every item. An account without the API: one line, and the
 * audit's verdicts and exit code are unchanged.
 */
import type { TwilioClient } from '../twilio-client/create-client';
import { decideWebhookRule, type RuleDecision } from '../twilio-client/decide-webhook-rule';
import {
  readWebhookConfiguration,
  type WebhookConfiguration,
} from '../twilio-client/read-webhook-rules';
import {
  appliedText,
  fragmentOf,
  ruleDecisionJson,
  ruleName,
  type RuleDecisionJson,
} from '../twilio-client/webhook-rule-lines';
import type { AuditItem } from './audit-items';
import type { AuditJson } from './audit-report';

export interface RuleFindings {
  readonly checked: boolean;
  /** Why the Rules were not checked (one line), when they were not. */
  readonly note?: string;
  /** Per audit item, in order: the deciding Rule, or undefined. */
  readonly decisions: readonly (RuleDecision | undefined)[];
}

export async function findWebhookRules(
  client: TwilioClient,
  items: readonly AuditItem[],
  pageSize: number,
): Promise<RuleFindings> {
  return decideItems(await readWebhookConfiguration(client, Math.min(pageSize, 1000)), items);
}

/** Matches every item's primary against Rules already read (no request). */
export function decideItems(
  configuration: WebhookConfiguration,
  items: readonly AuditItem[],
): RuleFindings {
  if (!configuration.available) {
    return { checked: false, note: configuration.reason, decisions: items.map(() => undefined) };
  }
  const { rules, settings } = configuration;
  return {
    checked: true,
    decisions: items.map((item) =>
      item.answerer.primaryUrl === null || rules.length === 0
        ? undefined
        : decideWebhookRule(rules, settings, item.answerer.primaryUrl),
    ),
  };
}

/**
 * The deciding Rule of a primary URL that an audited item carries, matched once already
 * (the fragment plays no part in matching, so a tuned URL has the same Rule).
 */
export function decisionForPrimary(
  items: readonly AuditItem[],
  findings: RuleFindings,
  url: string,
): RuleDecision | undefined {
  const index = items.findIndex((item) => item.answerer.primaryUrl === url);
  return index < 0 ? undefined : findings.decisions[index];
}

/** One item's deciding Rule as `--json` shows it, or null. */
export function itemRuleJson(
  item: AuditItem | undefined,
  decision: RuleDecision | undefined,
): RuleDecisionJson | null {
  const url = item?.answerer.primaryUrl;
  return decision && url ? ruleDecisionJson(url, decision) : null;
}

/** `--json`: `webhookRules` says whether Rules were checked; every item gets `webhookRule`. */
export function withWebhookRules(
  json: AuditJson,
  items: readonly AuditItem[],
  findings: RuleFindings,
): AuditJson & {
  webhookRules: { checked: boolean; note?: string };
  items: (AuditJson['items'][number] & { webhookRule: RuleDecisionJson | null })[];
} {
  return {
    ...json,
    webhookRules: { checked: findings.checked, ...(findings.note ? { note: findings.note } : {}) },
    items: json.items.map((entry, index) => ({
      ...entry,
      webhookRule: itemRuleJson(items[index], findings.decisions[index]),
    })),
  };
}

const NAMED = 3;

/** Text: nothing when no Rule decides; else one line per deciding Rule. */
export function renderWebhookRules(items: readonly AuditItem[], findings: RuleFindings): string[] {
  if (!findings.checked) return ['', `note: ${findings.note}`];
  const byRule = new Map<string, { decision: RuleDecision; items: AuditItem[] }>();
  findings.decisions.forEach((decision, index) => {
    if (!decision) return;
    const entry = byRule.get(decision.rule.id) ?? { decision, items: [] };
    entry.items.push(items[index]!);
    byRule.set(decision.rule.id, entry);
  });
  if (byRule.size === 0) return [];
  const lines = [
    '',
    'Webhook Rules deciding primary timeouts (the URL fragment is ignored there):',
  ];
  for (const { decision, items: decided } of byRule.values()) {
    const resources = [...new Set(decided.map((item) => `${item.answerer.label} ${item.channel}`))];
    const named = resources.slice(0, NAMED).join(', ');
    const more = resources.length > NAMED ? ` +${resources.length - NAMED} more` : '';
    const withFragment = decided.filter(
      (item) => item.answerer.primaryUrl && fragmentOf(item.answerer.primaryUrl),
    ).length;
    const ignored =
      withFragment > 0 ? `; ${withFragment} with a #ct=… fragment Twilio ignores` : '';
    lines.push(
      `  ${ruleName(decision)}: ${appliedText(decision)}; decides ${decided.length} number-channel(s): ${named}${more}${ignored}`,
    );
  }
  return lines;
}
