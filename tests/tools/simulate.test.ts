/**
 * The `npm run simulate` command: usage errors (exit 2, nothing requested) in-process,
 * then the real entry point spawned through tsx for exit codes 0, 1 and 2.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateRequest } from 'twilio/lib/webhooks/webhooks';
import { runSimulateCommand } from '../../tools/emulator/simulate-command';
import { LOCAL_TEST_AUTH_TOKEN } from '../../tools/emulator/webhook-params';
import { PROJECT_ROOT } from '../support/dev-server';
import { makeTempDir } from '../support/temp-dir';
import {
  refusedUrl,
  startMisbehavingServer,
  type TestServer,
} from './emulator/misbehaving-servers';

let server: TestServer;
let okUrl: string;

beforeAll(async () => {
  server = await startMisbehavingServer();
  okUrl = `${server.baseUrl}/twiml/voice`;
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

async function runInProcess(
  args: string[],
  env: Record<string, string> = {},
  cwd: string = emptyProjectDir(),
) {
  let stdout = '';
  let stderr = '';
  const exitCode = await runSimulateCommand(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env,
    cwd,
  });
  return { exitCode, stdout, stderr };
}

/** A fresh project folder (removed after the test), with a `.env` holding `dotEnv` when given. */
function emptyProjectDir(dotEnv?: string): string {
  const dir = makeTempDir('simulate-cli');
  if (dotEnv !== undefined) writeFileSync(join(dir, '.env'), dotEnv);
  return dir;
}

/** Whether the first request the server received is signed with `token`. */
function firstRequestSignedWith(token: string): boolean {
  const [request] = server.requests;
  const signature = String(request?.headers['x-twilio-signature']);
  return validateRequest(token, signature, okUrl, request?.params ?? {});
}

describe('usage errors exit 2, name the problem, and request nothing', () => {
  it.each([
    ['no --url', () => [], "required option '--url <url>'"],
    ['a --url that is not a URL', () => ['--url', 'example.com/voice'], "'--url <url>' argument"],
    ['an ftp --url', () => ['--url', 'ftp://example.com/voice'], "'--url <url>' argument"],
    [
      'a bad --fallback-url',
      () => ['--url', okUrl, '--fallback-url', '/fallback'],
      "'--fallback-url <url>'",
    ],
    [
      '--method PUT',
      () => ['--url', okUrl, '--method', 'PUT'],
      "'--method <method>' argument 'PUT'",
    ],
    [
      '--fallback-method DELETE',
      () => ['--url', okUrl, '--fallback-method', 'DELETE'],
      "'--fallback-method <method>'",
    ],
    ['--kind fax', () => ['--url', okUrl, '--kind', 'fax'], "'--kind <kind>' argument 'fax'"],
    [
      '--digits with letters',
      () => ['--url', okUrl, '--digits', '12a'],
      "'--digits <keys>' argument '12a'",
    ],
    [
      '--digits for a message',
      () => ['--url', okUrl, '--kind', 'sms', '--digits', '1'],
      "'--digits <keys>' applies to --kind voice",
    ],
    [
      '--body for a call',
      () => ['--url', okUrl, '--body', 'hi'],
      "'--body <text>' applies to --kind sms",
    ],
    ['--param without =', () => ['--url', okUrl, '--param', 'ErrorCode'], "'--param <name=value>'"],
    [
      '--max-redirects not a number',
      () => ['--url', okUrl, '--max-redirects', 'many'],
      "'--max-redirects <n>'",
    ],
    ['an empty --from', () => ['--url', okUrl, '--from', ' '], "'--from <number>'"],
    ['an unknown option', () => ['--url', okUrl, '--timeout', '5'], "unknown option '--timeout'"],
    ['a stray argument', () => ['--url', okUrl, 'voice'], 'too many arguments'],
    ['an empty --auth-token', () => ['--url', okUrl, '--auth-token', ''], "'--auth-token <token>'"],
    ['a blank --auth-token', () => ['--url', okUrl, '--auth-token', ' '], "'--auth-token <token>'"],
  ])('%s', async (_name, args, message) => {
    const result = await runInProcess(args());
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
    expect(server.requests).toHaveLength(0);
  });

  it('--help exits 0 and explains the exit codes', async () => {
    const result = await runInProcess(['--help']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('--fallback-url <url>');
    expect(result.stdout).toContain('Exit codes: 0');
  });
});

it('--param adds request parameters, e.g. to probe a fallback directly', async () => {
  const result = await runInProcess([
    '--url',
    okUrl,
    '--param',
    'ErrorCode=11200',
    '--param',
    `ErrorUrl=https://app.test/voice`,
    '--json',
  ]);
  expect(result.exitCode).toBe(0);
  expect(server.requests[0]?.params).toMatchObject({
    ErrorCode: '11200',
    ErrorUrl: 'https://app.test/voice',
  });
});

describe('what simulate prints', () => {
  it.each([
    ['the table and ErrorUrl line', []],
    ['--json', ['--json']],
  ])('%s: no URL credentials or query values', async (_name, extra) => {
    const primary = `${server.baseUrl.replace('http://', 'http://admin:hunter2@')}/status/500?token=s3cr3tvalue`;
    const fallback = `${okUrl}?key=fallbacksecret#ct=1000`;
    const result = await runInProcess(['--url', primary, '--fallback-url', fallback, ...extra]);
    expect(result.exitCode).toBe(0);
    expect(server.requests.map((request) => request.path)).toEqual([
      '/status/500?token=s3cr3tvalue',
      '/twiml/voice?key=fallbacksecret',
    ]);
    // The fallback was told the real failing URL; only the printout is redacted.
    expect(server.requests[1]?.params.ErrorUrl).toContain('token=s3cr3tvalue');
    expect(result.stdout).not.toMatch(/hunter2|s3cr3tvalue|fallbacksecret/);
    expect(result.stdout).toContain('token=REDACTED');
  });

  it('escapes terminal control characters that came from the network', async () => {
    const result = await runInProcess(['--url', `${server.baseUrl}/twiml/terminal-escapes`]);
    expect(result.exitCode).toBe(0);
    // eslint-disable-next-line no-control-regex -- asserting their absence is the point
    expect(result.stdout).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202E]/);
    expect(result.stdout).toContain('Hi\\u009B2J\\u202Egnp.exe');
  });

  it('--json stays valid JSON with the escapes, and means the same text', async () => {
    const result = await runInProcess([
      '--url',
      `${server.baseUrl}/twiml/terminal-escapes`,
      '--json',
    ]);
    const report = JSON.parse(result.stdout) as { twiml: string };
    expect(report.twiml).toContain('Hi\u009B2J\u202Egnp.exe');
  });
});

describe('the signing token', () => {
  it.each([
    [
      '--auth-token',
      ['--auth-token', 'from-option'],
      { AUTH_TOKEN: 'from-env' },
      '',
      'from-option',
    ],
    ['AUTH_TOKEN from the environment', [], { AUTH_TOKEN: 'from-env' }, '', 'from-env'],
    [
      'TWILIO_AUTH_TOKEN from the environment',
      [],
      { TWILIO_AUTH_TOKEN: 'from-env' },
      '',
      'from-env',
    ],
    ['AUTH_TOKEN from .env', [], {}, 'AUTH_TOKEN=from-dotenv\n', 'from-dotenv'],
    ['the environment over .env', [], { AUTH_TOKEN: 'from-env' }, 'AUTH_TOKEN=x\n', 'from-env'],
    ['the local test token when none is given', [], {}, '', LOCAL_TEST_AUTH_TOKEN],
  ])('%s', async (_name, args, env: Record<string, string>, dotEnv, token) => {
    const result = await runInProcess(
      ['--url', okUrl, '--json', ...args],
      env,
      emptyProjectDir(dotEnv),
    );
    expect(result.exitCode).toBe(0);
    expect(firstRequestSignedWith(token)).toBe(true);
  });

  it('ignores the real process environment when an environment is injected', async () => {
    const saved = process.env.TWILIO_AUTH_TOKEN;
    process.env.TWILIO_AUTH_TOKEN = 'from-process-env';
    try {
      const result = await runInProcess(['--url', okUrl, '--json']);
      expect(result.exitCode).toBe(0);
      expect(firstRequestSignedWith(LOCAL_TEST_AUTH_TOKEN)).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.TWILIO_AUTH_TOKEN;
      else process.env.TWILIO_AUTH_TOKEN = saved;
    }
  });
});

interface Spawned {
  code: number | null;
  stdout: string;
  stderr: string;
}

function spawnCli(args: string[], env: Record<string, string> = {}): Promise<Spawned> {
  // A token in the developer's shell must not change what the test signs with.
  const inherited = { ...process.env };
  delete inherited.TWILIO_AUTH_TOKEN;
  delete inherited.AUTH_TOKEN;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [require.resolve('tsx/cli'), 'tools/simulate.ts', ...args],
      {
        cwd: PROJECT_ROOT,
        env: { ...inherited, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill(), 20000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('the caller’s wait', () => {
  it('shows how long the caller waited for the fallback, and the fragment’s worst case', async () => {
    const result = await runInProcess([
      '--url',
      `${server.baseUrl}/status/500#ct=1000&rt=1500&tt=2500`,
      '--fallback-url',
      okUrl,
    ]);
    expect(result.exitCode).toBe(0);
    const waited =
      /^Caller waited (\d+) ms before the fallback answered \(the fallback was requested at (\d+) ms\)\.$/m.exec(
        result.stdout,
      );
    expect(waited).not.toBeNull();
    expect(Number(waited?.[1])).toBeGreaterThanOrEqual(Number(waited?.[2]));
    expect(result.stdout).toContain(
      "Worst case if the primary hangs, with ct=1000&rt=1500&tt=2500: 2500 ms before Twilio requests the fallback (Twilio's defaults: 15000 ms).",
    );
  });

  it('a healthy primary: no fallback wait, the defaults’ worst case', async () => {
    const result = await runInProcess(['--url', okUrl]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).not.toContain('Caller waited');
    expect(result.stdout).toContain(
      "Worst case if the primary hangs, with ct=5000&rt=15000&tt=15000: 15000 ms before Twilio requests the fallback (Twilio's defaults: 15000 ms).",
    );
  });
});

describe('the command, spawned', () => {
  it('exits 0 and prints the timeline when the caller gets valid TwiML', async () => {
    const result = await spawnCli(['--url', okUrl, '--from', '+14155550123']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Simulated inbound call CA[0-9a-f]{32}$/m);
    expect(result.stdout).toContain(`${server.baseUrl}/twiml/voice`);
    expect(result.stdout).toContain('No error: the fallback was not needed.');
    expect(result.stdout).toMatch(/Caller gets the primary’s TwiML after \d+ ms: Say, Hangup/);
  });

  it('exits 1 with --json when the fallback is down too (stock error)', async () => {
    const fallback = await refusedUrl('/fallback');
    const result = await spawnCli([
      '--url',
      `${server.baseUrl}/status/500`,
      '--fallback-url',
      fallback,
      '--json',
    ]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      kind: 'voice',
      errorCode: 11200,
      errorUrl: `${server.baseUrl}/status/500`,
      twiml: null,
      verbs: [],
      callerGets: 'stock-error',
      attempts: [
        { url: `${server.baseUrl}/status/500`, method: 'POST', status: 500, errorCode: 11200 },
        { url: fallback, method: 'POST', status: null, errorCode: 11205 },
      ],
    });
    expect(typeof report.totalMs).toBe('number');
  });

  it('exits 2 on a bad option, naming it', async () => {
    const result = await spawnCli(['--url', okUrl, '--method', 'PATCH']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("option '--method <method>' argument 'PATCH' is invalid");
    expect(server.requests).toHaveLength(0);
  });

  it('signs with TWILIO_AUTH_TOKEN from the environment', async () => {
    const result = await spawnCli(['--url', okUrl, '--json'], {
      TWILIO_AUTH_TOKEN: 'token-from-env',
    });
    expect(result.code).toBe(0);
    expect(firstRequestSignedWith('token-from-env')).toBe(true);
  });
});
