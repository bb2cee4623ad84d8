/**
 * `audit --subaccounts --fix --fast-failover auto`: each account's primaries are measured
 * with requests signed with THAT account's token (Twilio signs a subaccount's webhooks
 * with the subaccount's token), under one budget for the whole tree. The primaries are
 * real loopback servers that validate X-Twilio-Signature with one account's token, so a
 * request signed with any other token is refused and nothing gets tuned from it.
 */
import {
  addWebhookRule,
  emptyAccount,
  numberRecord,
  sidOf,
  webhookIdOf,
} from '../../../tools/sandbox/account-state';
import type { RunningApiStandIn } from '../../../tools/sandbox/api-stand-in';
import { DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN } from '../../../tools/sandbox/demo-account';
import {
  ACME_DOMAIN,
  PARENT_DOMAIN,
  projectDeployment,
  subaccount,
  TREE_ACCOUNTS,
} from '../../../tools/sandbox/demo-tree';
import { startSignedPrimary, type SignedPrimary } from '../../support/signed-primary';
import {
  expectTunedUrl,
  runTreeAudit,
  violations,
  withTree,
  writes,
  type AuditRun,
} from './audit-harness';

const { acme: ACME, bistro: BISTRO } = TREE_ACCOUNTS;
const PARENT = DEMO_ACCOUNT_SID;
const BISTRO_DOMAIN = 'twilio-fallback-guard-7777-dev.twil.io';
const AUTO = ['--fix', '--domain', PARENT_DOMAIN, '--fast-failover', 'auto'];
const BISTRO_RULE = webhookIdOf('rule', 0xb1);

/** One primary per account, each validating that account's signatures only. */
let primaries: Record<'parent' | 'acme' | 'bistro', SignedPrimary>;
const outputs: string[] = [];

beforeEach(async () => {
  const [parent, acme, bistro] = await Promise.all([
    startSignedPrimary(DEMO_AUTH_TOKEN),
    startSignedPrimary(ACME.token),
    startSignedPrimary(BISTRO.token),
  ]);
  primaries = { parent, acme, bistro };
});
afterEach(() => Promise.all(Object.values(primaries).map((primary) => primary.close())));

const pnOf = (base: number, n: number) => sidOf('PN', base + n);

/**
 * The parent and two subaccounts, each with its own deployment of the project; every
 * unprotected number's primary is on a loopback server (nothing leaves the machine).
 * - the parent's number on its own primary, and one on Acme's primary (shared with Acme:
 *   signed with the parent's token there, Acme's primary refuses it);
 * - Acme's number on Acme's primary;
 * - Bistro's number on Bistro's primary (a Webhook Rule of Bistro's decides it), and one
 *   on a path of it that is down.
 */
function tree() {
  const parent = emptyAccount(PARENT, DEMO_AUTH_TOKEN, 'Parent');
  const acme = subaccount('acme');
  const bistro = subaccount('bistro');
  parent.serverless.set(sidOf('ZS', 1), projectDeployment(1, PARENT_DOMAIN));
  acme.serverless.set(sidOf('ZS', 2), projectDeployment(2, ACME_DOMAIN));
  bistro.serverless.set(sidOf('ZS', 3), projectDeployment(3, BISTRO_DOMAIN));
  const add = (
    account: typeof parent,
    sid: string,
    n: number,
    voiceUrl: string,
    area = 415,
  ): void => {
    account.numbers.set(
      sid,
      numberRecord(sid, `+1${area}555${String(n).padStart(4, '0')}`, { voiceUrl }),
    );
  };
  add(parent, pnOf(0, 1), 1, `${primaries.parent.baseUrl}/voice`);
  add(parent, pnOf(0, 2), 2, `${primaries.acme.baseUrl}/shared`);
  add(acme, pnOf(0xa000, 1), 1, `${primaries.acme.baseUrl}/shared#rc=2`, 212);
  add(bistro, pnOf(0xb000, 1), 1, `${primaries.bistro.baseUrl}/voice`, 305);
  add(bistro, pnOf(0xb000, 2), 2, `${primaries.bistro.baseUrl}/broken`, 305);
  addWebhookRule(
    bistro.webhooks,
    0xb1,
    {
      friendlyName: 'Bistro voice',
      matchType: 'EXACT_MATCH',
      value: `${primaries.bistro.baseUrl}/voice`,
    },
    {
      friendlyName: 'bistro steady',
      connection: { connectTimeout: 2000, readTimeout: 8000, totalTimeout: 10000 },
    },
  );
  return [parent, acme, bistro];
}

async function runTree(standIn: RunningApiStandIn, argv: readonly string[]): Promise<AuditRun> {
  const run = await runTreeAudit(standIn, argv);
  outputs.push(run.stdout, run.stderr);
  return run;
}

const voiceUrlOf = (standIn: RunningApiStandIn, account: string, sid: string) =>
  standIn.account(account).numbers.get(sid)?.voiceUrl;

/** One account's section of the fix report (from its heading to the next). */
function fixSection(text: string, accountSid: string): string {
  const lines = text.split('\n');
  const heading = (line: string) => line.startsWith('== fix ');
  const start = lines.findIndex((line) => heading(line) && line.includes(`(${accountSid})`));
  expect(start).toBeGreaterThan(-1);
  const end = lines.findIndex((line, index) => index > start && heading(line));
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

interface TreeFixJson {
  fix: {
    fastFailover: Record<string, unknown>;
    accounts: {
      accountSid: string;
      outcome: string;
      resources: { sid: string; changes: { field: string; after: string }[] }[];
      fastFailover: {
        url: string;
        channel: string;
        resources: string[];
        measured?: { sent: number; answered: number };
        timeouts?: { ct: number; rt: number; tt: number };
        refused?: string;
        webhookRule: { id: string } | null;
      }[];
    }[];
  };
}

describe('audit --subaccounts --fix --fast-failover auto', () => {
  it("with --yes tunes each account's primaries signed with that account's token; a failing or refusing primary is left as it is, its fallback set", async () => {
    await withTree(async (standIn) => {
      const run = await runTree(standIn, [...AUTO, '--yes']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);

      // (a) Acme's primary validates Acme's signatures only: measured and tuned.
      expectTunedUrl(
        voiceUrlOf(standIn, ACME.sid, pnOf(0xa000, 1)),
        `${primaries.acme.baseUrl}/shared`,
      );
      expect(voiceUrlOf(standIn, ACME.sid, pnOf(0xa000, 1))).toMatch(/[#&]rc=2(&|$)/);
      expectTunedUrl(voiceUrlOf(standIn, PARENT, pnOf(0, 1)), `${primaries.parent.baseUrl}/voice`);
      expectTunedUrl(
        voiceUrlOf(standIn, BISTRO.sid, pnOf(0xb000, 1)),
        `${primaries.bistro.baseUrl}/voice`,
      );
      // Each primary saw only its own account's signatures, all probe-marked: 20 each.
      for (const [name, primary] of Object.entries(primaries)) {
        const own = primary.seen.filter((seen) => seen.signed);
        expect([name, own.length > 0, own.every((seen) => seen.probe)]).toEqual([name, true, true]);
      }
      const signedTo = (primary: SignedPrimary, path: string) =>
        primary.seen.filter((seen) => seen.path === path && seen.signed).length;
      expect(signedTo(primaries.acme, '/shared')).toBe(20);
      expect(signedTo(primaries.parent, '/voice')).toBe(20);
      expect(signedTo(primaries.bistro, '/voice')).toBe(20);

      // A primary shared by two accounts is measured once per signing account: the
      // parent's requests (its token) are refused by Acme's primary, so the parent's
      // number on it is not tuned, and its fallback is still set.
      const parentOnShared = primaries.acme.seen.filter((seen) => !seen.signed);
      expect(parentOnShared).toHaveLength(1);
      expect(standIn.account(PARENT).numbers.get(pnOf(0, 2))).toMatchObject({
        voiceUrl: `${primaries.acme.baseUrl}/shared`,
        voiceFallbackUrl: `https://${PARENT_DOMAIN}/fallback`,
      });

      // (b) Bistro's failing primary: refused with the reason, left as it is, fallback set.
      expect(standIn.account(BISTRO.sid).numbers.get(pnOf(0xb000, 2))).toMatchObject({
        voiceUrl: `${primaries.bistro.baseUrl}/broken`,
        voiceFallbackUrl: `https://${BISTRO_DOMAIN}/fallback`,
      });
      expect(primaries.bistro.seen.filter((seen) => seen.path === '/broken')).toHaveLength(1);
      const bistroText = fixSection(run.stdout, BISTRO.sid);
      expect(bistroText).toMatch(
        /NOT tuned .*\/broken \(voice, number \+13055550002\): 0\/1 answers: .*HTTP 500.*left as it is; its fallback is still set/,
      );
      expect(bistroText).toMatch(
        / {2}tuned .*\/voice \(voice, number \+13055550001\): 20\/20 answers/,
      );
      // Bistro's own Webhook Rule decides its tuned primary: the fragment is ignored there.
      expect(bistroText).toMatch(/Twilio will ignore this fragment.*"Bistro voice".*rt=8000/);
      const parentText = fixSection(run.stdout, PARENT);
      expect(parentText).toMatch(/NOT tuned .*\/shared .*HTTP 403.*left as it is/);
      expect(parentText).not.toMatch(/Webhook Rule/);
      expect(run.stdout).not.toMatch(/measures again/);
      expect(run.stdout).toContain(
        'Fast failover (--fast-failover auto) across the tree: 5 distinct primary(ies) in 3 account(s)',
      );
      expect(run.stdout).not.toMatch(/budget ran out/);

      // Each account's updates went out as that account, primary and fallback together.
      const forms = writes(standIn).map((write) => [
        write.authSid,
        Object.keys(write.form).sort().join(','),
      ]);
      expect(forms.sort()).toEqual(
        [
          [PARENT, 'VoiceFallbackUrl,VoiceUrl'],
          [PARENT, 'VoiceFallbackUrl'],
          [ACME.sid, 'VoiceFallbackUrl,VoiceUrl'],
          [BISTRO.sid, 'VoiceFallbackUrl,VoiceUrl'],
          [BISTRO.sid, 'VoiceFallbackUrl'],
        ].sort(),
      );
      expect(violations(standIn)).toEqual([]);
    }, tree());
  });

  it('--json: the tree’s limits under fix.fastFailover, each account’s tunings and its own Rules under fix.accounts[].fastFailover', async () => {
    await withTree(async (standIn) => {
      const run = await runTree(standIn, [...AUTO, '--json']);
      expect(run.code).toBe(1);
      const { fix } = JSON.parse(run.stdout) as TreeFixJson;
      expect(fix.fastFailover).toEqual({
        samples: 20,
        concurrency: 4,
        totalBudgetMs: 120_000,
        budgetRanOut: false,
        notMeasured: [],
      });
      const tunings = Object.fromEntries(
        fix.accounts.map((account) => [
          account.accountSid,
          account.fastFailover.map((tuning) => ({
            path: new URL(tuning.url).pathname,
            resources: tuning.resources,
            answered: tuning.measured?.answered,
            tuned: tuning.timeouts !== undefined,
            refused: tuning.refused?.replace(/^.*(HTTP \d+).*$/, '$1'),
            rule: tuning.webhookRule?.id ?? null,
          })),
        ]),
      );
      expect(tunings).toEqual({
        [PARENT]: [
          {
            path: '/voice',
            resources: ['number +14155550001'],
            answered: 20,
            tuned: true,
            refused: undefined,
            rule: null,
          },
          {
            path: '/shared',
            resources: ['number +14155550002'],
            answered: 0,
            tuned: false,
            refused: 'HTTP 403',
            rule: null,
          },
        ],
        [ACME.sid]: [
          {
            path: '/shared',
            resources: ['number +12125550001'],
            answered: 20,
            tuned: true,
            refused: undefined,
            rule: null,
          },
        ],
        [BISTRO.sid]: [
          {
            path: '/voice',
            resources: ['number +13055550001'],
            answered: 20,
            tuned: true,
            refused: undefined,
            rule: BISTRO_RULE,
          },
          {
            path: '/broken',
            resources: ['number +13055550002'],
            answered: 0,
            tuned: false,
            refused: 'HTTP 500',
            rule: null,
          },
        ],
      });
      // The dry run's plan carries the tuned primary in the same update as the fallback.
      const acme = fix.accounts.find((account) => account.accountSid === ACME.sid)!;
      expect(acme.outcome).toBe('dry-run');
      expectTunedUrl(
        acme.resources[0]!.changes.find((change) => change.field === 'voiceUrl')?.after,
        `${primaries.acme.baseUrl}/shared`,
      );
    }, tree());
  });

  it('the dry run measures and shows the plan, says --yes measures again, and changes nothing', async () => {
    const accounts = tree();
    await withTree(async (standIn) => {
      const before = accounts.map((account) => structuredClone([...account.numbers.values()]));
      const run = await runTree(standIn, AUTO);
      expect(run.code).toBe(1);
      expect(writes(standIn)).toEqual([]);
      expect(
        [PARENT, ACME.sid, BISTRO.sid].map((sid) => [...standIn.account(sid).numbers.values()]),
      ).toEqual(before);
      // Measured all the same, each with its own account's signature.
      expect(primaries.acme.seen.filter((seen) => seen.signed)).toHaveLength(20);
      expect(
        primaries.bistro.seen.filter((seen) => seen.path === '/voice' && seen.signed),
      ).toHaveLength(20);
      expect(fixSection(run.stdout, ACME.sid)).toMatch(
        /Dry run: these requests were sent to the primaries, nothing to Twilio\. --yes measures again/,
      );
      expect(fixSection(run.stdout, ACME.sid)).toMatch(
        /voiceUrl .*\/shared#rc=2 .*\/shared#ct=1000&rt=\d+&tt=\d+&rc=2$/m,
      );
      expect(run.stdout).toContain(
        'Dry run: nothing was sent to Twilio. Re-run with --yes to apply.',
      );
    }, accounts);
  });
});

it('no auth token of any account appears in any output of this file', () => {
  const everything = outputs.join('\n');
  expect(everything).toContain(BISTRO.sid);
  for (const token of [DEMO_AUTH_TOKEN, ACME.token, BISTRO.token]) {
    expect(everything).not.toContain(token);
  }
});
