import type { CliIo } from '../cli/cli-io';
import { EXIT, ToolError } from '../cli/tool-error';
import {
  closeTwilioClient,
  createTwilioClient,
  type TwilioClient,
} from '../twilio-client/create-client';
import { mergeEnvironment, readCredentials, readDotEnv } from '../twilio-client/credentials';
import { describeApiError } from '../twilio-client/describe-api-error';
import { applyFix } from './apply-fix';
import type { AccountSnapshot } from './account-snapshot';
import type { AuditRequest } from './audit-request';
import { auditItems, type AuditItem } from './audit-items';
import { auditJson, renderAudit } from './audit-report';
import { fixJson, renderFix } from './fix-report';
import { planFix } from './plan-fix';
import { probeFallbacks, type FallbackProbe } from './probe-fallbacks';
import { readAccount } from './read-account';
import { runTreeAudit } from './run-tree-audit';
import { tunePrimaries } from './tune-primaries';
import { renderTunings, tuningsJson } from './tuning-report';
import { FIXABLE_VERDICTS } from './verdict';
import {
  decisionForPrimary,
  findWebhookRules,
  renderWebhookRules,
  withWebhookRules,
} from './webhook-rule-findings';

/** The audit's exit codes: 0 all protected, 1 something not, 2 usage, 3 API or credentials. */
export const AUDIT_EXIT = { protected: 0, unprotected: 1, usage: 2, api: 3 } as const;

export interface AuditIo extends CliIo {
  /** A transient progress line (the CLI passes one only when stderr is a TTY). */
  readonly progress?: (line: string) => void;
}

async function readOrExplain(
  client: TwilioClient,
  request: AuditRequest,
  io: AuditIo,
): Promise<AccountSnapshot> {
  try {
    return await readAccount(client, {
      pageSize: request.pageSize,
      ...(io.progress ? { progress: io.progress } : {}),
    });
  } catch (error) {
    throw new ToolError(describeApiError(error, 'reading the account'), AUDIT_EXIT.api);
  }
}

/**
 * One `audit` run: read the whole account, judge every number and channel, optionally
 * probe the fallbacks, print; with --fix plan (and with --yes apply) the changes.
 */
export async function runAudit(request: AuditRequest, io: AuditIo): Promise<number> {
  const env = mergeEnvironment(io.env, readDotEnv(io.cwd));
  const credentials = readCredentials(env);
  if (!credentials.ok) throw new ToolError(credentials.reason, AUDIT_EXIT.api);
  if (request.subaccounts) return runTreeAudit(request, io, credentials.credentials, env);
  const client = createTwilioClient(credentials.credentials, io.httpClient, env);
  try {
    const snapshot = await readOrExplain(client, request, io);
    let items: AuditItem[] = auditItems(snapshot);
    let probes: FallbackProbe[] | undefined;
    if (request.probe) {
      io.progress?.('probing fallbacks');
      ({ items, probes } = await probeFallbacks(items, credentials.credentials.authToken));
    }
    const rules = await findWebhookRules(client, items, request.pageSize);
    io.progress?.('');
    const unprotected = items.some((item) => FIXABLE_VERDICTS.has(item.verdict));
    if (!request.fix) {
      io.stdout(
        request.json
          ? JSON.stringify(withWebhookRules(auditJson(snapshot, items), items, rules), null, 2)
          : [renderAudit(snapshot, items, probes), ...renderWebhookRules(items, rules)].join('\n'),
      );
      return unprotected ? AUDIT_EXIT.unprotected : AUDIT_EXIT.protected;
    }
    const { fastFailover } = request.fix;
    if (fastFailover) io.progress?.('measuring primaries (--fast-failover auto)');
    const planned = planFix(items, request.fix);
    const tuned = fastFailover
      ? {
          samples: fastFailover.samples,
          ...(await tunePrimaries(planned, {
            authToken: credentials.credentials.authToken,
            samples: fastFailover.samples,
          })),
        }
      : undefined;
    const plan = tuned?.plan ?? planned;
    const ruleFor = (url: string) => decisionForPrimary(items, rules, url);
    const outcomes =
      request.fix.apply && plan.fixes.length > 0
        ? await applyFix(client, plan.fixes, request.fix.concurrency)
        : undefined;
    if (request.json) {
      io.stdout(
        JSON.stringify(
          {
            ...withWebhookRules(auditJson(snapshot, items), items, rules),
            fix: fixJson(plan, outcomes),
            ...(tuned ? { fastFailover: tuningsJson(tuned.tunings, ruleFor) } : {}),
          },
          null,
          2,
        ),
      );
    } else {
      const audit = [renderAudit(snapshot, items, probes), ...renderWebhookRules(items, rules)];
      const tuning = tuned
        ? `${renderTunings(tuned.tunings, tuned.samples, ruleFor, !request.fix.apply)}\n\n`
        : '';
      io.stdout(`${audit.join('\n')}\n\n${tuning}${renderFix(plan, outcomes)}`);
    }
    if (!outcomes) return unprotected ? AUDIT_EXIT.unprotected : AUDIT_EXIT.protected;
    return outcomes.every((outcome) => outcome.changed) ? EXIT.ok : AUDIT_EXIT.unprotected;
  } finally {
    closeTwilioClient(client);
  }
}
