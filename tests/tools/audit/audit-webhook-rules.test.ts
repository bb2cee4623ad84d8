/**
 * The audit reads the account's Webhook Rules once (list pages only) and says, per
 * answering resource, when a Rule decides the primary's timeouts instead of its
 * `#ct=…` fragment; an account without the API is one line and the same verdicts.
 */
import type { AuditJson } from '../../../tools/audit/audit-report';
import { webhookIdOf, type StoredAccount } from '../../../tools/sandbox/account-state';
import {
  addNumber,
  APP_HOST,
  applicationRecord,
  DOMAIN,
  OTHER_HOST,
  runAudit,
  sidOf,
  testAccount,
  violations,
  withStandIn,
} from './audit-harness';

const PREFIX_RULE = webhookIdOf('rule', 1);
const SPLIT_RULE = webhookIdOf('rule', 2);
const STEADY = webhookIdOf('setting', 1);
const CANARY = webhookIdOf('setting', 2);
const APP = sidOf('AP', 5);

/** Numbers 1-3 on this project's Functions (a prefix Rule), 4 answered by a TwiML App (exact split Rule), 5 elsewhere. */
function account(enabled = true): StoredAccount {
  return testAccount((a) => {
    const primary = `https://${DOMAIN}/primary#ct=1000&rt=3000&tt=4000`;
    for (const n of [1, 2, 3]) {
      addNumber(a, n, { voiceUrl: primary, voiceFallbackUrl: `https://${DOMAIN}/fallback` });
    }
    a.applications.set(
      APP,
      applicationRecord(APP, {
        friendlyName: 'IVR',
        voiceUrl: `${APP_HOST}/ivr?tenant=7`,
        voiceFallbackUrl: `${OTHER_HOST}/ivr`,
      }),
    );
    addNumber(a, 4, { voiceApplicationSid: APP });
    addNumber(a, 5, { voiceUrl: `${OTHER_HOST}/voice#rt=2000`, voiceFallbackUrl: `${APP_HOST}/f` });
    a.webhooks.enabled = enabled;
    a.webhooks.settings.push(
      {
        id: STEADY,
        type: 'CUSTOMER',
        friendlyName: 'steady',
        connection: { connectTimeout: 2000, readTimeout: 8000, totalTimeout: 10000, retryCount: 1 },
      },
      { id: CANARY, type: 'CUSTOMER', friendlyName: 'canary', connection: { readTimeout: 4000 } },
    );
    a.webhooks.rules.push(
      {
        id: PREFIX_RULE,
        friendlyName: 'Functions',
        matchType: 'PREFIX_MATCH',
        value: null,
        prefix: `https://${DOMAIN}/`,
        settings: [{ settingId: STEADY, percentage: 100 }],
      },
      {
        id: SPLIT_RULE,
        friendlyName: 'IVR split',
        matchType: 'EXACT_MATCH',
        value: `${APP_HOST}/ivr`,
        prefix: null,
        settings: [
          { settingId: STEADY, percentage: 90 },
          { settingId: CANARY, percentage: 10 },
        ],
      },
    );
  });
}

describe('audit and Webhook Rules', () => {
  it('prints one line per deciding Rule, with its Setting’s values and the resources it decides', async () => {
    await withStandIn(account(), async (standIn) => {
      const run = await runAudit(standIn, []);
      const start = run.stdout.indexOf('Webhook Rules deciding primary timeouts');
      expect(start).toBeGreaterThan(0);
      expect(run.stdout.slice(start).trimEnd().split('\n')).toEqual([
        'Webhook Rules deciding primary timeouts (the URL fragment is ignored there):',
        `  Webhook Rule "Functions" (${PREFIX_RULE}, PREFIX_MATCH https://${DOMAIN}/): Setting "steady" (${STEADY}): ct=2000 rt=8000 tt=10000 rc=1; decides 3 number-channel(s): number +12025550001 voice, number +12025550002 voice, number +12025550003 voice; 3 with a #ct=… fragment Twilio ignores`,
        `  Webhook Rule "IVR split" (${SPLIT_RULE}, EXACT_MATCH ${APP_HOST}/ivr): split 90% Setting "steady" (${STEADY}): ct=2000 rt=8000 tt=10000 rc=1 / 10% Setting "canary" (${CANARY}): rt=4000; decides 1 number-channel(s): TwiML App "IVR" (${APP}) voice`,
      ]);
      // Read once for the account: one page of Rules, one of Settings; the contract kept.
      expect(
        standIn.requests.filter((r) => r.product === 'webhooks').map((r) => r.operation),
      ).toEqual(['/v1/Webhooks/Rules', '/v1/Webhooks/Settings']);
      expect(violations(standIn)).toEqual([]);
    });
  });

  it('--json gives every item its deciding Rule, or null where the fragment counts', async () => {
    await withStandIn(account(), async (standIn) => {
      const run = await runAudit(standIn, ['--json']);
      const json = JSON.parse(run.stdout) as Omit<AuditJson, 'items'> & {
        webhookRules: unknown;
        items: { phoneNumber: string; channel: string; webhookRule: { id: string } | null }[];
      };
      expect(json.webhookRules).toEqual({ checked: true });
      const ruleOf = (phoneNumber: string) =>
        json.items.find((item) => item.phoneNumber === phoneNumber && item.channel === 'voice')
          ?.webhookRule;
      expect(ruleOf('+12025550001')).toMatchObject({
        id: PREFIX_RULE,
        ignoredFragment: 'ct=1000&rt=3000&tt=4000',
        settings: [
          { id: STEADY, percentage: 100, connection: { ct: 2000, rt: 8000, tt: 10000, rc: 1 } },
        ],
      });
      expect(ruleOf('+12025550004')).toMatchObject({ id: SPLIT_RULE, ignoredFragment: null });
      expect(ruleOf('+12025550005')).toBeNull();
    });
  });

  it('an account without the API: one line, the same verdicts and exit code', async () => {
    const withApi = await withStandIn(account(true), (standIn) => runAudit(standIn, []));
    const without = await withStandIn(account(false), (standIn) => runAudit(standIn, []));
    expect(without.code).toBe(withApi.code);
    expect(without.stderr).toBe('');
    const noteLines = without.stdout.split('\n').filter((line) => line.includes('Webhook'));
    expect(noteLines).toHaveLength(1);
    expect(noteLines[0]).toMatch(
      /^note: Webhook Rules not checked: the Webhooks configuration API \(Public Beta\) is not enabled/,
    );
    const start = withApi.stdout.indexOf('\n\nWebhook Rules deciding');
    expect(without.stdout.replace(`\n\n${noteLines[0]}`, '')).toBe(
      withApi.stdout.slice(0, start) + '\n',
    );

    const json = await withStandIn(account(false), (standIn) => runAudit(standIn, ['--json']));
    const parsed = JSON.parse(json.stdout) as { webhookRules: { checked: boolean; note: string } };
    expect(parsed.webhookRules.checked).toBe(false);
    expect(parsed.webhookRules.note).toMatch(/^Webhook Rules not checked/);
  });
});
