/**
 * `--subaccounts` output: one line per account first (worst first), then each
 * account's own audit as a single account prints it. `--json` adds `accountSid` (and
 * `fallbackOwner` for `*.twil.io` fallbacks) to every item, and the summary the
 * accounts audited, one entry per account with its counts, and those skipped.
 */
import type { AccountSnapshot } from './account-snapshot';
import { countVerdicts, type VerdictCounts } from './audit-items';
import { auditJson, renderAudit, shownUrl, type AuditJson } from './audit-report';
import type { FallbackOwner, TreeItem } from './cross-account';
import type { FallbackProbe } from './probe-fallbacks';
import type { SkippedAccount } from './read-tree';
import { FIXABLE_VERDICTS } from './verdict';
import { itemRuleJson, renderWebhookRules, type RuleFindings } from './webhook-rule-findings';

export interface AccountAudit {
  readonly sid: string;
  readonly friendlyName: string;
  readonly isParent: boolean;
  /** Undefined when the account could not be read (`error` says why). */
  readonly snapshot?: AccountSnapshot;
  readonly items: readonly TreeItem[];
  readonly probes?: readonly FallbackProbe[];
  readonly error?: string;
  /** The account's Webhook Rules matched against its items (read with its own credentials). */
  readonly webhookRules?: RuleFindings;
}

export interface AccountCounts {
  readonly accountSid: string;
  readonly friendlyName: string;
  readonly parent: boolean;
  readonly numbers: number;
  readonly unprotected: number;
  readonly voice: VerdictCounts;
  readonly sms: VerdictCounts;
  readonly error?: string;
  /** Whether the account's Webhook Rules were read, and why not when they were not. */
  readonly webhookRules?: { readonly checked: boolean; readonly note?: string };
}

export interface TreeJson {
  readonly summary: AuditJson['summary'] & {
    readonly accounts: number;
    readonly byAccount: readonly AccountCounts[];
    readonly skipped: readonly { accountSid: string; friendlyName: string; status: string }[];
  };
  readonly items: readonly (AuditJson['items'][number] & {
    readonly accountSid: string;
    readonly fallbackOwner?: string;
  })[];
}

function unprotectedOf(audit: AccountAudit): number {
  return audit.items.filter((item) => FIXABLE_VERDICTS.has(item.verdict)).length;
}

function countsOf(audit: AccountAudit): AccountCounts {
  return {
    accountSid: audit.sid,
    friendlyName: audit.friendlyName,
    parent: audit.isParent,
    numbers: audit.snapshot?.numbers.length ?? 0,
    unprotected: unprotectedOf(audit),
    voice: countVerdicts(audit.items, 'voice'),
    sms: countVerdicts(audit.items, 'sms'),
    ...(audit.error ? { error: audit.error } : {}),
    ...(audit.webhookRules
      ? {
          webhookRules: {
            checked: audit.webhookRules.checked,
            ...(audit.webhookRules.note ? { note: audit.webhookRules.note } : {}),
          },
        }
      : {}),
  };
}

/** Unreadable accounts first, then the most unprotected number-channels. */
export function worstFirst(audits: readonly AccountAudit[]): AccountAudit[] {
  return [...audits].sort(
    (a, b) =>
      Number(b.error !== undefined) - Number(a.error !== undefined) ||
      unprotectedOf(b) - unprotectedOf(a) ||
      (b.snapshot?.numbers.length ?? 0) - (a.snapshot?.numbers.length ?? 0),
  );
}

function ownerText(owner: FallbackOwner | undefined): string | undefined {
  if (owner === undefined) return undefined;
  return owner === 'unverified' ? 'unverified' : owner.accountSid;
}

export function treeJson(
  audits: readonly AccountAudit[],
  skipped: readonly SkippedAccount[],
): TreeJson {
  const items = audits.flatMap((audit) => audit.items);
  const numbers = audits.reduce((sum, audit) => sum + (audit.snapshot?.numbers.length ?? 0), 0);
  return {
    summary: {
      accounts: audits.length,
      numbers,
      voice: countVerdicts(items, 'voice'),
      sms: countVerdicts(items, 'sms'),
      byAccount: worstFirst(audits).map(countsOf),
      skipped: skipped.map((account) => ({
        accountSid: account.sid,
        friendlyName: account.friendlyName,
        status: account.status,
      })),
    },
    items: audits.flatMap((audit) => {
      if (!audit.snapshot) return [];
      const shown = auditJson(audit.snapshot, audit.items).items;
      return shown.map((item, index) => {
        const owner = ownerText(audit.items[index]!.fallbackOwner);
        const rule = audit.webhookRules
          ? { webhookRule: itemRuleJson(audit.items[index], audit.webhookRules.decisions[index]) }
          : {};
        return {
          ...item,
          accountSid: audit.sid,
          ...(owner ? { fallbackOwner: owner } : {}),
          ...rule,
        };
      });
    }),
  };
}

export function accountName(account: Pick<AccountAudit, 'sid' | 'friendlyName'>): string {
  return `"${account.friendlyName}" (${account.sid})`;
}

function accountLine(audit: AccountAudit): string {
  const name = `${accountName(audit)}${audit.isParent ? ' [parent]' : ''}`;
  if (audit.error) return `${name}: NOT AUDITED: ${audit.error}`;
  const { voice, sms, numbers, unprotected } = countsOf(audit);
  return `${name}: ${unprotected} number-channel(s) not protected; voice ${voice.protected} of ${numbers} protected, SMS ${sms.protected} of ${numbers}`;
}

function unverifiedLine(audit: AccountAudit): string | undefined {
  const urls = new Set(
    audit.items
      .filter((item) => item.fallbackOwner === 'unverified')
      .map((item) => shownUrl(item.answerer.fallbackUrl)),
  );
  if (urls.size === 0) return undefined;
  return `unverified: ${[...urls].join(', ')}: a twil.io domain no account of the tree owns (its visibility is unknown; --probe settles it)`;
}

export function renderTree(
  audits: readonly AccountAudit[],
  skipped: readonly SkippedAccount[],
): string {
  const ordered = worstFirst(audits);
  const lines = [
    `${audits.length} account(s) audited, ${skipped.length} skipped:`,
    ...ordered.map((audit) => `  ${accountLine(audit)}`),
    ...skipped.map(
      (account) => `  ${accountName(account)}: ${account.status}, skipped (not audited)`,
    ),
  ];
  for (const audit of ordered) {
    if (!audit.snapshot) continue;
    lines.push(
      '',
      `== ${accountName(audit)} ==`,
      renderAudit(audit.snapshot, audit.items, audit.probes),
      ...(audit.webhookRules ? renderWebhookRules(audit.items, audit.webhookRules) : []),
    );
    const unverified = unverifiedLine(audit);
    if (unverified) lines.push(unverified);
  }
  return lines.join('\n');
}
