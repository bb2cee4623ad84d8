import { redactUrl } from '../../src/request/redact-url';
import { formatTextTable } from '../cli/text-table';
import type { AccountSnapshot } from './account-snapshot';
import { countVerdicts, type AuditItem, type VerdictCounts } from './audit-items';
import type { AnswererKind, Channel } from './answering-resource';
import type { FallbackProbe } from './probe-fallbacks';
import { FIXABLE_VERDICTS, type Verdict } from './verdict';

/** `--json` prints exactly this (issue 9's shape); every URL redacted as logs redact it. */
export interface AuditJson {
  readonly summary: {
    readonly numbers: number;
    readonly voice: VerdictCounts;
    readonly sms: VerdictCounts;
  };
  readonly items: readonly {
    readonly phoneNumber: string;
    readonly sid: string;
    readonly channel: Channel;
    readonly answeredBy: { readonly kind: AnswererKind; readonly sid: string };
    readonly primaryUrl: string | null;
    readonly fallbackUrl: string | null;
    readonly verdict: Verdict;
    readonly fastFailover: boolean;
  }[];
}

/** A webhook URL may carry credentials or tokens: shown only as redactUrl shows it. */
export function shownUrl(url: string | null): string | null {
  return url === null ? null : (redactUrl(url) ?? null);
}

export function auditJson(snapshot: AccountSnapshot, items: readonly AuditItem[]): AuditJson {
  return {
    summary: {
      numbers: snapshot.numbers.length,
      voice: countVerdicts(items, 'voice'),
      sms: countVerdicts(items, 'sms'),
    },
    items: items.map((item) => ({
      phoneNumber: item.phoneNumber,
      sid: item.sid,
      channel: item.channel,
      answeredBy: { kind: item.answerer.kind, sid: item.answerer.sid },
      primaryUrl: shownUrl(item.answerer.primaryUrl),
      fallbackUrl: shownUrl(item.answerer.fallbackUrl),
      verdict: item.verdict,
      fastFailover: item.fastFailover,
    })),
  };
}

const count = (n: number) => n.toLocaleString('en-US');

/** `voice: 412 of 1,000 numbers protected; SMS: 377 of 1,000`. */
export function summaryLine(json: AuditJson): string {
  const { numbers, voice, sms } = json.summary;
  return `voice: ${count(voice.protected)} of ${count(numbers)} numbers protected; SMS: ${count(sms.protected)} of ${count(numbers)}`;
}

/** At most this many numbers are named per row; the rest are counted. */
const NAMED_NUMBERS = 3;

function numbersCell(items: readonly AuditItem[]): string {
  const named = items.slice(0, NAMED_NUMBERS).map((item) => item.phoneNumber);
  const more = items.length - named.length;
  return `${items.length}: ${named.join(', ')}${more > 0 ? ` +${more} more` : ''}`;
}

function primaryCell(item: AuditItem): string {
  const url = shownUrl(item.answerer.primaryUrl) ?? '(unset)';
  const kind = item.primaryKind ? `${item.primaryKind} ` : '';
  return `${kind}${url}${item.fastFailover ? ' (fast failover)' : ''}`;
}

/** Rows of what is not protected, one per resource to fix, channel and verdict. */
function unprotectedTable(items: readonly AuditItem[]): string {
  const groups = new Map<string, AuditItem[]>();
  for (const item of items) {
    if (!FIXABLE_VERDICTS.has(item.verdict)) continue;
    const key = `${item.answerer.kind} ${item.answerer.sid} ${item.channel} ${item.verdict}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const rows = [...groups.values()]
    .sort((a, b) => b.length - a.length || a[0]!.answerer.label.localeCompare(b[0]!.answerer.label))
    .map((group) => {
      const first = group[0]!;
      return [
        first.answerer.label,
        first.channel,
        first.verdict,
        numbersCell(group),
        primaryCell(first),
        shownUrl(first.answerer.fallbackUrl) ?? '(unset)',
      ];
    });
  return formatTextTable(
    ['resource to fix', 'channel', 'verdict', 'numbers', 'primary', 'fallback'],
    rows,
  );
}

function leftAloneLines(items: readonly AuditItem[], snapshot: AccountSnapshot): string[] {
  const lines: string[] = [];
  const noPrimary = items.filter((item) => item.verdict === 'no-primary');
  for (const channel of ['voice', 'sms'] as const) {
    const some = noPrimary.filter((item) => item.channel === channel);
    if (some.length > 0) {
      lines.push(
        `no-primary (${channel}): ${numbersCell(some)}: nothing answers, so there is nothing for a fallback to protect`,
      );
    }
  }
  const byTrunk = new Map<string, AuditItem[]>();
  for (const item of items.filter((i) => i.verdict === 'trunk')) {
    byTrunk.set(item.answerer.sid, [...(byTrunk.get(item.answerer.sid) ?? []), item]);
  }
  for (const [sid, group] of byTrunk) {
    const known = snapshot.trunks.has(sid) ? '' : ' (not found in the account)';
    lines.push(
      `trunk: ${group[0]!.answerer.label}${known} takes calls for ${numbersCell(group)}: SIP trunks are out of scope`,
    );
  }
  return lines;
}

export function renderAudit(
  snapshot: AccountSnapshot,
  items: readonly AuditItem[],
  probes: readonly FallbackProbe[] | undefined,
): string {
  const json = auditJson(snapshot, items);
  const lines = [summaryLine(json)];
  const fixable = items.filter((item) => FIXABLE_VERDICTS.has(item.verdict));
  if (fixable.length === 0) {
    lines.push('Every number that answers is protected.');
  } else {
    lines.push(
      '',
      `Not protected (${count(fixable.length)} number-channels):`,
      unprotectedTable(items),
    );
  }
  const alone = leftAloneLines(items, snapshot);
  if (alone.length > 0) lines.push('', 'Not audited further:', ...alone.map((line) => `  ${line}`));
  if (probes) {
    const broken = probes.filter((probe) => !probe.pass);
    lines.push('', `Probed ${probes.length} distinct fallback URL(s): ${broken.length} broken.`);
    for (const probe of broken)
      lines.push(`  ${probe.channel} ${probe.method} ${shownUrl(probe.url)}: ${probe.detail}`);
  }
  return lines.join('\n');
}
