/**
 * Part 7: `audit --subaccounts` on a tree of `subaccounts` × `numbers` (full: 100 ×
 * 100) on the loopback stand-in: wall time at the audit's account concurrency, API
 * requests per account (target: list pages only), peak memory of the audit process.
 * Every tenth subaccount has its own deployment; the others' numbers fall back, half
 * of them, on the parent's protected /fallback (the cross-account trap).
 */
import { ACCOUNT_CONCURRENCY } from '../tools/audit/run-tree-audit';
import {
  emptyAccount,
  numberRecord,
  sidOf,
  type StoredAccount,
} from '../tools/sandbox/account-state';
import { startApiStandIn } from '../tools/sandbox/api-stand-in';
import { projectDeployment } from '../tools/sandbox/demo-tree';
import { auditOnce, type AuditOnce } from './audit-once';
import { runAuditChild } from './audit-scale';
import type { PartResult } from './bench-results';
import type { BenchSizes } from './bench-sizes';
import { roundFigure } from './percentiles';

const PARENT_SID = sidOf('AC', 0x7ee);
const PARENT_TOKEN = 'bench-tree-parent-token';
const PARENT_DOMAIN = 'guard-7777-dev.twil.io';

function benchTree(size: BenchSizes['tree']): { accounts: StoredAccount[]; deployed: number } {
  const parent = emptyAccount(PARENT_SID, PARENT_TOKEN, 'bench parent');
  const deployment = projectDeployment(1, PARENT_DOMAIN);
  parent.serverless.set(deployment.sid, deployment);
  const accounts = [parent];
  let deployed = 1;
  for (let a = 1; a <= size.subaccounts; a += 1) {
    const sid = sidOf('AC', 0x10000 + a);
    const sub = emptyAccount(sid, `bench-tree-token-${a}`, `customer ${a}`, {
      ownerAccountSid: PARENT_SID,
    });
    if (a % 10 === 0) {
      const own = projectDeployment(1 + a, `guard-${a}-dev.twil.io`);
      sub.serverless.set(own.sid, own);
      deployed += 1;
    }
    for (let n = 1; n <= size.numbers; n += 1) {
      const pn = sidOf('PN', a * 100000 + n);
      sub.numbers.set(
        pn,
        numberRecord(pn, `+1${String(2000000000 + a * 10000 + n)}`, {
          voiceUrl: `https://customer-${a}.example.com/voice`,
          voiceFallbackUrl: n % 2 === 0 ? `https://${PARENT_DOMAIN}/fallback` : null,
        }),
      );
    }
    accounts.push(sub);
  }
  return { accounts, deployed };
}

export async function measureTreeScale(sizes: BenchSizes): Promise<PartResult> {
  const size = sizes.tree;
  const { accounts, deployed } = benchTree(size);
  // Accounts.json (one page) + per account: numbers, TwiML Apps, Messaging Services and
  // Serverless Services and Webhook Rules (one page each at page size 1000; no Rule, so
  // no Settings page) + per deployment its Environments and its Build.
  const expected = 1 + accounts.length * 5 + deployed * 2;
  const standIn = await startApiStandIn({ accounts });
  let child: AuditOnce;
  try {
    const env = {
      TWILIO_ACCOUNT_SID: PARENT_SID,
      TWILIO_AUTH_TOKEN: PARENT_TOKEN,
      TWILIO_API_BASE_URL: standIn.baseUrl,
    };
    const argv = ['--json', '--subaccounts'];
    child = sizes.mode === 'quick' ? await auditOnce(env, argv) : await runAuditChild(env, argv);
  } finally {
    await standIn.close();
  }
  const requests = standIn.requests.length;
  const audited = accounts.length;
  const numbers = size.subaccounts * size.numbers;
  const label = `tree of ${size.subaccounts} subaccounts × ${size.numbers} numbers`;
  return {
    figures: [
      {
        id: 'tree.wall',
        label: `audit --subaccounts, ${label}: wall time at ${ACCOUNT_CONCURRENCY} accounts at a time (loopback stand-in)`,
        value: roundFigure(child.ms),
        unit: 'ms',
      },
      {
        id: 'tree.requests-per-account',
        label: `audit --subaccounts, ${label}: API requests per account`,
        value: roundFigure(requests / audited),
        unit: 'requests',
      },
      {
        id: 'tree.peak-rss',
        label: `audit --subaccounts, ${label}: peak memory of the audit process`,
        value: roundFigure(child.maxRssKb / 1024),
        unit: 'MB',
      },
    ],
    targets: [
      {
        id: 'tree-list-pages-only',
        target: `audit --subaccounts requests = list pages only (${expected} for ${audited} accounts), none per number`,
        actual: `${requests} requests, ${child.numbers} numbers audited (of ${numbers})`,
        met: requests === expected && child.numbers === numbers,
      },
    ],
  };
}
