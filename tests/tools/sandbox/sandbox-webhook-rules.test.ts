/**
 * The sandbox's Webhooks configuration API: the demo account carries one Rule over the
 * Functions domain, so a newcomer sees audit and configure name it; `--no-webhooks-api`
 * plays an account without the Public Beta; the stand-in keeps the contract written
 * from Twilio's pages (a misspelt parameter is refused as Prism would).
 */
import { runConfigureCli } from '../../../tools/configure/cli';
import { startSandbox } from '../../../tools/sandbox/sandbox-command';
import { DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN } from '../../../tools/sandbox/demo-account';
import type { RunningApiStandIn } from '../../../tools/sandbox/api-stand-in';
import { runAudit } from '../audit/audit-harness';
import { makeTempDir, removeTempDir } from '../../support/temp-dir';

const env = (baseUrl: string) => ({
  TWILIO_ACCOUNT_SID: DEMO_ACCOUNT_SID,
  TWILIO_AUTH_TOKEN: DEMO_AUTH_TOKEN,
  TWILIO_API_BASE_URL: baseUrl,
});

async function sandbox(argv: string[]): Promise<{ standIn: RunningApiStandIn; printed: string }> {
  let printed = '';
  const started = await startSandbox(argv, (text) => (printed += text));
  if (typeof started === 'number') throw new Error(`sandbox exited ${started}`);
  return { standIn: started, printed };
}

const RULE_LINE =
  /^ {2}Webhook Rule "Functions domain" \(webhooks_rule_0+1, PREFIX_MATCH https:\/\/guard-1234-dev\.twil\.io\/\): Setting "Patient Functions" \(webhooks_setting_0+1\): ct=2000 rt=8000 tt=10000 rc=1; decides \d+ number-channel\(s\): number \+14155550101 voice/;

describe('npm run sandbox: Webhook Rules', () => {
  it('the demo account’s Rule shows in the audit and in configure --fast-failover', async () => {
    const { standIn, printed } = await sandbox([]);
    const cwd = makeTempDir('sandbox-rules');
    try {
      expect(printed).toContain(
        '--fast-failover --dry-run   # a Webhook Rule decides its timeouts',
      );
      const audit = await runAudit(standIn, [], { env: env(standIn.baseUrl) });
      expect(audit.stdout.split('\n').filter((line) => RULE_LINE.test(line))).toHaveLength(1);

      let stdout = '';
      const code = await runConfigureCli(
        [
          '--number',
          '+14155550101',
          '--domain',
          'guard-1234-dev.twil.io',
          '--fast-failover',
          '--dry-run',
        ],
        {
          stdout: (text) => (stdout += `${text}\n`),
          stderr: () => undefined,
          env: env(standIn.baseUrl),
          cwd,
        },
      );
      expect(code).toBe(0);
      expect(stdout).toContain(
        'note: --fast-failover: Twilio will ignore the #ct=1000&rt=3000&tt=4000 written on the voice primary: its timeouts are decided by Webhook Rule "Functions domain"',
      );
      expect(standIn.requests.filter((r) => r.violation)).toEqual([]);
    } finally {
      removeTempDir(cwd);
      await standIn.close();
    }
  });

  it('--no-webhooks-api: the audit says so in one line and carries on', async () => {
    const { standIn } = await sandbox(['--no-webhooks-api']);
    try {
      const audit = await runAudit(standIn, [], { env: env(standIn.baseUrl) });
      expect(audit.code).toBe(1);
      const lines = audit.stdout.split('\n').filter((line) => line.includes('Webhook'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^note: Webhook Rules not checked: .* not enabled .*HTTP 403/);
    } finally {
      await standIn.close();
    }
  });

  it.each<[string, string, number, string | undefined]>([
    ['a page of Rules', '/webhooks/v1/Webhooks/Rules?PageSize=2', 200, undefined],
    [
      'a misspelt parameter',
      '/webhooks/v1/Webhooks/Rules?Pagesize=2',
      422,
      'query: / must NOT have additional properties',
    ],
    [
      'a page size above 1000',
      '/webhooks/v1/Webhooks/Settings?PageSize=5000',
      422,
      'query: /PageSize must be <= 1000',
    ],
    [
      'an operation the docs do not describe',
      '/webhooks/v1/Webhooks/Tests',
      404,
      'no such operation in the spec',
    ],
  ])(
    'keeps the contract written from Twilio’s pages: %s',
    async (_name, path, status, violation) => {
      const { standIn } = await sandbox([]);
      try {
        const response = await fetch(`${standIn.baseUrl}${path}`, {
          headers: {
            authorization: `Basic ${Buffer.from(`${DEMO_ACCOUNT_SID}:${DEMO_AUTH_TOKEN}`).toString('base64')}`,
          },
        });
        expect(response.status).toBe(status);
        expect(standIn.requests.map((r) => r.violation)).toEqual([violation]);
      } finally {
        await standIn.close();
      }
    },
  );
});
