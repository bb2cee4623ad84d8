/** Runs a tool's CLI (configure by default) in-process against loopback stand-ins and records what it did. */
import { runConfigureCli } from '../../../tools/configure/cli';
import { makeTempDir } from '../../support/temp-dir';
import {
  LoopbackRequestClient,
  TEST_ACCOUNT_SID,
  TEST_AUTH_TOKEN,
  type TwilioHost,
} from '../../support/twilio-api-stand-in';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly sent: LoopbackRequestClient['sent'];
}

export const TEST_CREDENTIALS = { ACCOUNT_SID: TEST_ACCOUNT_SID, AUTH_TOKEN: TEST_AUTH_TOKEN };

/** A fresh empty project folder: no .env, no .twiliodeployinfo; removed after the test. */
export function emptyProjectDir(): string {
  return makeTempDir('configure-cli');
}

export async function runCli(
  argv: readonly string[],
  hosts: Partial<Record<TwilioHost, string>>,
  options: { env?: Record<string, string>; cwd?: string } = {},
  runner: typeof runConfigureCli = runConfigureCli,
): Promise<CliRun> {
  const http = new LoopbackRequestClient(hosts);
  let stdout = '';
  let stderr = '';
  const code = await runner(argv, {
    // As processIo does: a line gets a newline unless it already ends with one.
    stdout: (text) => (stdout += text.endsWith('\n') ? text : `${text}\n`),
    stderr: (text) => (stderr += text.endsWith('\n') ? text : `${text}\n`),
    env: options.env ?? TEST_CREDENTIALS,
    cwd: options.cwd ?? emptyProjectDir(),
    httpClient: http,
  });
  return { code, stdout, stderr, sent: http.sent };
}

/** What Prism concluded about the requests it received after `mark` (an output offset). */
export interface PrismVerdicts {
  readonly passed: number;
  readonly refused: number;
  /** Prism's lines naming what a refused request broke. */
  readonly violations: string[];
}

/**
 * Prism logs one verdict per request ("passed the validation rules" or "did not
 * pass"), possibly a moment after answering; this waits (bounded) for `expected`
 * verdicts so a test can require that every request it made was checked.
 */
export async function prismVerdicts(
  output: () => string,
  mark: number,
  expected: number,
  timeoutMs = 5000,
): Promise<PrismVerdicts> {
  const started = Date.now();
  for (;;) {
    const lines = output().slice(mark).split('\n');
    const passed = lines.filter((line) =>
      line.includes('The request passed the validation rules'),
    ).length;
    const refused = lines.filter((line) =>
      line.includes('Request did not pass the validation rules'),
    ).length;
    if (passed + refused >= expected || Date.now() - started > timeoutMs) {
      const violations = lines
        .filter((line) => /\[VALIDATOR\] ✖\s+error\s+(Request|Violation: request)/.test(line))
        .map((line) => line.replace(/^.*error\s+/, '').trim());
      return { passed, refused, violations };
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 25));
  }
}
