/**
 * Part 6: `npm run audit` on a big account (full: 10,000 numbers, 200 TwiML Apps,
 * 50 Messaging Services) served by the loopback stand-in (tools/sandbox): wall time,
 * API requests made (target: list pages only, no request per number) and the audit
 * process's peak memory. The audit runs in its own process (bench/audit-child.ts);
 * quick mode runs it in the bench process instead (no second tsx start-up: it only
 * proves the harness works, and its memory figure is the bench process's).
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { startApiStandIn } from '../tools/sandbox/api-stand-in';
import { MAX_PAGE_SIZE } from '../tools/audit/read-account';
import {
  auditBenchAccount,
  BENCH_ACCOUNT_SID,
  BENCH_AUTH_TOKEN,
  expectedListPages,
} from './audit-account';
import { auditOnce, type AuditOnce } from './audit-once';
import type { PartResult } from './bench-results';
import type { BenchSizes } from './bench-sizes';
import { roundFigure } from './percentiles';

type ChildResult = AuditOnce;

/** One audit in a fresh process (its peak memory is the audit's alone). */
export function runAuditChild(
  env: Record<string, string>,
  argv: readonly string[] = [],
): Promise<ChildResult> {
  return new Promise((resolveRun, reject) => {
    execFile(
      process.execPath,
      [require.resolve('tsx/cli'), resolve(__dirname, 'audit-child.ts'), ...argv],
      { timeout: 300000, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } },
      (error, stdout, stderr) => {
        const line = stdout.trim().split('\n').at(-1) ?? '';
        try {
          resolveRun(JSON.parse(line) as ChildResult);
        } catch {
          reject(new Error(`audit child failed: ${error?.message ?? ''} ${stderr.trim()}`));
        }
      },
    );
  });
}

export async function measureAuditScale(sizes: BenchSizes): Promise<PartResult> {
  const size = sizes.audit;
  const account = auditBenchAccount(size);
  const expected = expectedListPages(account, MAX_PAGE_SIZE);
  const standIn = await startApiStandIn({ accounts: [account] });
  let child: ChildResult;
  try {
    const run = sizes.mode === 'quick' ? auditOnce : runAuditChild;
    child = await run({
      TWILIO_ACCOUNT_SID: BENCH_ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: BENCH_AUTH_TOKEN,
      TWILIO_API_BASE_URL: standIn.baseUrl,
    });
  } finally {
    await standIn.close();
  }
  const requests = standIn.requests.length;
  const perNumber = standIn.requests.filter(
    (r) => !/\.json$|Services$|PhoneNumbers$|Trunks$|Rules$|Settings$/.test(r.operation),
  ).length;
  const label = `${size.numbers} numbers, ${size.applications} TwiML Apps, ${size.services} Messaging Services`;
  const met = child.numbers === size.numbers && requests === expected && perNumber === 0;
  return {
    figures: [
      {
        id: 'audit.wall',
        label: `audit of ${label}: wall time (loopback stand-in)`,
        value: roundFigure(child.ms),
        unit: 'ms',
      },
      {
        id: 'audit.requests',
        label: `audit of ${label}: API requests`,
        value: requests,
        unit: 'requests',
      },
      {
        id: 'audit.peak-rss',
        label: `audit of ${label}: peak memory of the audit process`,
        value: roundFigure(child.maxRssKb / 1024),
        unit: 'MB',
      },
    ],
    targets: [
      {
        id: 'audit-list-pages-only',
        target: `audit requests = list pages only (${expected} for ${label}), none per number`,
        actual: `${requests} requests (${perNumber} not list pages), ${child.numbers} numbers audited`,
        met,
      },
    ],
  };
}
