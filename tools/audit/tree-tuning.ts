/**
 * `audit --subaccounts --fix --fast-failover auto`: every account's plan is measured in
 * one tunePlans call (one concurrency limit and ONE total budget for the whole tree, so
 * a tree of many accounts costs no more time than one account's limit), each account's
 * requests signed with that account's own token (read-tree.ts `signingTokenOf`). Each
 * account shows its own tunings as a single account does (tuning-report.ts, with its own
 * Webhook Rules); the tree adds one line that says what the budget left unmeasured.
 */
import type { AccountFix } from './tree-fix';
import { signingTokenOf, type TreeAccount } from './read-tree';
import { accountName } from './tree-report';
import { measurementLimits, tunePlans, type TuneOptions } from './tune-primaries';
import { renderTunings, tuningsJson, type RuleLookup } from './tuning-report';
import { decisionForPrimary } from './webhook-rule-findings';
import { displayValue } from '../configure/change-table';

/** Measures and tunes the primaries of every account that gets a fix plan. */
export async function tuneTreeFix(
  planned: readonly AccountFix[],
  accounts: ReadonlyMap<string, TreeAccount>,
  options: TuneOptions,
): Promise<AccountFix[]> {
  // Accounts left alone (no deployment to fix with) have an empty plan (planTreeFix):
  // nothing to measure, so every account can go in and the results zip back by index.
  const tuned = await tunePlans(
    planned.map((entry) => ({
      plan: entry.plan,
      authToken: signingTokenOf(accounts.get(entry.audit.sid)!),
    })),
    options,
  );
  return planned.map((entry, index) => ({ ...entry, ...tuned[index]! }));
}

/** The account's own Webhook Rules (read with its own credentials) decide its primaries. */
function ruleLookupOf(entry: AccountFix): RuleLookup {
  const findings = entry.audit.webhookRules;
  return (url) => (findings ? decisionForPrimary(entry.audit.items, findings, url) : undefined);
}

/** Text of one account's tunings, above its fix table (as a single account prints it). */
export function renderAccountTunings(entry: AccountFix, samples: number, dryRun: boolean): string {
  return renderTunings(entry.tunings ?? [], samples, ruleLookupOf(entry), dryRun);
}

/** `--json`: one account's tunings, under `fix.accounts[].fastFailover`. */
export function accountTuningsJson(entry: AccountFix) {
  return tuningsJson(entry.tunings ?? [], ruleLookupOf(entry));
}

function notMeasured(entries: readonly AccountFix[]) {
  return entries.flatMap((entry) =>
    (entry.tunings ?? [])
      .filter((tuning) => tuning.budgetRanOut)
      .map((tuning) => ({ entry, tuning })),
  );
}

/** `--json` `fix.fastFailover`: the tree's limits, and what the budget left unmeasured. */
export function treeTuningJson(entries: readonly AccountFix[], options: TuneOptions) {
  const left = notMeasured(entries);
  const { samples, concurrency, totalBudgetMs } = measurementLimits(options);
  return {
    samples,
    concurrency,
    totalBudgetMs,
    budgetRanOut: left.length > 0,
    notMeasured: left.map(({ entry, tuning }) => ({
      accountSid: entry.audit.sid,
      url: displayValue(tuning.url),
      channel: tuning.channel,
    })),
  };
}

/** The tree's lines above the per-account fixes: the limits, and the budget's shortfall. */
export function renderTreeTuning(entries: readonly AccountFix[], options: TuneOptions): string {
  const { concurrency, totalBudgetMs } = measurementLimits(options);
  const left = notMeasured(entries);
  const primaries = entries.reduce((sum, entry) => sum + (entry.tunings?.length ?? 0), 0);
  const accounts = entries.filter((entry) => (entry.tunings?.length ?? 0) > 0).length;
  const lines = [
    `Fast failover (--fast-failover auto) across the tree: ${primaries} distinct primary(ies) in ${accounts} account(s), each request signed with the token of the account that owns the number; ${concurrency} at a time, ${totalBudgetMs / 1000} s in all for the whole tree.`,
  ];
  if (left.length > 0) {
    lines.push(
      `The ${totalBudgetMs / 1000} s measurement budget ran out: ${left.length} primary(ies) not measured, left as they are (their fallbacks are still set):`,
      ...left.map(
        ({ entry, tuning }) =>
          `  ${displayValue(tuning.url)} (${tuning.channel}) of ${accountName(entry.audit)}`,
      ),
    );
  }
  return lines.join('\n');
}
