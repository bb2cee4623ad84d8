/**
 * `audit --fix --fast-failover auto`: each fixed channel's primary (real HTTP servers on
 * 127.0.0.1) is measured with signed, probe-marked requests, once per distinct URL, and
 * configure's tuned overrides land on the primary URL in the same update as the
 * fallback; a primary that cannot be tuned keeps its URL, and its fallback is still set.
 */
import { startSignedPrimary, type SignedPrimary } from '../../support/signed-primary';
import { addWebhookRule, webhookIdOf } from '../../../tools/sandbox/account-state';
import {
  ACCOUNT_SID,
  addNumber,
  AUTH_TOKEN,
  DOMAIN,
  expectTunedUrl,
  pn,
  runAudit,
  serviceRecord,
  sidOf,
  testAccount,
  violations,
  withStandIn,
  writes,
} from './audit-harness';

const FALLBACK = `https://${DOMAIN}/fallback`;
const STUDIO = `https://webhooks.twilio.com/v1/Accounts/${ACCOUNT_SID}/Flows/FW${'0'.repeat(32)}`;
const SERVICE = sidOf('MG', 7);
const AUTO = ['--fix', '--domain', DOMAIN, '--fast-failover', 'auto'];

let primary: SignedPrimary;
beforeEach(async () => {
  // Answers `<Response/>` to requests signed with the account's token, /broken HTTP 500.
  primary = await startSignedPrimary(AUTH_TOKEN);
});
afterEach(() => primary.close());

const account = () =>
  testAccount((a) => {
    addNumber(a, 1, { voiceUrl: `${primary.baseUrl}/v1#rc=2&rp=ct,5xx` });
    // Two numbers on one primary: measured once.
    addNumber(a, 2, { voiceUrl: `${primary.baseUrl}/shared` });
    addNumber(a, 3, { voiceUrl: `${primary.baseUrl}/shared` });
    addNumber(a, 4, { voiceUrl: `${primary.baseUrl}/broken` });
    addNumber(a, 5, { voiceUrl: STUDIO });
    a.services.set(
      SERVICE,
      serviceRecord(SERVICE, {
        inboundRequestUrl: `${primary.baseUrl}/in`,
        phoneNumberSids: [pn(6)],
      }),
    );
    addNumber(a, 6, {});
  });

const expectTuned = (url: string | null | undefined, path: string, kept = {}) =>
  expectTunedUrl(url, `${primary.baseUrl}${path}`, kept);

const requestsTo = (path: string) => primary.seen.filter((seen) => seen.path === path).length;

describe('audit --fix --fast-failover auto', () => {
  it('with --yes writes tuned primaries in the same update as the fallback, refusing what it cannot tune', async () => {
    await withStandIn(account(), async (standIn) => {
      const run = await runAudit(standIn, [...AUTO, '--yes']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const state = standIn.account(ACCOUNT_SID);

      const one = expectTuned(state.numbers.get(pn(1))?.voiceUrl, '/v1');
      // Keys configure does not tune stay as the user wrote them.
      expect(one.overrides).toMatchObject({ rc: 2, rp: ['ct', '5xx'] });
      expectTuned(state.numbers.get(pn(2))?.voiceUrl, '/shared');
      expectTuned(state.numbers.get(pn(3))?.voiceUrl, '/shared');
      expectTuned(state.services.get(SERVICE)?.inboundRequestUrl, '/in');
      // Refused: the primary untouched, the fallback set all the same.
      expect(state.numbers.get(pn(4))).toMatchObject({
        voiceUrl: `${primary.baseUrl}/broken`,
        voiceFallbackUrl: FALLBACK,
      });
      expect(state.numbers.get(pn(5))).toMatchObject({
        voiceUrl: STUDIO,
        voiceFallbackUrl: FALLBACK,
      });
      for (const n of [1, 2, 3]) expect(state.numbers.get(pn(n))?.voiceFallbackUrl).toBe(FALLBACK);

      // One update per resource: primary and fallback together.
      const forms = writes(standIn).map((write) => Object.keys(write.form).sort().join(','));
      expect(forms.sort()).toEqual(
        [
          'VoiceFallbackUrl,VoiceUrl',
          'VoiceFallbackUrl,VoiceUrl',
          'VoiceFallbackUrl,VoiceUrl',
          'VoiceFallbackUrl',
          'VoiceFallbackUrl',
          'FallbackUrl,InboundRequestUrl',
        ].sort(),
      );
      expect(violations(standIn)).toEqual([]);

      // 20 requests per distinct primary (the audit's default), /shared once for two
      // numbers, /broken given up at its first failure, the Studio Flow never requested.
      expect([requestsTo('/v1'), requestsTo('/shared'), requestsTo('/in')]).toEqual([20, 20, 20]);
      expect(requestsTo('/broken')).toBe(1);
      expect(primary.seen.length).toBe(61);
      expect(primary.seen.every((seen) => seen.signed && seen.probe)).toBe(true);

      expect(run.stdout).toContain('Fast failover (--fast-failover auto): 5 distinct primary(ies)');
      expect(run.stdout).not.toMatch(/measures again/);
      expect(run.stdout).toMatch(/NOT tuned .*\/broken .*HTTP 500.*left as it is/);
      expect(run.stdout).toMatch(/NOT tuned .*Studio Flow.*left as it is/);
      expect(run.stdout).toMatch(
        /tuned .*\/shared \(voice, number \+12025550002, number \+12025550003\): 20\/20 answers/,
      );
    });
  });

  it('without --yes measures and shows the plan, writes nothing', async () => {
    await withStandIn(account(), async (standIn) => {
      const run = await runAudit(standIn, [...AUTO, '--json']);
      expect(run.code).toBe(1);
      expect(writes(standIn)).toEqual([]);
      expect(standIn.account(ACCOUNT_SID).numbers.get(pn(1))?.voiceUrl).toBe(
        `${primary.baseUrl}/v1#rc=2&rp=ct,5xx`,
      );
      expect(requestsTo('/v1')).toBe(20);
      const report = JSON.parse(run.stdout) as {
        fix: {
          outcome: string;
          resources: { sid: string; changes: { field: string; after: string }[] }[];
        };
        fastFailover: { url: string; timeouts?: object; refused?: string }[];
      };
      expect(report.fix.outcome).toBe('dry-run');
      const planned = report.fix.resources.find((resource) => resource.sid === pn(1));
      expectTuned(planned?.changes.find((change) => change.field === 'voiceUrl')?.after, '/v1');
      expect(
        report.fastFailover.map((tuning) => [
          tuning.url.replace(primary.baseUrl, ''),
          tuning.refused === undefined,
        ]),
      ).toEqual(
        // In plan order; URLs shown as every report shows them (SIDs redacted).
        [
          ['/v1#rc=2&rp=ct,5xx', true],
          ['/shared', true],
          ['/broken', false],
          ['https://webhooks.twilio.com/v1/Accounts/REDACTED/Flows/REDACTED', false],
          ['/in', true],
        ],
      );
    });
  });

  it('says when a Webhook Rule decides a tuned primary: Twilio ignores the fragment it writes', async () => {
    const rules = account();
    addWebhookRule(
      rules.webhooks,
      1,
      { friendlyName: 'Shared app', matchType: 'EXACT_MATCH', value: `${primary.baseUrl}/shared` },
      {
        friendlyName: 'steady',
        connection: { connectTimeout: 2000, readTimeout: 8000, totalTimeout: 10000 },
      },
    );
    await withStandIn(rules, async (standIn) => {
      const run = await runAudit(standIn, AUTO);
      expect(run.code).toBe(1);
      // The dry run's values are not what --yes writes: it measures again.
      expect(run.stdout).toMatch(/--yes measures again, so the values it writes can differ/);
      const lines = run.stdout.split('\n');
      const shared = lines.findIndex((line) => /^ {2}tuned .*\/shared /.test(line));
      expect(shared).toBeGreaterThan(-1);
      expect(lines[shared + 1]).toMatch(
        /Twilio will ignore this fragment.*Webhook Rule "Shared app".*ct=2000 rt=8000 tt=10000/,
      );
      // Primaries no Rule decides get no such line.
      const v1 = lines.findIndex((line) => /^ {2}tuned .*\/v1/.test(line));
      expect(lines[v1 + 1]).not.toMatch(/Webhook Rule/);
      const json = await runAudit(standIn, [...AUTO, '--json']);
      const report = JSON.parse(json.stdout) as {
        fastFailover: { url: string; webhookRule?: { id: string } | null }[];
      };
      expect(
        report.fastFailover.map((tuning) => [
          tuning.url.replace(primary.baseUrl, ''),
          tuning.webhookRule?.id ?? null,
        ]),
      ).toEqual([
        ['/v1#rc=2&rp=ct,5xx', null],
        ['/shared', webhookIdOf('rule', 1)],
        ['/broken', null],
        ['https://webhooks.twilio.com/v1/Accounts/REDACTED/Flows/REDACTED', null],
        ['/in', null],
      ]);
    });
  });

  it.each<[string[], string]>([
    [['--fast-failover', 'auto'], '--fast-failover only applies with --fix'],
    [
      [...AUTO.slice(0, 3), '--fast-failover', 'fast'],
      '--fast-failover "fast": the audit takes only auto',
    ],
    [[...AUTO, '--samples', '5'], '--samples "5" must be a whole number from 20'],
    [
      ['--fix', '--domain', DOMAIN, '--samples', '30'],
      '--samples sizes the measurement of --fast-failover auto',
    ],
  ])('%j exits 2, names the problem, measures and sends nothing', async (argv, named) => {
    await withStandIn(account(), async (standIn) => {
      const run = await runAudit(standIn, argv);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(named);
      expect(standIn.requests).toEqual([]);
      expect(primary.seen).toEqual([]);
    });
  });
});
