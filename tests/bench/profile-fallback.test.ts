/**
 * `bench/profile-fallback.ts` end to end: the real script through tsx, a real CPU
 * profile of the bench server (bounded: a few hundred requests), and its usage errors.
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { PROJECT_ROOT } from '../support/dev-server';

interface Spawned {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runProfiler(args: readonly string[], timeoutMs: number): Promise<Spawned> {
  return new Promise((resolveRun) => {
    execFile(
      process.execPath,
      [require.resolve('tsx/cli'), 'bench/profile-fallback.ts', ...args],
      { cwd: PROJECT_ROOT, timeout: timeoutMs, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolveRun({ code, stdout, stderr });
      },
    );
  });
}

const profileDirs = () =>
  readdirSync(tmpdir()).filter((name) => name.startsWith('fallback-guard-profile-'));

it('profiles the bare Function: its frame and twilio’s TwiML classes, and leaves no profile behind', async () => {
  const before = profileDirs();
  const { code, stdout, stderr } = await runProfiler(
    ['--path', '/bare', '--requests', '300'],
    90000,
  );
  expect(stderr).toBe('');
  expect(code).toBe(0);
  expect(stdout).toMatch(/^\/bare: 800 requests \(warm-up included\), \d+ ms sampled/);
  expect(stdout).toContain('Top self time:');
  expect(stdout).toMatch(/ms +[\d.]+ µs\/req +[\d.]+ % {2}\S+ dist\/bench-functions\/bare\.js:/);
  expect(stdout).toMatch(/ VoiceResponse twilio\/lib\/twiml\/VoiceResponse\.js:/);
  expect(profileDirs()).toEqual(before);
}, 100000);

it.each([
  [['--requests', '0'], /argument '0' is invalid\. "0" is not a whole number from 1 to 100000/],
  [['--path', 'fallback'], /argument 'fallback' is invalid\. "fallback" is not a path/],
])('refuses %j in one line, exit 2, without starting a server', async (args, message) => {
  const { code, stdout, stderr } = await runProfiler(args, 30000);
  expect(code).toBe(2);
  expect(stdout).toBe('');
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).toMatch(message);
});
