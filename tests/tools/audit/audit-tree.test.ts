/** `npm run audit -- --subaccounts` against the sandbox's account tree (npm run sandbox -- --tree). */
import type { TreeJson } from '../../../tools/audit/tree-report';
import { STAND_IN_FALLBACK_TWIML } from '../../../tools/emulator/loopback-servers';
import { numberRecord, sidOf } from '../../../tools/sandbox/account-state';
import { startApiStandIn, type RunningApiStandIn } from '../../../tools/sandbox/api-stand-in';
import { startSignedPrimary } from '../../support/signed-primary';
import { DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN } from '../../../tools/sandbox/demo-account';
import {
  ACME_DOMAIN,
  demoTree,
  FOREIGN_DOMAIN,
  PARENT_DOMAIN,
  TREE_ACCOUNTS,
} from '../../../tools/sandbox/demo-tree';
import { ToolRequestClient } from '../../../tools/twilio-client/tool-request-client';
import { runTreeAudit, violations, withTree, type AuditRun } from './audit-harness';

const PARENT = DEMO_ACCOUNT_SID;
const { acme: ACME, bistro: BISTRO, corner: CORNER, deli: DELI } = TREE_ACCOUNTS;
const ACTIVE = [PARENT, ACME.sid, BISTRO.sid];
/** Fix the whole tree, the parent's public documents for accounts without a deployment. */
const STATIC_FIX = ['--fix', '--static-fallback', '--domain', PARENT_DOMAIN, '--yes'];
const TOKENS = [DEMO_AUTH_TOKEN, ...Object.values(TREE_ACCOUNTS).map((account) => account.token)];

/** Every output of every run in this file, scanned for tokens at the end. */
const outputs: string[] = [];

async function runTree(
  standIn: RunningApiStandIn,
  argv: readonly string[],
  httpClient?: ToolRequestClient,
): Promise<AuditRun> {
  const run = await runTreeAudit(standIn, argv, httpClient);
  outputs.push(run.stdout, run.stderr);
  return run;
}

const pnOf = (account: number, n: number) => sidOf('PN', account + n);

describe('audit --subaccounts: every account of the tree', () => {
  let json: TreeJson;
  let text: string;
  let code: number;
  let standIn: RunningApiStandIn;

  beforeAll(async () => {
    standIn = await startApiStandIn({ accounts: demoTree() });
    const run = await runTree(standIn, ['--json']);
    code = run.code;
    json = JSON.parse(run.stdout) as TreeJson;
    text = (await runTree(standIn, [])).stdout;
  });
  afterAll(() => standIn.close());

  it.each<[string, string, 'voice' | 'sms', string]>([
    [PARENT, sidOf('PN', 1), 'voice', 'protected'],
    [PARENT, sidOf('PN', 3), 'voice', 'no-fallback'],
    [PARENT, sidOf('PN', 4), 'sms', 'same-host'],
    // Calls falling back to the parent's messaging document.
    [PARENT, sidOf('PN', 10), 'voice', 'wrong-document'],
    [PARENT, sidOf('PN', 5), 'voice', 'no-primary'],
    [PARENT, sidOf('PN', 6), 'voice', 'trunk'],
    [ACME.sid, pnOf(0xa000, 1), 'voice', 'protected'],
    [ACME.sid, pnOf(0xa000, 2), 'voice', 'no-fallback'],
    [ACME.sid, pnOf(0xa000, 3), 'voice', 'same-host'],
    [ACME.sid, pnOf(0xa000, 4), 'sms', 'no-fallback'],
    [ACME.sid, pnOf(0xa000, 4), 'voice', 'no-primary'],
    // The trap: the parent's protected /fallback refuses Bistro's signature.
    [BISTRO.sid, pnOf(0xb000, 1), 'voice', 'cross-account'],
    // The parent's public /error-sms.xml checks no signature: it answers for Bistro.
    [BISTRO.sid, pnOf(0xb000, 1), 'sms', 'protected'],
    [BISTRO.sid, pnOf(0xb000, 2), 'voice', 'protected'],
    [BISTRO.sid, pnOf(0xb000, 2), 'sms', 'no-fallback'],
    [BISTRO.sid, pnOf(0xb000, 3), 'voice', 'cross-account'],
    [BISTRO.sid, pnOf(0xb000, 4), 'sms', 'no-primary'],
  ])('account %s, number %s on %s: %s', (accountSid, sid, channel, verdict) => {
    const item = json.items.find((i) => i.sid === sid && i.channel === channel);
    expect(item).toMatchObject({ accountSid, verdict });
  });

  it('names the owner of each twil.io fallback, and "unverified" when no account owns it', () => {
    const owner = (sid: string, channel: string) =>
      json.items.find((i) => i.sid === sid && i.channel === channel)?.fallbackOwner;
    expect(owner(pnOf(0xb000, 1), 'voice')).toBe(PARENT);
    expect(owner(pnOf(0xa000, 1), 'voice')).toBe(ACME.sid);
    expect(owner(pnOf(0xb000, 2), 'voice')).toBe('unverified');
    expect(owner(pnOf(0xa000, 2), 'voice')).toBeUndefined();
    expect(text).toContain(`unverified: https://${FOREIGN_DOMAIN}/fallback`);
  });

  it('counts per account, worst first, and reports suspended and closed accounts as skipped', () => {
    expect(json.summary.accounts).toBe(3);
    expect(json.summary.numbers).toBe(20);
    expect(
      json.summary.byAccount.map((a) => [
        a.accountSid,
        a.numbers,
        a.unprotected,
        a.voice['cross-account'],
      ]),
    ).toEqual([
      [PARENT, 12, 12, 0],
      [ACME.sid, 4, 4, 0],
      [BISTRO.sid, 4, 3, 2],
    ]);
    expect(json.summary.skipped).toEqual([
      { accountSid: CORNER.sid, friendlyName: CORNER.name, status: 'suspended' },
      { accountSid: DELI.sid, friendlyName: DELI.name, status: 'closed' },
    ]);
    const lines = text.split('\n');
    expect(lines[0]).toBe('3 account(s) audited, 2 skipped:');
    expect(lines.slice(1, 6).map((line) => /\((AC[0-9a-f]+)\)/.exec(line)?.[1])).toEqual([
      PARENT,
      ACME.sid,
      BISTRO.sid,
      CORNER.sid,
      DELI.sid,
    ]);
    expect(lines[4]).toContain('suspended, skipped');
    expect(lines[5]).toContain('closed, skipped');
    expect(code).toBe(1);
  });

  it('reads v1 products with each account’s own credentials, and never a skipped account', () => {
    const v1 = standIn.requests.filter((r) => r.product !== 'api');
    const seen = (product: string, operation: string) =>
      v1
        .filter((r) => r.product === product && r.operation === operation)
        .map((r) => r.authSid)
        .sort();
    // Two runs (JSON and text): each account listed its own services twice.
    expect(seen('messaging', '/v1/Services')).toEqual([...ACTIVE, ...ACTIVE].sort());
    expect(seen('serverless', '/v1/Services')).toEqual([...ACTIVE, ...ACTIVE].sort());
    // Pools are listed as the account that owns the service: the parent's "Alerts" and
    // Acme's "Acme notifications" (two runs each).
    const pools = v1.filter((r) => r.operation === '/v1/Services/{ServiceSid}/PhoneNumbers');
    expect(pools.map((r) => r.authSid).sort()).toEqual([PARENT, PARENT, ACME.sid, ACME.sid].sort());
    const skipped = [CORNER.sid, DELI.sid];
    expect(
      standIn.requests.filter(
        (r) =>
          skipped.includes(r.authSid ?? '') ||
          skipped.some((sid) => r.operation.includes(sid) || JSON.stringify(r.query).includes(sid)),
      ),
    ).toEqual([]);
    expect(violations(standIn)).toEqual([]);
  });
});

/** The stand-in's stored URLs of one number. */
function numberIn(standIn: RunningApiStandIn, accountSid: string, sid: string) {
  return standIn.account(accountSid).numbers.get(sid)!;
}

describe('audit --subaccounts --fix', () => {
  it('fixes each account with its own deployment, leaves one without a deployment alone with the command', async () => {
    await withTree(async (standIn) => {
      const before = structuredClone([...standIn.account(BISTRO.sid).numbers.values()]);
      const dry = await runTree(standIn, ['--fix', '--domain', PARENT_DOMAIN]);
      expect(standIn.requests.filter((r) => r.method === 'POST')).toEqual([]);
      expect(dry.stdout).toContain('Dry run: nothing was sent to Twilio.');

      const run = await runTree(standIn, ['--fix', '--domain', PARENT_DOMAIN, '--yes']);
      expect(numberIn(standIn, ACME.sid, pnOf(0xa000, 2))).toMatchObject({
        voiceFallbackUrl: `https://${ACME_DOMAIN}/fallback`,
        voiceFallbackMethod: 'POST',
        smsFallbackUrl: `https://${ACME_DOMAIN}/fallback`,
      });
      expect(standIn.account(ACME.sid).services.get(sidOf('MG', 0xa001))!.fallbackUrl).toBe(
        `https://${ACME_DOMAIN}/fallback`,
      );
      expect(numberIn(standIn, PARENT, sidOf('PN', 3)).voiceFallbackUrl).toBe(
        `https://${PARENT_DOMAIN}/fallback`,
      );
      // The messaging document on a call: the /fallback Function instead.
      expect(numberIn(standIn, PARENT, sidOf('PN', 10))).toMatchObject({
        voiceFallbackUrl: `https://${PARENT_DOMAIN}/fallback`,
        voiceFallbackMethod: 'POST',
      });
      // Bistro has no deployment of its own: nothing changed, and the output says how to deploy.
      expect([...standIn.account(BISTRO.sid).numbers.values()]).toEqual(before);
      expect(run.stdout).toContain(`npm run deploy -- --subaccount ${BISTRO.sid}`);
      expect(run.code).toBe(1);
      // Each account's writes went out as that account.
      const writers = new Map<string, Set<string>>();
      for (const r of standIn.requests.filter((r) => r.method === 'POST')) {
        const target = /Accounts\/\{AccountSid\}/.test(r.operation) ? 'api' : r.product;
        writers.set(r.authSid!, (writers.get(r.authSid!) ?? new Set()).add(target));
      }
      expect([...writers.keys()].sort()).toEqual([PARENT, ACME.sid].sort());
      expect(violations(standIn)).toEqual([]);
    });
  });

  it('--static-fallback gives an account without a deployment the parent’s public documents, SMS its messaging one; a rerun changes nothing and exits 0', async () => {
    await withTree(async (standIn) => {
      const run = await runTree(standIn, [
        '--fix',
        '--static-fallback',
        '--domain',
        PARENT_DOMAIN,
        '--yes',
      ]);
      expect(run.code).toBe(0);
      expect(numberIn(standIn, BISTRO.sid, pnOf(0xb000, 1))).toMatchObject({
        voiceFallbackUrl: `https://${PARENT_DOMAIN}/error.xml`,
        voiceFallbackMethod: 'GET',
        // Already on the parent's public SMS document: untouched.
        smsFallbackUrl: `https://${PARENT_DOMAIN}/error-sms.xml`,
      });
      expect(numberIn(standIn, BISTRO.sid, pnOf(0xb000, 2))).toMatchObject({
        smsFallbackUrl: `https://${PARENT_DOMAIN}/error-sms.xml`,
        smsFallbackMethod: 'GET',
        // Its (unverified) voice fallback is not this run's business: unchanged.
        voiceFallbackUrl: `https://${FOREIGN_DOMAIN}/fallback`,
      });
      expect(standIn.account(BISTRO.sid).applications.get(sidOf('AP', 0xb001))).toMatchObject({
        voiceFallbackUrl: `https://${PARENT_DOMAIN}/error.xml`,
        voiceFallbackMethod: 'GET',
      });
      // The parent's call that fell back to the messaging document: the voice one now.
      expect(numberIn(standIn, PARENT, sidOf('PN', 10))).toMatchObject({
        voiceFallbackUrl: `https://${PARENT_DOMAIN}/error.xml`,
        voiceFallbackMethod: 'GET',
      });
      // Acme has its own deployment: its own static documents.
      expect(numberIn(standIn, ACME.sid, pnOf(0xa000, 2)).smsFallbackUrl).toBe(
        `https://${ACME_DOMAIN}/error-sms.xml`,
      );
      const writes = standIn.requests.filter((r) => r.method === 'POST').length;
      const again = await runTree(standIn, [
        '--fix',
        '--static-fallback',
        '--domain',
        PARENT_DOMAIN,
        '--yes',
      ]);
      expect(standIn.requests.filter((r) => r.method === 'POST')).toHaveLength(writes);
      expect(again.code).toBe(0);
      expect((await runTree(standIn, [])).code).toBe(0);
      // Only fallback fields were ever sent.
      const fields = new Set(
        standIn.requests.filter((r) => r.method === 'POST').flatMap((r) => Object.keys(r.form)),
      );
      expect([...fields].every((field) => /Fallback(Url|Method)$/i.test(field))).toBe(true);
    });
  });

  it('--static-fallback leaves an account alone when the parent does not serve the documents publicly', async () => {
    const accounts = demoTree();
    const parentBuild = [...accounts[0]!.serverless.values()][0]!.builds.values().next().value!;
    parentBuild.assetVersions = [{ path: '/error.xml', visibility: 'public' }];
    await withTree(async (standIn) => {
      const before = structuredClone([...standIn.account(BISTRO.sid).numbers.values()]);
      const run = await runTree(standIn, STATIC_FIX);
      expect([...standIn.account(BISTRO.sid).numbers.values()]).toEqual(before);
      expect(run.stdout).toContain(
        `cannot stand in: ${PARENT_DOMAIN} does not serve public /error.xml and /error-sms.xml`,
      );
      expect(run.code).toBe(1);
    }, accounts);
  });

  it('reports a failure part-way per account and leaves the other accounts fixed', async () => {
    await withTree(async (standIn) => {
      standIn.injectFault({
        method: 'POST',
        operationIncludes: 'Applications/{Sid}.json',
        status: 500,
        code: 20500,
      });
      const run = await runTree(standIn, ['--json', ...STATIC_FIX]);
      const fix = (
        JSON.parse(run.stdout) as { fix: { accounts: { accountSid: string; outcome: string }[] } }
      ).fix;
      const outcome = Object.fromEntries(fix.accounts.map((a) => [a.accountSid, a.outcome]));
      // The first TwiML App update (the parent's) failed; Acme and Bistro were fixed.
      expect(outcome).toEqual({
        [PARENT]: 'partial',
        [ACME.sid]: 'applied',
        [BISTRO.sid]: 'applied',
      });
      expect(run.code).toBe(1);
    });
  });
});

describe('audit --subaccounts under load and faults', () => {
  it('retries a 429 mid-tree and still audits every account', async () => {
    await withTree(async (standIn) => {
      // The second account's number list is refused twice with 429.
      standIn.injectFault({
        operationIncludes: 'IncomingPhoneNumbers.json',
        skip: 1,
        times: 2,
        status: 429,
        code: 20429,
      });
      const client = new ToolRequestClient({
        baseUrl: standIn.baseUrl,
        sleep: async () => undefined,
      });
      const run = await runTree(standIn, ['--json'], client);
      const json = JSON.parse(run.stdout) as TreeJson;
      expect(client.retries).toHaveLength(2);
      expect(json.summary.byAccount.map((a) => [a.accountSid, a.numbers, a.error])).toEqual([
        [PARENT, 12, undefined],
        [ACME.sid, 4, undefined],
        [BISTRO.sid, 4, undefined],
      ]);
      expect(run.code).toBe(1);
    });
  });

  it('an account that cannot be read is named, the others are audited, and the exit is 3', async () => {
    await withTree(async (standIn) => {
      standIn.injectFault({ operationIncludes: 'Environments', skip: 1, status: 500, code: 20500 });
      const run = await runTree(standIn, ['--json']);
      const json = JSON.parse(run.stdout) as TreeJson;
      expect(json.summary.byAccount[0]!.error).toMatch(/HTTP 500/);
      expect(json.summary.byAccount.filter((a) => a.error === undefined)).toHaveLength(2);
      expect(run.code).toBe(3);
    });
  });
});

describe('audit --subaccounts --probe', () => {
  it.each([400, 401, 403])(
    'signs with the token of the account that owns the number: a gateway answering %i to the wrong one marks it fallback-broken',
    async (refusal) => {
      // The parent's protected Function, as Twilio's gateway guards it: the parent's token only.
      const gateway = await startSignedPrimary(DEMO_AUTH_TOKEN, {
        refusal,
        answer: STAND_IN_FALLBACK_TWIML,
      });
      const fallback = `${gateway.baseUrl}/fallback`;
      const accounts = demoTree();
      const voice = { voiceUrl: 'https://shop.example.com/v', voiceFallbackUrl: fallback };
      accounts[0]!.numbers.set(
        sidOf('PN', 0xf1),
        numberRecord(sidOf('PN', 0xf1), '+14155550901', voice),
      );
      accounts[2]!.numbers.set(
        sidOf('PN', 0xf2),
        numberRecord(sidOf('PN', 0xf2), '+13055550902', voice),
      );
      try {
        await withTree(async (standIn) => {
          const run = await runTree(standIn, ['--json', '--probe']);
          const verdict = (sid: string) =>
            (JSON.parse(run.stdout) as TreeJson).items.find(
              (i) => i.sid === sid && i.channel === 'voice',
            )?.verdict;
          expect(verdict(sidOf('PN', 0xf1))).toBe('protected');
          expect(verdict(sidOf('PN', 0xf2))).toBe('fallback-broken');
        }, accounts);
      } finally {
        await gateway.close();
      }
    },
  );
});

describe('audit --subaccounts keeps every token secret', () => {
  it('no auth token of any account appears in any output of this file', async () => {
    await withTree(async (standIn) => {
      await runTree(standIn, ['--fix', '--domain', PARENT_DOMAIN]);
      await runTree(standIn, ['--json', ...STATIC_FIX]);
      standIn.injectFault({
        operationIncludes: 'IncomingPhoneNumbers.json',
        status: 401,
        code: 20003,
      });
      await runTree(standIn, []);
    });
    const everything = outputs.join('\n');
    expect(everything.length).toBeGreaterThan(10000);
    for (const token of TOKENS) expect(everything).not.toContain(token);
    // The sub's token is in the stand-in's Accounts.json answer: the audit read it, and kept it.
    expect(everything).toContain(BISTRO.sid);
  });
});
