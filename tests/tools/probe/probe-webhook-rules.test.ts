/**
 * `probe --number` and Twilio's Webhook Rules: a Rule that decides the primary is one
 * note with its Setting's values (the checks themselves are unchanged), and an account
 * without the API is one note; neither fails the run.
 */
import { startStandInFallback } from '../../../tools/emulator/loopback-servers';
import { runProbeCli } from '../../../tools/probe/cli';
import {
  emptyAccount,
  numberRecord,
  sidOf,
  webhookIdOf,
  type StoredAccount,
} from '../../../tools/sandbox/account-state';
import { startApiStandIn } from '../../../tools/sandbox/api-stand-in';
import { makeTempDir, removeTempDir } from '../../support/temp-dir';

const ACCOUNT = sidOf('AC', 0xd1);
const TOKEN = 'probe-rules-token';
const RULE = webhookIdOf('rule', 9);
const SETTING = webhookIdOf('setting', 9);

async function probe(fill: (account: StoredAccount, twimlBase: string) => void) {
  const twiml = await startStandInFallback();
  const account = emptyAccount(ACCOUNT, TOKEN, 'probe rules');
  account.numbers.set(
    sidOf('PN', 1),
    numberRecord(sidOf('PN', 1), '+12025550001', {
      voiceUrl: `${twiml.baseUrl}/primary#ct=1000&rt=3000&tt=4000`,
      voiceFallbackUrl: `${twiml.baseUrl}/fallback`,
    }),
  );
  fill(account, twiml.baseUrl);
  const standIn = await startApiStandIn({ accounts: [account] });
  const cwd = makeTempDir('probe-rules');
  let stdout = '';
  try {
    const code = await runProbeCli(['--number', '+12025550001', '--voice', '--json'], {
      stdout: (text) => (stdout += text),
      stderr: () => undefined,
      env: {
        TWILIO_ACCOUNT_SID: ACCOUNT,
        TWILIO_AUTH_TOKEN: TOKEN,
        TWILIO_API_BASE_URL: standIn.baseUrl,
      },
      cwd,
    });
    const report = JSON.parse(stdout) as { pass: boolean; notes: string[] };
    return { code, report, twimlBase: twiml.baseUrl };
  } finally {
    removeTempDir(cwd);
    await standIn.close();
    await twiml.close();
  }
}

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
