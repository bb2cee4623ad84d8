/**
 * `audit --subaccounts` and Webhook Rules: a version-1 product, so each account's Rules
 * are read once with its own credentials and matched against its own numbers; an
 * account without the API is noted for that account alone.
 */
import {
  addWebhookRule,
  webhookIdOf,
  type StoredAccount,
} from '../../../tools/sandbox/account-state';
import { startApiStandIn } from '../../../tools/sandbox/api-stand-in';
import { DEMO_ACCOUNT_SID } from '../../../tools/sandbox/demo-account';
import { demoTree, TREE_ACCOUNTS } from '../../../tools/sandbox/demo-tree';
import { runTreeAudit, violations } from './audit-harness';

const { acme: ACME, bistro: BISTRO } = TREE_ACCOUNTS;
const BISTRO_RULE = webhookIdOf('rule', 7);

function tree(): StoredAccount[] {
  const accounts = demoTree();
  const bySid = new Map(accounts.map((account) => [account.sid, account]));
  bySid.get(ACME.sid)!.webhooks.enabled = false;
  const bistro = bySid.get(BISTRO.sid)!;
  addWebhookRule(
    bistro.webhooks,
    7,
    { friendlyName: 'Bistro default', matchType: 'DEFAULT' },
    { friendlyName: 'everything', connection: { readTimeout: 6000 } },
  );
  return accounts;
}

interface TreeRulesJson {
  summary: {
    byAccount: { accountSid: string; webhookRules?: { checked: boolean; note?: string } }[];
  };
  items: { accountSid: string; primaryUrl: string | null; webhookRule?: { id: string } | null }[];
}

it('reads each account’s own Rules with its own credentials and matches them to its own numbers', async () => {
  const standIn = await startApiStandIn({ accounts: tree() });
  try {
    const run = await runTreeAudit(standIn, ['--json']);
    const json = JSON.parse(run.stdout) as TreeRulesJson;
    const rulesOf = (sid: string) =>
      json.summary.byAccount.find((account) => account.accountSid === sid)?.webhookRules;
    expect(rulesOf(DEMO_ACCOUNT_SID)).toEqual({ checked: true });
    expect(rulesOf(BISTRO.sid)).toEqual({ checked: true });
    expect(rulesOf(ACME.sid)).toEqual({
      checked: false,
      note: expect.stringMatching(/^Webhook Rules not checked: .*not enabled/),
    });
    // Bistro's DEFAULT Rule decides every Bistro primary, and no other account's.
    const bistroItems = json.items.filter(
      (item) => item.accountSid === BISTRO.sid && item.primaryUrl,
    );
    expect(bistroItems.length).toBeGreaterThan(0);
    expect(bistroItems.every((item) => item.webhookRule?.id === BISTRO_RULE)).toBe(true);
    expect(
      json.items.filter(
        (item) => item.accountSid !== BISTRO.sid && item.webhookRule?.id === BISTRO_RULE,
      ),
    ).toEqual([]);
    const acmeItems = json.items.filter((item) => item.accountSid === ACME.sid);
    expect(acmeItems.length).toBeGreaterThan(0);
    expect(acmeItems.every((item) => item.webhookRule === null)).toBe(true);
    const reads = standIn.requests.filter((r) => r.operation === '/v1/Webhooks/Rules');
    expect(reads.map((r) => r.authSid).sort()).toEqual(
      [DEMO_ACCOUNT_SID, ACME.sid, BISTRO.sid].sort(),
    );
    expect(violations(standIn)).toEqual([]);
  } finally {
    await standIn.close();
  }
});
