/**
 * `configure` and Twilio's Webhook Rules, against the stateful stand-in (its Webhooks
 * configuration API follows the OpenAPI file written from Twilio's pages): a Rule that
 * decides the primary is named in one line with its Setting's values, the fragment
 * is still written (a warning, not a refusal), and an account without the API gets one
 * line and an unchanged run.
 */
import {
  emptyAccount,
  numberRecord,
  sidOf,
  webhookIdOf,
  type StoredAccount,
} from '../../../tools/sandbox/account-state';
import { startApiStandIn, type RunningApiStandIn } from '../../../tools/sandbox/api-stand-in';
import { startPacedServer, type TestServer } from '../emulator/misbehaving-servers';
import { runConfigureOnStandIn } from './cli-harness';

const SID = sidOf('AC', 0xc0f);
const TOKEN = 'configure-rules-token';
const NUMBER = '+14155550177';
const NUMBER_SID = sidOf('PN', 77);
const DOMAIN = 'guard-1234-dev.twil.io';
const RULE_ID = webhookIdOf('rule', 1);
const SETTING_ID = webhookIdOf('setting', 1);

function account(options: { rule?: boolean; enabled?: boolean; voiceUrl?: string } = {}) {
  const a = emptyAccount(SID, TOKEN, 'configure rules');
  a.numbers.set(
    NUMBER_SID,
    numberRecord(NUMBER_SID, NUMBER, { voiceUrl: options.voiceUrl ?? 'https://app.example.com/v' }),
  );
  a.webhooks.enabled = options.enabled ?? true;
  a.webhooks.settings.push({
    id: SETTING_ID,
    type: 'CUSTOMER',
    friendlyName: 'Patient primary',
    connection: { connectTimeout: 2000, readTimeout: 8000, totalTimeout: 10000, retryCount: 1 },
  });
  if (options.rule ?? true) {
    a.webhooks.rules.push({
      id: RULE_ID,
      friendlyName: 'Functions',
      matchType: 'PREFIX_MATCH',
      value: null,
      prefix: `https://${DOMAIN}/`,
      settings: [{ settingId: SETTING_ID, percentage: 100 }],
    });
  }
  return a;
}

let standIn: RunningApiStandIn | undefined;
let primary: TestServer | undefined;
afterEach(async () => {
  await standIn?.close();
  await primary?.close();
  standIn = undefined;
  primary = undefined;
});

async function configure(stored: StoredAccount, argv: readonly string[]) {
  standIn = await startApiStandIn({ accounts: [stored] });
  const run = await runConfigureOnStandIn(standIn, { sid: SID, token: TOKEN }, [
    '--number',
    NUMBER,
    '--domain',
    DOMAIN,
    ...argv,
  ]);
  const webhooksRequests = standIn.requests.filter((r) => r.product === 'webhooks');
  const violations = standIn.requests.filter((r) => r.violation).map((r) => r.violation);
  return { ...run, webhooksRequests, violations };
}

const DECIDED_BY = `Webhook Rule "Functions" (${RULE_ID}, PREFIX_MATCH https://${DOMAIN}/): Setting "Patient primary" (${SETTING_ID}): ct=2000 rt=8000 tt=10000 rc=1`;

describe('configure with a Webhook Rule on the primary', () => {
  it('--fast-failover: warns in one line that the fragment will be ignored, names the Rule, and still writes', async () => {
    const stored = account();
    const run = await configure(stored, ['--voice', '--fast-failover']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n').filter((line) => line.includes('Webhook Rule'));
    expect(lines).toEqual([
      `note: --fast-failover: Twilio will ignore the #ct=1000&rt=3000&tt=4000 written on the voice primary: its timeouts are decided by ${DECIDED_BY}`,
    ]);
    expect(stored.numbers.get(NUMBER_SID)?.voiceUrl).toBe(
      `https://${DOMAIN}/primary#ct=1000&rt=3000&tt=4000`,
    );
    expect(run.violations).toEqual([]);
  });

  it('shows the Setting instead of a fragment already on a primary it keeps', async () => {
    const stored = account({ voiceUrl: `https://${DOMAIN}/primary#ct=500&rt=1500&tt=2000` });
    const run = await configure(stored, ['--voice', '--keep-primary', '--dry-run']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `note: voice primary https://${DOMAIN}/primary: timeouts decided by ${DECIDED_BY}; the #ct=500&rt=1500&tt=2000 on the URL is ignored\n`,
    );
  });

  it('--json carries the deciding Rule and its Setting', async () => {
    const run = await configure(account(), ['--voice', '--fast-failover', '--dry-run', '--json']);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { webhookRules: unknown };
    expect(json.webhookRules).toEqual({
      checked: true,
      primaries: [
        {
          channel: 'voice',
          rule: {
            id: RULE_ID,
            friendlyName: 'Functions',
            matchType: 'PREFIX_MATCH',
            match: `https://${DOMAIN}/`,
            settings: [
              {
                id: SETTING_ID,
                friendlyName: 'Patient primary',
                percentage: 100,
                connection: { ct: 2000, rt: 8000, tt: 10000, rc: 1 },
              },
            ],
            ignoredFragment: 'ct=1000&rt=3000&tt=4000',
          },
        },
      ],
    });
  });

  it('--fast-failover auto: measures, writes, and warns that the tuned fragment will be ignored', async () => {
    primary = await startPacedServer(() => 0);
    const voiceUrl = `${primary.baseUrl}/paced`;
    const stored = account({ rule: false, voiceUrl });
    stored.webhooks.rules.push({
      id: RULE_ID,
      friendlyName: 'Functions',
      matchType: 'EXACT_MATCH',
      value: voiceUrl,
      prefix: null,
      settings: [{ settingId: SETTING_ID, percentage: 100 }],
    });
    const run = await configure(stored, [
      '--voice',
      '--keep-primary',
      '--fast-failover',
      'auto',
      '--samples',
      '20',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const written = stored.numbers.get(NUMBER_SID)?.voiceUrl ?? '';
    const fragment = written.split('#')[1];
    expect(fragment).toMatch(/^ct=1000&rt=\d+&tt=\d+$/);
    expect(run.stdout).toContain(
      `note: --fast-failover auto: Twilio will ignore the #${fragment} written on the voice primary: its timeouts are decided by Webhook Rule "Functions" (${RULE_ID}, EXACT_MATCH ${voiceUrl}): Setting "Patient primary"`,
    );
  }, 30000);
});

describe('configure where no Rule decides, or the API is not there', () => {
  it('says nothing about Rules when none matches the primary (the fragment counts)', async () => {
    const run = await configure(account({ rule: false }), ['--voice', '--fast-failover']);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('Webhook Rule');
    expect(run.webhooksRequests.map((r) => `${r.operation} ${r.status}`)).toEqual([
      '/v1/Webhooks/Rules 200',
    ]);
  });

  it('reads no Rules when no connection override is written or kept', async () => {
    const run = await configure(account(), ['--voice']);
    expect(run.code).toBe(0);
    expect(run.webhooksRequests).toEqual([]);
  });

  it('an account without the API: one line, and the change is still made', async () => {
    const stored = account({ enabled: false });
    const run = await configure(stored, ['--voice', '--fast-failover']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n').filter((line) => line.includes('Webhook'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^note: Webhook Rules not checked: the Webhooks configuration API \(Public Beta\) is not enabled for this account or these credentials \(Twilio API error 20403 \(HTTP 403\)/,
    );
    expect(stored.numbers.get(NUMBER_SID)?.voiceUrl).toBe(
      `https://${DOMAIN}/primary#ct=1000&rt=3000&tt=4000`,
    );
  });
});
