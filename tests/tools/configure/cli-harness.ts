/**
 * Runs a tool's CLI (configure by default) in-process against loopback stand-ins and
 * records what it did: `runCli` against Prism (Twilio's contract, stateless), and
 * `runConfigureOnStandIn` against the stateful stand-in (tools/sandbox), the way a user
 * runs it, credentials and TWILIO_API_BASE_URL in the environment.
 */
import type { CliIo } from '../../../tools/cli/cli-io';
import { runConfigureCli } from '../../../tools/configure/cli';
import type { RunningApiStandIn } from '../../../tools/sandbox/api-stand-in';
import {
  startOpenApiResponseServer,
  type ResponseOverride,
  type RunningOpenApiResponseServer,
} from '../../support/openapi-response-server';
import { makeTempDir, removeTempDir } from '../../support/temp-dir';
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
  const output = capturedOutput();
  const code = await runner(argv, {
    ...output.io,
    env: options.env ?? TEST_CREDENTIALS,
    cwd: options.cwd ?? emptyProjectDir(),
    httpClient: http,
  });
  return { code, ...output.text(), sent: http.sent };
}

/** Collects what a CLI prints, as processIo does: a line gets a newline unless it already ends with one. */
function capturedOutput() {
  let stdout = '';
  let stderr = '';
  const io: Pick<CliIo, 'stdout' | 'stderr'> = {
    stdout: (text) => (stdout += text.endsWith('\n') ? text : `${text}\n`),
    stderr: (text) => (stderr += text.endsWith('\n') ? text : `${text}\n`),
  };
  return { io, text: () => ({ stdout, stderr }) };
}

/** An account of the stateful stand-in, as configure's credentials. */
export interface StandInAccount {
  readonly sid: string;
  readonly token: string;
}

/**
 * `configure <argv>` against the stateful stand-in, from an empty project folder that
 * is removed afterwards; the test reads what changed from `standIn` itself.
 */
export async function runConfigureOnStandIn(
  standIn: Pick<RunningApiStandIn, 'baseUrl'>,
  account: StandInAccount,
  argv: readonly string[],
): Promise<Omit<CliRun, 'sent'>> {
  const cwd = makeTempDir('configure-stand-in');
  const output = capturedOutput();
  try {
    const code = await runConfigureCli(argv, {
      ...output.io,
      env: {
        TWILIO_ACCOUNT_SID: account.sid,
        TWILIO_AUTH_TOKEN: account.token,
        TWILIO_API_BASE_URL: standIn.baseUrl,
      },
      cwd,
    });
    return { code, ...output.text() };
  } finally {
    removeTempDir(cwd);
  }
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

/**
 * The overlays a test file puts in front of Prism (states its examples never show),
 * every one closed by `closeAll` in the file's afterAll.
 */
export function prismOverlays() {
  const made: RunningOpenApiResponseServer[] = [];
  return {
    /** An overlay of `upstream` (Prism, read at call time) serving `specFile`; its base URL. */
    async start(
      specFile: string,
      upstream: { readonly baseUrl: string },
      overrides: readonly ResponseOverride[],
    ): Promise<string> {
      const overlay = await startOpenApiResponseServer({
        specFile,
        upstream: upstream.baseUrl,
        overrides: [...overrides],
      });
      made.push(overlay);
      return overlay.baseUrl;
    },
    closeAll: () => Promise.all(made.map((overlay) => overlay.close())),
  };
}
