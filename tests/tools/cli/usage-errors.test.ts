/**
 * Usage errors of every tool, in-process (nothing is requested): one line naming the
 * bad argument, exit 2, and never a secret or an unbounded echo of what was typed.
 */

import { MAX_ECHOED_ARGUMENT } from '../../../tools/cli/safe-output';
import { runConfigureCli } from '../../../tools/configure/cli';
import { runSimulateCommand } from '../../../tools/emulator/simulate-command';
import { runProbeCli } from '../../../tools/probe/cli';
import { makeTempDir, removeTempDir } from '../../support/temp-dir';

const TOOLS = { configure: runConfigureCli, probe: runProbeCli, simulate: runSimulateCommand };
type Tool = keyof typeof TOOLS;

let cwd: string;
beforeEach(() => {
  cwd = makeTempDir('usage-errors');
});
afterEach(() => removeTempDir(cwd));

async function run(tool: Tool, argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await TOOLS[tool](argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: {},
    cwd,
  });
  return { code, stdout, stderr };
}

const SECRET_URL = 'https://admin:hunter2@app.example.com/voice?token=s3cr3tvalue';
const LONG = 'x'.repeat(5000);

describe('a rejected URL is quoted without its secrets', () => {
  it.each<[Tool, string[], string]>([
    ['simulate', ['--url', SECRET_URL.replace('https', 'ftp')], "'--url <url>' argument"],
    [
      'simulate',
      ['--url', 'https://ok.example.com/', '--fallback-url', SECRET_URL.replace('https:', 'ftp:')],
      "'--fallback-url <url>' argument",
    ],
    ['probe', ['--base-url', `${SECRET_URL}#frag`], '--base-url "https://REDACTED:REDACTED@'],
    ['probe', ['--domain', 'admin:hunter2@app.example.com'], 'invalid domain "REDACTED@'],
    [
      'configure',
      ['--number', '+14155550100', '--status-callback', SECRET_URL.replace('https', 'ftp')],
      '--status-callback "ftp://REDACTED@',
    ],
  ])('%s %j', async (tool, argv, named) => {
    const result = await run(tool, argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(named);
    expect(result.stderr).not.toMatch(/hunter2|s3cr3tvalue/);
  });
});

describe('an echoed argument is cut to a sane length', () => {
  it.each<[string, Tool, string[]]>([
    ['simulate --method', 'simulate', ['--url', 'https://ok.example.com/', '--method', LONG]],
    ['probe --number', 'probe', ['--number', LONG]],
    ['configure --domain', 'configure', ['--number', '+14155550100', '--domain', LONG]],
  ])('%s', async (_name, tool, argv) => {
    const result = await run(tool, argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${'x'.repeat(MAX_ECHOED_ARGUMENT)}… (5000 characters)`);
    expect(result.stderr.length).toBeLessThan(MAX_ECHOED_ARGUMENT + 400);
  });
});

describe('unknown, repeated and contradictory options', () => {
  it.each<[Tool, string[], string]>([
    // commander would report the missing --url first and hide the typo.
    ['simulate', ['--x'], "error: unknown option '--x'"],
    ['simulate', ['--urll', 'https://ok.example.com/'], "error: unknown option '--urll'"],
    ['probe', ['--domain', 'a.twil.io', '--x=1'], "error: unknown option '--x=1'"],
    [
      'simulate',
      ['--url', 'https://a.example.com/', '--url', 'https://b.example.com/'],
      "option '--url <url>' is given more than once",
    ],
    [
      'probe',
      ['--base-url', 'http://127.0.0.1:1', '--base-url=http://127.0.0.1:2'],
      "option '--base-url <url>' is given more than once",
    ],
    [
      'configure',
      ['--number', '+14155550100', '--number', '+14155550111'],
      "option '--number <number>' is given more than once",
    ],
    [
      'configure',
      ['--number', '+14155550100', '--fast-failover', '--no-fast-failover'],
      "option '--fast-failover' and '--no-fast-failover' contradict each other",
    ],
    [
      'configure',
      ['--number', '+14155550100', '--fast-failover', 'auto', '--no-fast-failover'],
      "option '--fast-failover' and '--no-fast-failover' contradict each other",
    ],
    [
      'configure',
      ['--number', '+14155550100', '--fast-failover', 'auto', '--fast-failover'],
      "option '--fast-failover [auto]' is given more than once",
    ],
    [
      'configure',
      ['--number', '+14155550100', '--fast-failover', 'fast'],
      '--fast-failover "fast": the only value it takes is auto',
    ],
    [
      'configure',
      ['--number', '+14155550100', '--fast-failover', '--samples', '30'],
      '--samples sizes the measurement of --fast-failover auto: add it',
    ],
    [
      'configure',
      ['--number', '+14155550100', '--fast-failover', '--connect-timeout', '-5'],
      '--connect-timeout "-5" is out of range: Twilio accepts ct from 100 to 10000 ms',
    ],
    [
      'configure',
      ['--number', '+14155550100', '--fast-failover', '--total-timeout', '2000'],
      '--total-timeout 2000 is below --read-timeout 3000',
    ],
  ])('%s %j', async (tool, argv, message) => {
    const result = await run(tool, argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toContain('required option');
    expect(result.stdout).toBe('');
  });

  it('a repeatable option may be repeated (simulate --param)', async () => {
    const result = await run('simulate', [
      '--url',
      'https://ok.example.com/',
      '--param',
      'A=1',
      '--param',
      'B=2',
      '--kind',
      'fax',
    ]);
    // Refused for --kind, not for the repeated --param.
    expect(result.stderr).toContain("'--kind <kind>' argument 'fax' is invalid");
  });
});

// Help wherever --help stands, also where commander would take it as an option's value.
describe('help before anything else', () => {
  it.each<[Tool, string[], RegExp]>([
    ['configure', ['--number', '--help'], /^Usage: configure /],
    ['configure', ['--number', '+14155550100', '--fast-failover', '--help'], /^Usage: configure /],
    ['probe', ['--base-url', '--help'], /^Usage: probe /],
    ['simulate', ['--url', '--help'], /^Usage: simulate /],
  ])('%s %j prints its help and exits 0', async (tool, argv, usage) => {
    const result = await run(tool, argv);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(usage);
  });
});
