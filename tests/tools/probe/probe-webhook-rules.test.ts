/**
 * `probe --number` and Twilio's Webhook Rules: a Rule that decides the primary is one
 * note with its Setting's values, and the primary is emulated with that Setting's
 * timeouts instead of its fragment's, as Twilio connects to it; an account without the
 * API is one note and the fragment counts; neither fails the run by itself.
 */
import {
  addWebhookRule,
  webhookIdOf,
  type StoredAccount,
  type StoredWebhookSetting,
} from '../../../tools/sandbox/account-state';
import { startPacedServer, type TestServer } from '../emulator/misbehaving-servers';
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
      `voice primary ${twimlBase}/primary: timeouts decided by Webhook Rule (${RULE}, EXACT_MATCH ${twimlBase}/primary): Setting "slow backend" (${SETTING}): ct=3000 rt=12000 tt=15000; the #ct=1000&rt=3000&tt=4000 on the URL is ignored (this probe waited as the Setting says, as Twilio does)`,
    ]);
  });

  it('says nothing of Rules when none decides the primary', async () => {
    const { code, report, requests } = await probe((account) => {
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
    // The Rules were read, and none applies: silence is a finding, not a skipped read.
    expect(requests).toContain('GET /v1/Webhooks/Rules 200');
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

/**
 * A primary that answers after PRIMARY_DELAY_MS, under a strict read timeout (it fails
 * over) or a generous one (it answers). The outcome is asserted, never the time taken.
 */
const PRIMARY_DELAY_MS = 1500;
const STRICT = { friendlyName: 'strict', connection: { readTimeout: 1000 } } as const;
const GENEROUS = { friendlyName: 'generous', connection: { readTimeout: 3000 } } as const;

type SettingSpec = Pick<StoredWebhookSetting, 'friendlyName' | 'connection'>;

describe('probe --number emulates a primary a Rule decides with the Setting, not the fragment', () => {
  let primary: TestServer;
  beforeEach(async () => {
    primary = await startPacedServer(() => PRIMARY_DELAY_MS);
  });
  afterEach(async () => {
    await primary.close();
  });

  /** The number's voice primary is the paced server, with `fragment`; `rule` over it. */
  const probeSlowPrimary = (
    fragment: string,
    rule: (account: StoredAccount, url: string) => void,
  ) =>
    probeNumberOnStandIn({
      number: { voiceUrl: `${primary.baseUrl}/paced#${fragment}` },
      fill: (account) => rule(account, `${primary.baseUrl}/paced`),
    });

  const oneSetting = (setting: SettingSpec) => (account: StoredAccount, url: string) => {
    addWebhookRule(
      account.webhooks,
      7,
      { friendlyName: 'primary timeouts', matchType: 'EXACT_MATCH', value: url },
      setting,
    );
  };

  /** A Rule over the primary that splits its traffic 50/50 between two Settings. */
  const split =
    (first: SettingSpec, second: SettingSpec) => (account: StoredAccount, url: string) => {
      const ids = [webhookIdOf('setting', 21), webhookIdOf('setting', 22)] as const;
      account.webhooks.settings.push(
        { id: ids[0], type: 'CUSTOMER', ...first },
        { id: ids[1], type: 'CUSTOMER', ...second },
      );
      account.webhooks.rules.push({
        id: webhookIdOf('rule', 20),
        friendlyName: 'primary timeouts',
        matchType: 'EXACT_MATCH',
        value: url,
        prefix: null,
        settings: ids.map((settingId) => ({ settingId, percentage: 50 })),
      });
    };

  it.each([
    {
      what: 'a strict fragment under a generous Rule: the primary answers (no failover)',
      fragment: 'rt=1000',
      rule: oneSetting(GENEROUS),
      answers: true,
      detail: [
        'emulated with Webhook Rule "primary timeouts"',
        'Setting "generous"',
        'ct=5000 rt=3000 tt=15000 rc=1 rp=ct',
        'the #rt=1000 fragment is ignored by Twilio',
      ],
    },
    {
      what: 'a generous fragment under a strict Rule: the primary fails over, as on Twilio',
      fragment: 'rt=3000',
      rule: oneSetting(STRICT),
      answers: false,
      detail: [
        'emulated with Webhook Rule "primary timeouts"',
        'Setting "strict"',
        'ct=5000 rt=1000 tt=15000 rc=1 rp=ct',
        'the #rt=3000 fragment is ignored by Twilio',
      ],
    },
    {
      what: 'a split Rule: emulated with the slower Setting, and said to be a split',
      fragment: 'rt=1000',
      rule: split(STRICT, GENEROUS),
      answers: true,
      detail: [
        '(a split: 50% Setting "strict"',
        ' / 50% Setting "generous"',
        'with the slower Setting "generous"',
        'rt=3000',
        'the #rt=1000 fragment is ignored by Twilio',
      ],
    },
  ])('$what', async ({ fragment, rule, answers, detail }) => {
    const { code, report } = await probeSlowPrimary(fragment, rule);
    const check = report.results.find((result) => result.name === 'voice Voice URL');
    expect(check?.pass).toBe(answers);
    for (const part of detail) expect(check?.detail).toContain(part);
    // The table shows the URL as configured, fragment and all.
    expect(check?.url).toBe(`${primary.baseUrl}/paced#${fragment}`);
    expect(report.pass).toBe(answers);
    expect(code).toBe(answers ? 0 : 1);
    // The primary was requested once: a read timeout is not retried under rp=ct.
    expect(primary.requests).toHaveLength(1);
  });

  it.each([
    {
      what: 'an account without the API',
      rule: (account: StoredAccount, url: string) => {
        oneSetting(GENEROUS)(account, url);
        account.webhooks.enabled = false;
      },
      note: /^Webhook Rules not checked: /,
    },
    {
      what: 'a Rule whose Setting is not listed',
      rule: (account: StoredAccount, url: string) => {
        oneSetting(GENEROUS)(account, url);
        account.webhooks.settings = [];
      },
      note: /timeouts decided by Webhook Rule "primary timeouts".*\(not listed\).*\(this probe waited as the fragment says: the Setting's values are unknown\)$/,
    },
  ])('$what: the fragment decides (strict: failover), one note', async ({ rule, note }) => {
    const { code, report } = await probeSlowPrimary('rt=1000', rule);
    const check = report.results.find((result) => result.name === 'voice Voice URL');
    expect(check?.pass).toBe(false);
    expect(check?.detail).not.toContain('emulated with');
    expect(code).toBe(1);
    expect(report.notes.filter((line) => line.includes('Webhook'))).toEqual([
      expect.stringMatching(note),
    ]);
  });
});
