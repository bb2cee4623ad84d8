import { displayValue, renderChangeTable } from '../configure/change-table';
import type { FixOutcome } from './apply-fix';
import type { FixPlan } from './plan-fix';

export type FixStatus = 'planned' | 'changed' | 'failed';

export interface FixJson {
  readonly outcome: 'dry-run' | 'applied' | 'partial' | 'nothing-to-fix';
  readonly resources: readonly {
    readonly kind: string;
    readonly sid: string;
    readonly numbers: number;
    readonly status: FixStatus;
    readonly error?: string;
    readonly changes: readonly { field: string; before: string | null; after: string | null }[];
  }[];
  readonly leftAlone: FixPlan['leftAlone'];
}

export function fixJson(plan: FixPlan, outcomes: readonly FixOutcome[] | undefined): FixJson {
  const outcome = outcomes?.some((o) => !o.changed)
    ? 'partial'
    : plan.fixes.length === 0
      ? 'nothing-to-fix'
      : outcomes
        ? 'applied'
        : 'dry-run';
  return {
    outcome,
    resources: plan.fixes.map((fix, index) => {
      const result = outcomes?.[index];
      return {
        kind: fix.kind,
        sid: fix.sid,
        numbers: fix.numbers,
        status: result ? (result.changed ? 'changed' : 'failed') : 'planned',
        ...(result?.error ? { error: result.error } : {}),
        changes: fix.changes.map((change) => ({
          field: change.field,
          before: displayValue(change.before),
          after: displayValue(change.after),
        })),
      };
    }),
    leftAlone: plan.leftAlone,
  };
}

export function renderFix(plan: FixPlan, outcomes: readonly FixOutcome[] | undefined): string {
  const lines: string[] = [];
  if (plan.fixes.length === 0) {
    lines.push('Fix: nothing to change.');
  } else {
    // Distinct numbers: one number's voice and SMS may be fixed on two resources.
    const numbers = new Set(plan.fixes.flatMap((fix) => fix.numberSids)).size;
    lines.push(`Fix plan: ${plan.fixes.length} resource(s), protecting ${numbers} number(s):`);
    lines.push(
      renderChangeTable(
        plan.fixes.flatMap((fix) =>
          fix.changes.map((change) => ({
            resource: fix.label,
            field: change.field,
            before: displayValue(change.before),
            after: displayValue(change.after),
          })),
        ),
      ),
    );
  }
  for (const alone of plan.leftAlone) {
    lines.push(
      `left alone: ${alone.label} (${alone.channel}, ${alone.verdict}, ${alone.numbers} number(s)): ${alone.reason}`,
    );
  }
  if (!outcomes) {
    // "to Twilio": a --fast-failover auto dry run has sent measurement requests to primaries.
    if (plan.fixes.length > 0)
      lines.push('Dry run: nothing was sent to Twilio. Re-run with --yes to apply.');
    return lines.join('\n');
  }
  const changed = outcomes.filter((o) => o.changed);
  const failed = outcomes.filter((o) => !o.changed);
  lines.push(`Changed ${changed.length} of ${outcomes.length} resource(s).`);
  for (const o of changed) lines.push(`  changed: ${o.fix.label}`);
  for (const o of failed) lines.push(`  NOT changed: ${o.fix.label}: ${o.error}`);
  if (failed.length > 0)
    lines.push('Re-run the same command to retry: resources already protected are not touched.');
  return lines.join('\n');
}
