/**
 * `--subaccounts --fix`: each account is fixed with its OWN deployment of this project
 * (a protected /fallback only answers requests signed with its owner's token, see
 * cross-account.ts), found in that account's Serverless API as the Service named as
 * `npm run deploy` names it. The parent uses `--domain`. A subaccount without a
 * deployment is left alone with the command that deploys there, unless
 * `--static-fallback`: then it gets the parent's PUBLIC /error.xml (voice) and
 * /error-sms.xml (SMS), which check no signature and answer for any account.
 */
import type { FixOutcome } from './apply-fix';
import { applyFix } from './apply-fix';
import type { AuditRequest } from './audit-request';
import { fixJson, renderFix } from './fix-report';
import { planFix, type FixPlan } from './plan-fix';
import { STATIC_FALLBACK_PATHS } from '../cli/function-domain';
import type { Deployment } from '../twilio-client/serverless-deployments';
import type { TreeAccount } from './read-tree';
import { accountName, type AccountAudit } from './tree-report';
import { FIXABLE_VERDICTS } from './verdict';
import type { PrimaryTuning, TuneOptions } from './tune-primaries';
import {
  accountTuningsJson,
  renderAccountTunings,
  renderTreeTuning,
  treeTuningJson,
} from './tree-tuning';

export type FixTarget =
  | { readonly kind: 'domain-flag' | 'own-deployment' | 'parent-static'; readonly domain: string }
  | { readonly kind: 'none'; readonly deployCommand: string; readonly reason?: string };

export interface AccountFix {
  readonly audit: AccountAudit;
  readonly target: FixTarget;
  readonly plan: FixPlan;
  readonly outcomes?: readonly FixOutcome[];
  /** With --fast-failover auto: what was measured (tree-tuning.ts); `plan` carries the tuned URLs. */
  readonly tunings?: readonly PrimaryTuning[];
}

type Fix = NonNullable<AuditRequest['fix']>;

/** The paths a deployment must serve for the kind of fallback planned. */
function serves(deployment: Deployment, staticFallback: boolean): boolean {
  if (!staticFallback) return deployment.paths.has('/fallback');
  return (
    deployment.paths.get(STATIC_FALLBACK_PATHS.voice) === 'public' &&
    deployment.paths.get(STATIC_FALLBACK_PATHS.sms) === 'public'
  );
}

export function fixTargetOf(
  audit: AccountAudit,
  deployments: readonly Deployment[],
  fix: Fix,
  serviceName: string,
): FixTarget {
  if (audit.isParent) return { kind: 'domain-flag', domain: fix.domain };
  const own = deployments.find(
    (deployment) =>
      deployment.accountSid === audit.sid &&
      deployment.serviceName === serviceName &&
      serves(deployment, fix.staticFallback),
  );
  if (own) return { kind: 'own-deployment', domain: own.domain };
  const deployCommand = `npm run deploy -- --subaccount ${audit.sid}`;
  if (!fix.staticFallback) return { kind: 'none', deployCommand };
  // Only a PUBLIC document answers another account's number: when the tree shows the
  // parent's deployment, it must serve both documents publicly.
  const parent = deployments.find((deployment) => deployment.domain === fix.domain);
  if (parent && !serves(parent, true)) {
    return {
      kind: 'none',
      deployCommand,
      reason: `${fix.domain} does not serve public ${STATIC_FALLBACK_PATHS.voice} and ${STATIC_FALLBACK_PATHS.sms} (redeploy the parent)`,
    };
  }
  return { kind: 'parent-static', domain: fix.domain };
}

const EMPTY_PLAN: FixPlan = { fixes: [], leftAlone: [] };

export function planTreeFix(
  audits: readonly AccountAudit[],
  deployments: readonly Deployment[],
  fix: Fix,
  serviceName: string,
): AccountFix[] {
  return audits
    .filter((audit) => audit.snapshot !== undefined)
    .map((audit) => {
      const target = fixTargetOf(audit, deployments, fix, serviceName);
      const plan =
        target.kind === 'none'
          ? EMPTY_PLAN
          : planFix(audit.items, { domain: target.domain, staticFallback: fix.staticFallback });
      return { audit, target, plan };
    });
}

/**
 * Applies each account's plan with that account's own client, one account after
 * another (each with `concurrency` updates in flight): a failure stays in its account.
 */
export async function applyTreeFix(
  planned: readonly AccountFix[],
  accounts: ReadonlyMap<string, TreeAccount>,
  concurrency: number,
): Promise<AccountFix[]> {
  const done: AccountFix[] = [];
  for (const entry of planned) {
    const account = accounts.get(entry.audit.sid)!;
    done.push(
      entry.plan.fixes.length > 0
        ? { ...entry, outcomes: await applyFix(account.client, entry.plan.fixes, concurrency) }
        : entry,
    );
  }
  return done;
}

/** Whether the account still has number-channels that no plan of this run cures. */
export function unreached(entry: AccountFix): boolean {
  return (
    entry.target.kind === 'none' &&
    entry.audit.items.some((item) => FIXABLE_VERDICTS.has(item.verdict))
  );
}

function targetText(target: FixTarget): string {
  switch (target.kind) {
    case 'domain-flag':
      return `with --domain ${target.domain}`;
    case 'own-deployment':
      return `with its own deployment ${target.domain}`;
    case 'parent-static':
      return `with the parent's public documents on ${target.domain} (no deployment of its own)`;
    case 'none':
      return 'left alone';
  }
}

/** @param tuning the --fast-failover auto options, when the run measured primaries. */
export function treeFixJson(entries: readonly AccountFix[], tuning?: TuneOptions) {
  return {
    ...(tuning ? { fastFailover: treeTuningJson(entries, tuning) } : {}),
    accounts: entries.map((entry) => ({
      accountSid: entry.audit.sid,
      target: entry.target,
      ...fixJson(entry.plan, entry.outcomes),
      // Every account has it when the run tunes: `[]` for one left alone (nothing measured).
      ...(tuning ? { fastFailover: accountTuningsJson(entry) } : {}),
    })),
  };
}

export function renderTreeFix(
  entries: readonly AccountFix[],
  serviceName: string,
  tuning?: TuneOptions,
): string {
  const lines: string[] = tuning ? ['', renderTreeTuning(entries, tuning)] : [];
  for (const entry of entries) {
    const name = accountName(entry.audit);
    lines.push('', `== fix ${name} ${targetText(entry.target)} ==`);
    if (entry.target.kind === 'none') {
      const instead = entry.target.reason
        ? `The parent's public documents cannot stand in: ${entry.target.reason}.`
        : "Or re-run with --static-fallback to use the parent's public documents.";
      lines.push(
        unreached(entry)
          ? `left alone: ${name} has no deployment of "${serviceName}" of its own (a protected /fallback elsewhere refuses its signature). Deploy there with:\n  ${entry.target.deployCommand}\nthen re-run. ${instead}`
          : 'nothing to change.',
      );
      continue;
    }
    if (tuning && entry.plan.fixes.length > 0) {
      lines.push(renderAccountTunings(entry, tuning.samples, entry.outcomes === undefined), '');
    }
    lines.push(renderFix(entry.plan, entry.outcomes));
  }
  return lines.join('\n');
}
