import { redactUrl } from '../../src/request/redact-url';
import { formatTextTable } from '../cli/text-table';
import type { ConfigurePlan } from './plan-change';

export type ConfigureOutcome = 'dry-run' | 'applied' | 'unchanged' | 'refused';

export interface ReportedChange {
  readonly resource: string;
  readonly field: string;
  /** `null`: unset. URLs are redacted (see `displayValue`). */
  readonly before: string | null;
  readonly after: string | null;
}

/** What a run did or would do; `--json` prints exactly this. */
export interface ConfigureReport {
  readonly outcome: ConfigureOutcome;
  readonly number: ConfigurePlan['number'];
  readonly domain: string;
  readonly changes: readonly ReportedChange[];
  readonly refusals: readonly {
    readonly channel: string;
    readonly what: string;
    readonly flag: string;
    readonly explanation: string;
  }[];
  readonly notes: readonly string[];
}

/**
 * Values are shown the way logs show URLs (redactUrl): a webhook URL may carry
 * basic-auth credentials or tokens in its query, and this table ends up in terminals
 * and CI logs. Host, path and the `#ct=…` overrides stay visible.
 */
export function displayValue(value: string | null): string | null {
  if (value === null) return null;
  return /^https?:\/\//i.test(value) ? (redactUrl(value) ?? value) : value;
}

export function reportOf(plan: ConfigurePlan, outcome: ConfigureOutcome): ConfigureReport {
  return {
    outcome,
    number: plan.number,
    domain: plan.domain,
    changes: plan.changes.map((change) => ({
      resource: change.resource,
      field: change.field,
      before: displayValue(change.before),
      after: displayValue(change.after),
    })),
    refusals: plan.refusals.map(({ channel, what, flag, explanation }) => ({
      channel,
      what,
      flag,
      explanation,
    })),
    notes: plan.notes,
  };
}

/** Plain-text before/after table, columns sized to their content. */
export function renderChangeTable(changes: readonly ReportedChange[]): string {
  return formatTextTable(
    ['resource', 'field', 'before', 'after'],
    changes.map((change) => [
      change.resource,
      change.field,
      change.before ?? '(unset)',
      change.after ?? '(unset)',
    ]),
  );
}

/** Human-readable form of a run: refusals, or the table and what happened. */
export function renderReport(report: ConfigureReport): string {
  const { phoneNumber, sid } = report.number;
  const lines: string[] = [];
  if (report.outcome === 'refused') {
    lines.push(`Refusing to change ${phoneNumber} (${sid}): its new URLs would be ignored.`);
    for (const refusal of report.refusals) lines.push(`  - ${refusal.explanation}`);
    lines.push('Nothing was changed. Re-run with the flag named above to act on it.');
    return lines.join('\n');
  }
  if (report.changes.length === 0) {
    lines.push(
      `${phoneNumber} (${sid}) already points at https://${report.domain}: nothing to change.`,
    );
  } else {
    lines.push(`${phoneNumber} (${sid}) → https://${report.domain}`);
    lines.push(renderChangeTable(report.changes));
  }
  for (const note of report.notes) lines.push(`note: ${note}`);
  if (report.outcome === 'dry-run') lines.push('Dry run: nothing was sent to Twilio.');
  if (report.outcome === 'applied') lines.push(`Updated ${report.changes.length} field(s).`);
  return lines.join('\n');
}
