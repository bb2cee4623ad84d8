/**
 * `npm run deploy -- --subaccount`: the plan and what the child twilio-run receives,
 * with a stub in place of twilio-run (no Twilio account, no upload), against the
 * sandbox tree for the token lookups. The real twilio-run's own credential reading is
 * run on what the child receives, to prove it picks the subaccount's credentials up.
 */
import { createHash } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getCredentialsFromFlags } from 'twilio-run/dist/config/utils/credentials';
import { readLocalEnvFile } from 'twilio-run/dist/config/utils/env';
import { runDeployCli } from '../../../tools/deploy/cli';
import { subaccountEnvFile } from '../../../tools/deploy/subaccount-env';
import { startApiStandIn, type RunningApiStandIn } from '../../../tools/sandbox/api-stand-in';
import { DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN } from '../../../tools/sandbox/demo-account';
import { ACME_DOMAIN, demoTree, TREE_ACCOUNTS } from '../../../tools/sandbox/demo-tree';
import { makeTempDir, removeTempDir } from '../../support/temp-dir';

const { acme: ACME, bistro: BISTRO, deli: DELI } = TREE_ACCOUNTS;
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** Prints what it was given: argv, the credentials' SID, a hash of the token, the env file. */
const STUB = `
const { readFileSync } = require('node:fs');
const { createHash } = require('node:crypto');
const argv = process.argv.slice(2);
const envFile = argv[argv.indexOf('--env') + 1];
console.log('STUB ' + JSON.stringify({
  argv,
  accountSid: process.env.ACCOUNT_SID,
  tokenSha: createHash('sha256').update(process.env.AUTH_TOKEN || '').digest('hex'),
  twilioVariables: Object.keys(process.env).filter((k) => k.startsWith('TWILIO_')),
  envFile: readFileSync(envFile, 'utf8'),
}));
`;

interface StubSaw {
  argv: string[];
  accountSid: string;
  tokenSha: string;
  twilioVariables: string[];
  envFile: string;
}

let standIn: RunningApiStandIn;
let dir: string;
beforeEach(async () => {
  standIn = await startApiStandIn({ accounts: demoTree() });
  dir = makeTempDir('deploy-test');
  writeFileSync(join(dir, 'stub.js'), STUB);
  writeFileSync(
    join(dir, '.env'),
    `ACCOUNT_SID=${DEMO_ACCOUNT_SID}\nAUTH_TOKEN=${DEMO_AUTH_TOKEN}\nALERT_WEBHOOK_URL=https://alerts.example.com/hook\n`,
  );
});
afterEach(async () => {
  await standIn.close();
  removeTempDir(dir);
});

async function deploy(argv: readonly string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runDeployCli(argv, {
    stdout: (text) => (stdout += `${text}\n`),
    stderr: (text) => (stderr += `${text}\n`),
    env: { TWILIO_API_BASE_URL: standIn.baseUrl, PATH: process.env.PATH },
    cwd: dir,
    twilioRunCommand: [process.execPath, join(dir, 'stub.js')],
  });
  const saw = [...stdout.matchAll(/^STUB (.*)$/gm)].map((m) => JSON.parse(m[1]!) as StubSaw);
  return { code, stdout, stderr, saw };
}

describe('npm run deploy -- --subaccount', () => {
  it('runs twilio-run deploy once per subaccount, in order, with its credentials in the environment only', async () => {
    const run = await deploy(['--subaccount', `${ACME.sid},${BISTRO.sid}`, '--environment', 'dev']);
    expect(run.code).toBe(0);
    expect(run.saw.map((s) => [s.accountSid, s.tokenSha])).toEqual([
      [ACME.sid, sha(ACME.token)],
      [BISTRO.sid, sha(BISTRO.token)],
    ]);
    for (const saw of run.saw) {
      expect(saw.argv.slice(0, 1)).toEqual(['deploy']);
      expect(saw.argv).toContain('--load-system-env');
      expect(saw.argv.slice(-2)).toEqual(['--environment', 'dev']);
      for (const token of [ACME.token, BISTRO.token, DEMO_AUTH_TOKEN])
        expect(saw.argv.join(' ')).not.toContain(token);
      // The env file names the credentials empty and keeps the project's other variables.
      expect(saw.envFile).toBe(
        'ACCOUNT_SID=\nAUTH_TOKEN=\nALERT_WEBHOOK_URL=https://alerts.example.com/hook\n',
      );
      expect(saw.twilioVariables).toEqual([]);
    }
    // Each domain is printed (Bistro's stand-in has no Service: the stub uploaded nothing).
    expect(run.stdout).toContain(`${ACME.sid}: deployed: https://${ACME_DOMAIN}`);
    expect(run.stdout).toContain(`${BISTRO.sid}: deployed (no "twilio-fallback-guard" Service`);
    // The env file is gone, and no token reached any output.
    const envFile = run.saw[0]!.argv[run.saw[0]!.argv.indexOf('--env') + 1]!;
    expect(existsSync(envFile)).toBe(false);
    for (const token of [ACME.token, BISTRO.token, DEMO_AUTH_TOKEN]) {
      expect(run.stdout + run.stderr).not.toContain(token);
    }
    // Tokens were fetched with the parent's credentials.
    expect(
      standIn.requests
        .filter((r) => r.operation === '/2010-04-01/Accounts/{Sid}.json')
        .map((r) => r.authSid),
    ).toEqual([DEMO_ACCOUNT_SID, DEMO_ACCOUNT_SID]);
  });

  it('skips an account that is closed or not a subaccount, deploys the rest, exits 1', async () => {
    const run = await deploy(['--subaccount', `${DELI.sid},${ACME.sid},${DEMO_ACCOUNT_SID}`]);
    expect(run.saw.map((s) => s.accountSid)).toEqual([ACME.sid]);
    expect(run.stderr).toContain(`${DELI.sid}: not deployed: ${DELI.sid} is closed`);
    expect(run.stderr).toContain(`${DEMO_ACCOUNT_SID} is not a subaccount`);
    expect(run.code).toBe(1);
  });

  it.each([
    [['--subaccount', 'AC123'], '--subaccount "AC123" is not an Account SID'],
    [['--subaccount'], '--subaccount needs an Account SID'],
    [
      ['--subaccount', ACME.sid, '--password', 'x'],
      '--password puts a credential on the command line',
    ],
  ])('refuses %j before any request (exit 2)', async (argv, message) => {
    const run = await deploy(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.saw).toEqual([]);
    expect(standIn.requests).toEqual([]);
  });
});

describe('twilio-run 5.0.1 reads what the child is given', () => {
  it('takes ACCOUNT_SID/AUTH_TOKEN from the environment when the --env file names them empty', async () => {
    const envPath = join(dir, 'child.env');
    writeFileSync(
      envPath,
      subaccountEnvFile(`ACCOUNT_SID=${DEMO_ACCOUNT_SID}\nAUTH_TOKEN=x\nA=1\n`),
    );
    const saved = { sid: process.env.ACCOUNT_SID, token: process.env.AUTH_TOKEN };
    process.env.ACCOUNT_SID = ACME.sid;
    process.env.AUTH_TOKEN = ACME.token;
    try {
      const { localEnv } = await readLocalEnvFile({
        cwd: dir,
        env: envPath,
        loadSystemEnv: true,
      } as Parameters<typeof readLocalEnvFile>[0]);
      const credentials = await getCredentialsFromFlags({} as never, localEnv, undefined);
      expect(credentials).toEqual({ username: ACME.sid, password: ACME.token });
      expect(localEnv.A).toBe('1');
    } finally {
      for (const [key, value] of [
        ['ACCOUNT_SID', saved.sid],
        ['AUTH_TOKEN', saved.token],
      ] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});
