/**
 * `probe --number` and Twilio's Webhook Rules: a Rule that decides the primary is one
 * note with its Setting's values (the checks themselves are unchanged), and an account
 * without the API is one note; neither fails the run.
 */
import { webhookIdOf, type StoredAccount } from '../../../tools/sandbox/account-state';
import { probeNumberOnStandIn } from './probe-harness';

const RULE = webhookIdOf('rule', 9);
const SETTING = webhookIdOf('setting', 9);

/** The number's primary carries the fixed fast-failover fragment a Rule may override. */
const probe = (fill: (account: StoredAccount, twimlBase: string) => void) =>
  probeNumberOnStandIn({ primaryPath: '/primary#ct=1000&rt=3000&tt=4000', fill });

describe('probe --number with Webhook Rules', () => {
  it('names the Rule that decides the primary, with its Setting’s values instead of the fragment’s', async () => {
    const { code, report, twimlBase } = await probe((account, base) => {
      account.webhooks.settings.push({
        id: SETTING,
        type: 'CUSTOMER',
        friendlyName: 'slow backend',
        connection: { connectTimeout: 3000, readTimeout: 12000, totalTimeout: 15000 },
      });
      account.webhooks.rules.push({
        id: RULE,
        friendlyName: '',
        matchType: 'EXACT_MATCH',
        value: `${base}/primary`,
        prefix: null,
        settings: [{ settingId: SETTING, percentage: 100 }],
      });
    });
    expect(code).toBe(0);
    expect(report.pass).toBe(true);
    expect(report.notes.filter((note) => note.includes('Webhook'))).toEqual([
      `voice primary ${twimlBase}/primary: timeouts decided by Webhook Rule (${RULE}, EXACT_MATCH ${twimlBase}/primary): Setting "slow backend" (${SETTING}): ct=3000 rt=12000 tt=15000; the #ct=1000&rt=3000&tt=4000 on the URL is ignored (this probe waited as the fragment says; Twilio waits as the Setting says)`,
    ]);
  });

  it('says nothing of Rules when none decides the primary', async () => {
    const { code, report } = await probe((account) => {
      account.webhooks.rules.push({
        id: RULE,
        friendlyName: 'elsewhere',
        matchType: 'PREFIX_MATCH',
        value: null,
        prefix: 'https://app.example.com/',
        settings: [{ settingId: SETTING, percentage: 100 }],
      });
    });
    expect(code).toBe(0);
    expect(report.notes.filter((note) => note.includes('Webhook'))).toEqual([]);
  });

  it('an account without the API: one note, and the probe still passes', async () => {
    const { code, report } = await probe((account) => (account.webhooks.enabled = false));
    expect(code).toBe(0);
    expect(report.pass).toBe(true);
    const notes = report.notes.filter((note) => note.includes('Webhook'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(
      /^Webhook Rules not checked: the Webhooks configuration API \(Public Beta\) is not enabled for this account/,
    );
  });
});
