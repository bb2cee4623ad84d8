/**
 * Every tool ends, on every path: the real command lines, spawned through tsx, with a
 * bounded wait. A tool still running when the wait is over is killed and the test
 * fails on it.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { listenOnLoopback, type LoopbackServer } from '../../../tools/emulator/loopback-servers';
import { PROJECT_ROOT } from '../../support/dev-server';
import { makeTempDir, removeTempDir } from '../../support/temp-dir';

const CREDENTIALS = { ACCOUNT_SID: `AC${'0'.repeat(32)}`, AUTH_TOKEN: 'test-auth-token' };
/** twilio-node's request timeout is 30 s; the wait leaves room for it and tsx's start. */
const BOUNDED_WAIT_MS = 60000;

interface Ended {
  /** Null when the test had to kill it: the tool did not end by itself. */
  readonly code: number | null;
  readonly endedByItself: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

function runTool(
  tool: 'configure' | 'probe' | 'simulate',
  args: string[],
  env: Record<string, string>,
  cwd: string,
): Promise<Ended> {
  const inherited = { ...process.env };
  for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'TWILIO_CA_BUNDLE', 'AUTH_TOKEN', 'ACCOUNT_SID'])
    delete inherited[name];
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [require.resolve('tsx/cli'), join(PROJECT_ROOT, 'tools', `${tool}.ts`), ...args],
      { cwd, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, BOUNDED_WAIT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, endedByItself: !killed, stdout, stderr });
    });
  });
}

/** The two tools that call the Twilio API, run side by side on the same number. */
function configureAndProbeNumber(env: Record<string, string>): Promise<Ended[]> {
  return Promise.all([
    runTool('configure', ['--number', '+14155550100', '--domain', 'a-1234-dev.twil.io'], env, cwd),
    runTool('probe', ['--number', '+14155550100'], env, cwd),
  ]);
}

let cwd: string;
let hanging: LoopbackServer;
const held: Socket[] = [];

beforeAll(async () => {
  // Accepts every connection and never answers: a proxy (or API) that hangs.
  const server: Server = createServer((socket) => {
    held.push(socket);
    socket.on('error', () => undefined);
  });
  hanging = await listenOnLoopback(server);
});
afterAll(async () => {
  for (const socket of held) socket.destroy();
  await hanging.close();
});
beforeEach(() => {
  cwd = makeTempDir('process-end');
});
afterEach(() => removeTempDir(cwd));

describe('a Twilio API that never answers', () => {
  it(
    'configure and probe --number print the timeout, exit 1 and end',
    async () => {
      const env = { ...CREDENTIALS, HTTP_PROXY: hanging.baseUrl };
      const runs = await configureAndProbeNumber(env);
      expect(runs).toHaveLength(2);
      for (const run of runs) {
        expect(run.endedByItself).toBe(true);
        expect(run.code).toBe(1);
        expect(run.stderr.trim()).toBe(
          'error: could not reach the Twilio API while looking up +14155550100: timeout of 15000ms exceeded',
        );
      }
    },
    BOUNDED_WAIT_MS + 10000,
  );
});

describe('a bad client environment is one line naming the variable', () => {
  it.each<[string, Record<string, string>, string]>([
    [
      'a TWILIO_CA_BUNDLE that does not exist',
      { TWILIO_CA_BUNDLE: '/nonexistent/ca.pem' },
      'error: TWILIO_CA_BUNDLE "/nonexistent/ca.pem" cannot be read (ENOENT): set it to a PEM file of CA certificates, or unset it',
    ],
    [
      'a TWILIO_CA_BUNDLE that is not PEM',
      { TWILIO_CA_BUNDLE: 'not-pem.txt' },
      'error: TWILIO_CA_BUNDLE "not-pem.txt" holds no PEM certificate (-----BEGIN CERTIFICATE-----): set it to a PEM file of CA certificates, or unset it',
    ],
    [
      'an HTTP_PROXY that is not a URL',
      { HTTP_PROXY: 'not a url' },
      'error: HTTP_PROXY "not a url" is not a proxy URL such as http://proxy.example.com:3128: fix it or unset it',
    ],
    [
      'an HTTP_PROXY with a secret',
      { HTTP_PROXY: 'socks://user:hunter2@proxy.example.com' },
      'error: HTTP_PROXY "socks://REDACTED@proxy.example.com" is not a proxy URL such as http://proxy.example.com:3128: fix it or unset it',
    ],
  ])(
    '%s',
    async (_name, bad, line) => {
      writeFileSync(join(cwd, 'not-pem.txt'), 'hello\n');
      const env = { ...CREDENTIALS, ...bad };
      const runs = await configureAndProbeNumber(env);
      for (const run of runs) {
        expect(run.endedByItself).toBe(true);
        expect(run.code).toBe(1);
        expect(run.stderr).toBe(`${line}\n`);
        expect(run.stdout).toBe('');
      }
    },
    30000,
  );
});
