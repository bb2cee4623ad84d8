/**
 * `npm run deploy`, rehearsed offline: the real `twilio-run deploy` (what the script
 * runs after `npm run build`) against loopback stand-ins of serverless.twilio.com and
 * serverless-upload.twilio.com (tests/support/serverless-deploy-stand-in.ts), from a
 * copy of the project (a deploy writes .twilio-functions into the folder it runs in).
 * What reached "Twilio" is asserted, not just the exit code.
 */
import { spawn } from 'node:child_process';
import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../support/dev-server';
import {
  startServerlessStandIn,
  type RunningServerlessStandIn,
} from '../support/serverless-deploy-stand-in';
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from '../support/twilio-api-stand-in';
import { makeTempDir, removeTempDir } from '../support/temp-dir';

/** Longest the deploy may take here (it takes a few seconds); then it is killed. */
const DEPLOY_LIMIT_MS = 90_000;

/** The project's .env for the rehearsal: credentials, and settings to upload. */
const SETTINGS = {
  GREETING_MESSAGE: 'Thanks for calling the rehearsal.',
  FORWARD_TO: '+14155550111',
  RECOVERY_MODE: 'voicemail',
};

function copyProject(): string {
  const dir = makeTempDir('deploy-rehearsal');
  cpSync(PROJECT_ROOT, dir, {
    recursive: true,
    filter: (source) => {
      const path = relative(PROJECT_ROOT, source);
      return !/^(node_modules|\.git|\.env)$/.test(path) && !path.startsWith('.twilio-functions');
    },
  });
  // twilio-run resolves itself and the project's packages from here.
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(
    join(dir, '.env'),
    [
      `ACCOUNT_SID=${TEST_ACCOUNT_SID}`,
      `AUTH_TOKEN=${TEST_AUTH_TOKEN}`,
      ...Object.entries(SETTINGS).map(([key, value]) => `${key}=${value}`),
    ].join('\n'),
  );
  return dir;
}

interface Deployer {
  readonly name: string;
  readonly command: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

/**
 * `npm run deploy` runs twilio-run. The twilio CLI's `serverless:deploy` (plugin-serverless)
 * is rehearsed the same way when TWILIO_CLI names an installed `twilio` binary whose
 * serverless plugin is installed under TWILIO_CLI_HOME (default: HOME): installing them
 * takes ~175 MB and the npm registry, which the test suite does not use (README).
 */
const DEPLOYERS: readonly Deployer[] = [
  {
    name: 'twilio-run deploy',
    command: [process.execPath, require.resolve('twilio-run/bin/twilio-run.js'), 'deploy'],
    env: {},
  },
  ...(process.env.TWILIO_CLI
    ? [
        {
          name: 'twilio serverless:deploy',
          command: [process.env.TWILIO_CLI, 'serverless:deploy'],
          env: {
            // The CLI's credentials: its environment variables instead of a profile.
            TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
            TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
            HOME: process.env.TWILIO_CLI_HOME ?? process.env.HOME ?? '',
          },
        },
      ]
    : []),
];

function runDeploy(
  deployer: Deployer,
  standIn: RunningServerlessStandIn,
  cwd: string,
): Promise<{ code: number | null; output: string }> {
  const [file = '', ...args] = deployer.command;
  return new Promise((resolveRun, reject) => {
    const child = spawn(file, args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: cwd,
        HTTP_PROXY: standIn.proxyUrl,
        NODE_EXTRA_CA_CERTS: standIn.caFile,
        NO_UPDATE_NOTIFIER: '1',
        TWILIO_CLI_DISABLE_UPDATE_NOTIFICATION: '1',
        CI: 'true',
        FORCE_COLOR: '0',
        ...deployer.env,
      },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${deployer.name} ran past ${DEPLOY_LIMIT_MS} ms:\n${output}`));
    }, DEPLOY_LIMIT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolveRun({ code, output });
    });
  });
}

describe.each(DEPLOYERS)('$name against the Serverless API stand-ins', (deployer) => {
  let standIn: RunningServerlessStandIn;
  let projectCopy: string | undefined;
  let deploy: { code: number | null; output: string };

  beforeAll(async () => {
    standIn = await startServerlessStandIn();
    projectCopy = copyProject();
    deploy = await runDeploy(deployer, standIn, projectCopy);
  }, DEPLOY_LIMIT_MS + 30_000);

  afterAll(async () => {
    await standIn?.close();
    if (projectCopy) removeTempDir(projectCopy);
  });

  it('exits 0 and prints the domain the environment was given', () => {
    expect([deploy.code, deploy.output]).toEqual([0, expect.stringContaining('twil.io')]);
    const environment = standIn.calls.find(
      (call) => call.method === 'POST' && /\/Environments$/.test(call.path),
    );
    expect(environment).toBeDefined();
    // Prism answers with the spec's example environment; the deploy must print its domain.
    expect(deploy.output).toContain('foobar-1234-stage.twil.io');
  });

  it('kept every call inside Twilio’s contract and on the two Serverless hosts', () => {
    expect(standIn.calls.filter((call) => call.status === 422)).toEqual([]);
    expect(standIn.prismOutput()).not.toContain('did not pass the validation rules');
    expect(standIn.refusedTargets).toEqual([]);
  });

  it('uploads exactly /primary, /fallback and /events (protected), /error.xml and /error-sms.xml (public)', () => {
    const plan = standIn.uploads
      .map(({ kind, path, visibility }) => ({ kind, path, visibility }))
      .sort((a, b) => a.path.localeCompare(b.path));
    expect(plan).toEqual([
      { kind: 'Assets', path: '/error-sms.xml', visibility: 'public' },
      { kind: 'Assets', path: '/error.xml', visibility: 'public' },
      { kind: 'Functions', path: '/events', visibility: 'protected' },
      { kind: 'Functions', path: '/fallback', visibility: 'protected' },
      { kind: 'Functions', path: '/primary', visibility: 'protected' },
    ]);
  });

  it('uploads the built bundles and the asset byte for byte, nothing from tests, tools or sources', () => {
    const byPath = new Map(standIn.uploads.map((upload) => [upload.path, upload.content]));
    expect(byPath.get('/primary')).toBe(
      readFileSync(join(PROJECT_ROOT, 'dist/functions/primary.protected.js'), 'utf8'),
    );
    expect(byPath.get('/fallback')).toBe(
      readFileSync(join(PROJECT_ROOT, 'dist/functions/fallback.protected.js'), 'utf8'),
    );
    expect(byPath.get('/error.xml')).toBe(
      readFileSync(join(PROJECT_ROOT, 'assets/error.xml'), 'utf8'),
    );
    expect(byPath.get('/error-sms.xml')).toBe(
      readFileSync(join(PROJECT_ROOT, 'assets/error-sms.xml'), 'utf8'),
    );
  });

  it('builds on node22 with the two uploaded Function versions and the asset version', () => {
    const build = standIn.calls.find(
      (call) => call.method === 'POST' && /\/Builds$/.test(call.path),
    );
    const values = (key: string) =>
      (build?.form ?? []).filter(([name]) => name === key).map(([, value]) => value);
    expect(values('Runtime')).toEqual(['node22']);
    const versionsOf = (kind: string) =>
      standIn.uploads.filter((upload) => upload.kind === kind).map((upload) => upload.sid);
    expect(values('FunctionVersions').sort()).toEqual(versionsOf('Functions').sort());
    expect(values('AssetVersions').sort()).toEqual(versionsOf('Assets').sort());
    // Only the runtime dependencies are installed on Twilio (package.json "dependencies").
    // twilio-run sends the JSON list wrapped in one more pair of quotes.
    const raw = values('Dependencies')[0] ?? '';
    expect(raw).toMatch(/^"\[.*\]"$/);
    const dependencies = JSON.parse(raw.slice(1, -1)) as { name: string }[];
    expect(dependencies.map((dependency) => dependency.name).sort()).toEqual([
      '@twilio/runtime-handler',
      'twilio',
    ]);
  });

  it('sets the .env values as environment variables, and not the deploy credentials', () => {
    const variables = standIn.calls
      .filter((call) => call.method === 'POST' && /\/Variables$/.test(call.path))
      .map((call) => Object.fromEntries(call.form))
      .map(({ Key, Value }) => [Key, Value] as const)
      .sort(([a = ''], [b = '']) => a.localeCompare(b));
    expect(variables).toEqual(Object.entries(SETTINGS).sort(([a], [b]) => a.localeCompare(b)));
    expect(JSON.stringify(standIn.calls)).not.toContain(TEST_AUTH_TOKEN);
  });

  it('activates the build in the environment', () => {
    expect(
      standIn.calls.some((call) => call.method === 'POST' && /\/Deployments$/.test(call.path)),
    ).toBe(true);
  });
});
