/**
 * `audit --subaccounts`: every active account of the tree the credentials head, each
 * read with its own client (see read-tree.ts for why v1 needs each account's token),
 * a bounded number of accounts at a time; then the cross-account judgement over the
 * whole tree's deployments, the optional probe (each request signed with the token of
 * the account that owns the number, as Twilio signs it), output, and the optional fix.
 *
 * No auth token is printed, logged or written: tokens stay inside the per-account
 * twilio-node clients and read-tree.ts's signing-token map, and only SIDs and friendly
 * names reach the output.
 */
import { EXIT, ToolError } from '../cli/tool-error';
import { createTwilioClient, toolRequestClient } from '../twilio-client/create-client';
import type { TwilioCredentials } from '../twilio-client/credentials';
import { describeApiError } from '../twilio-client/describe-api-error';
import type { AuditRequest } from './audit-request';
import { auditItems } from './audit-items';
import { domainIndex, judgeCrossAccount } from './cross-account';
import { probeFallbacks } from './probe-fallbacks';
import { forEachBounded, readAccount } from './read-account';
import { readDeployments, type Deployment } from '../twilio-client/serverless-deployments';
import { readAccountTree, signingTokenOf, type TreeAccount } from './read-tree';
import type { AuditIo } from './run-audit';
import { deployServiceName } from '../deploy/service-name';
import { applyTreeFix, planTreeFix, renderTreeFix, treeFixJson, unreached } from './tree-fix';
import { renderTree, treeJson, type AccountAudit } from './tree-report';
import { tuneTreeFix } from './tree-tuning';
import {
  readWebhookConfiguration,
  type WebhookConfiguration,
} from '../twilio-client/read-webhook-rules';
import { decideItems } from './webhook-rule-findings';
import { FIXABLE_VERDICTS } from './verdict';

/** Accounts read at the same time (each reads its own lists with bounded concurrency too). */
export const ACCOUNT_CONCURRENCY = 4;

const TREE_EXIT = { protected: 0, unprotected: 1, api: 3 } as const;

interface AccountRead {
  readonly account: TreeAccount;
  readonly snapshot?: AccountAudit['snapshot'];
  readonly deployments: readonly Deployment[];
  readonly error?: string;
  readonly webhooks?: WebhookConfiguration;
}

async function readEach(
  accounts: readonly TreeAccount[],
  request: AuditRequest,
  io: AuditIo,
): Promise<AccountRead[]> {
  const reads = new Map<string, AccountRead>();
  let done = 0;
  await forEachBounded(accounts, ACCOUNT_CONCURRENCY, async (account) => {
    try {
      const snapshot = await readAccount(account.client, { pageSize: request.pageSize });
      const deployments = await readDeployments(account.client, account.sid, request.pageSize);
      // A version-1 product: each account's own Rules, read with its own credentials.
      const webhooks = await readWebhookConfiguration(account.client, request.pageSize);
      reads.set(account.sid, { account, snapshot, deployments, webhooks });
    } catch (error) {
      const why = describeApiError(error, `reading account ${account.sid}`);
      reads.set(account.sid, { account, deployments: [], error: why });
    }
    io.progress?.(`reading accounts: ${++done} of ${accounts.length}`);
  });
  return accounts.map((account) => reads.get(account.sid)!);
}

export async function runTreeAudit(
  request: AuditRequest,
  io: AuditIo,
  credentials: TwilioCredentials,
  env: Record<string, string | undefined>,
): Promise<number> {
  const http = io.httpClient ?? toolRequestClient(env);
  const parent = createTwilioClient(credentials, http);
  try {
    let tree;
    try {
      tree = await readAccountTree(
        { client: parent, sid: credentials.accountSid, authToken: credentials.authToken },
        http,
        request.pageSize,
      );
    } catch (error) {
      throw new ToolError(describeApiError(error, 'listing the subaccounts'), TREE_EXIT.api);
    }
    const reads = await readEach(tree.active, request, io);
    const deployments = reads.flatMap((read) => read.deployments);
    const index = domainIndex(deployments);
    const audits: AccountAudit[] = [];
    for (const read of reads) {
      const { account } = read;
      const base = {
        sid: account.sid,
        friendlyName: account.friendlyName,
        isParent: account.isParent,
      };
      if (!read.snapshot) {
        audits.push({ ...base, items: [], error: read.error! });
        continue;
      }
      let items = judgeCrossAccount(auditItems(read.snapshot), account.sid, index);
      let probes;
      if (request.probe) {
        io.progress?.(`probing fallbacks of ${account.sid}`);
        const probed = await probeFallbacks(items, signingTokenOf(account));
        items = probed.items.map((item, i) => ({ ...items[i]!, verdict: item.verdict }));
        probes = probed.probes;
      }
      audits.push({
        ...base,
        snapshot: read.snapshot,
        items,
        ...(probes ? { probes } : {}),
        ...(read.webhooks ? { webhookRules: decideItems(read.webhooks, items) } : {}),
      });
    }
    io.progress?.('');
    const unreadable = audits.some((audit) => audit.error !== undefined);
    const unprotected = audits.some((audit) =>
      audit.items.some((item) => FIXABLE_VERDICTS.has(item.verdict)),
    );
    const auditCode = unreadable
      ? TREE_EXIT.api
      : unprotected
        ? TREE_EXIT.unprotected
        : TREE_EXIT.protected;
    if (!request.fix) {
      io.stdout(
        request.json
          ? JSON.stringify(treeJson(audits, tree.skipped), null, 2)
          : renderTree(audits, tree.skipped),
      );
      return auditCode;
    }
    const serviceName = deployServiceName(io.cwd, request.serviceName);
    const accounts = new Map(tree.active.map((account) => [account.sid, account]));
    let planned = planTreeFix(audits, deployments, request.fix, serviceName);
    const tuning = request.fix.fastFailover;
    if (tuning) {
      io.progress?.('measuring primaries (--fast-failover auto)');
      planned = await tuneTreeFix(planned, accounts, tuning);
      io.progress?.('');
    }
    const entries = request.fix.apply
      ? await applyTreeFix(planned, accounts, request.fix.concurrency)
      : planned;
    if (request.json) {
      io.stdout(
        JSON.stringify(
          { ...treeJson(audits, tree.skipped), fix: treeFixJson(entries, tuning) },
          null,
          2,
        ),
      );
    } else {
      io.stdout(
        `${renderTree(audits, tree.skipped)}\n${renderTreeFix(entries, serviceName, tuning)}`,
      );
    }
    if (!request.fix.apply) return auditCode;
    if (unreadable) return TREE_EXIT.api;
    const failed = entries.some(
      (entry) => unreached(entry) || entry.outcomes?.some((outcome) => !outcome.changed),
    );
    return failed ? TREE_EXIT.unprotected : EXIT.ok;
  } finally {
    // One HTTP client for every account's client: closing it ends them all.
    const agents = http as unknown as { close?: () => void };
    if (!io.httpClient) agents.close?.();
  }
}
