/**
 * `npm run simulate -- <options>`: parses options with commander (through the shared
 * `runCommand`, like configure and probe), runs the emulator, prints the timeline (or
 * `--json`). Exit codes: 0 the caller ends with valid TwiML, 1 they do not (stock
 * error, or no reply), 2 a usage error (nothing was requested).
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Parsed } from '../../src/config/validators';
import type { CliIo } from '../cli/cli-io';
import { runCommand } from '../cli/run-command';
import { displayUrl } from '../cli/safe-output';
import { EXIT } from '../cli/tool-error';
import { mergeEnvironment, readAuthToken, readDotEnv } from '../twilio-client/credentials';
import { parseWebhookUrl } from './connection-overrides';
import { formatTimeline } from './format-timeline';
import { simulate, type SimulationOptions, type SimulationReport } from './simulate';
import { parseHttpMethod, type HttpMethod } from '../../src/request/http-method';
import type { WebhookKind } from '../../src/request/webhook-request';

/**
 * What a simulate run touches outside itself. `cwd` is where `.env` is read from;
 * without it no `.env` is read (the auth token then comes from `env` alone).
 */
export interface SimulateIo extends Pick<CliIo, 'stdout' | 'stderr' | 'env'> {
  readonly cwd?: string;
}

function webhookUrl(value: string): string {
  try {
    parseWebhookUrl(value);
  } catch {
    throw new InvalidArgumentError('expected an absolute http:// or https:// URL.');
  }
  return value;
}

function httpMethod(value: string): HttpMethod {
  const method = parseHttpMethod(value);
  if (!method.ok) throw new InvalidArgumentError('expected GET or POST.');
  return method.value;
}

function digitKeys(value: string): string {
  if (!/^[0-9*#]{1,40}$/.test(value)) throw new InvalidArgumentError('expected keys 0-9, * or #.');
  return value;
}

function requestParam(value: string, previous: Record<string, string> = {}) {
  const match = /^([A-Za-z][A-Za-z0-9_]*)=(.*)$/s.exec(value);
  if (!match) throw new InvalidArgumentError('expected NAME=value.');
  return { ...previous, [match[1] as string]: match[2] as string };
}

function hopLimit(value: string): number {
  if (!/^\d{1,3}$/.test(value) || Number(value) > 100) {
    throw new InvalidArgumentError('expected a whole number 0..100.');
  }
  return Number(value);
}

function nonEmpty(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('must not be empty.');
  return value;
}

export interface RawSimulateOptions {
  readonly url?: string;
  readonly fallbackUrl?: string;
  readonly method: HttpMethod;
  readonly fallbackMethod: HttpMethod;
  readonly kind: WebhookKind;
  readonly from?: string;
  readonly to?: string;
  readonly body?: string;
  readonly authToken?: string;
  readonly digits?: string;
  readonly param?: Record<string, string>;
  readonly maxRedirects?: number;
  readonly json?: boolean;
}

export interface SimulateRequest {
  /** Everything but the auth token, which `--auth-token` or the environment supplies. */
  readonly options: SimulationOptions;
  /** From --auth-token; the environment and `.env` are consulted when it is absent. */
  readonly authToken: string | undefined;
  readonly json: boolean;
}

export function buildSimulateCommand(): Command {
  return (
    new Command('simulate')
      .description(
        'Play Twilio’s part for one inbound call or message: request the primary URL, classify a failure as Twilio does, request the Fallback URL with ErrorCode and ErrorUrl, and report what the caller gets.',
      )
      // Checked in buildSimulateRequest, not by commander: commander reports a missing
      // required option before an unknown one, which hides a typo (`--urll`).
      .option('--url <url>', 'primary URL (may end in #ct=..&rt=..&tt=..&rc=..&rp=..)', webhookUrl)
      .option('--fallback-url <url>', 'Fallback URL', webhookUrl)
      .addOption(
        new Option('--method <method>', 'primary method: GET or POST')
          .argParser(httpMethod)
          .default('POST'),
      )
      .addOption(
        new Option('--fallback-method <method>', 'fallback method: GET or POST')
          .argParser(httpMethod)
          .default('POST'),
      )
      .addOption(
        new Option('--kind <kind>', 'what comes in').choices(['voice', 'sms']).default('voice'),
      )
      .option('--from <number>', 'caller or sender (default +14155550100)', nonEmpty)
      .option('--to <number>', 'the Twilio number called (default +14155550199)', nonEmpty)
      .option('--body <text>', 'message text (--kind sms)')
      .option(
        '--auth-token <token>',
        'signs X-Twilio-Signature (default: AUTH_TOKEN/TWILIO_AUTH_TOKEN from the environment or .env, else a local test token)',
      )
      .option(
        '--digits <keys>',
        'keys the caller presses at the first <Gather>/<Record> (voice)',
        digitKeys,
      )
      .option('--param <name=value>', 'extra request parameter (repeatable)', requestParam)
      .option('--max-redirects <n>', '<Redirect>/action hops to follow (default 10)', hopLimit)
      .option('--json', 'print the report as one JSON object')
      .addHelpText(
        'after',
        '\nExit codes: 0 the caller ends with valid TwiML; 1 they get Twilio’s stock error or no reply; 2 usage error.\n\nReplay an Event Streams delivery at /events instead: --events-url <url> (with --error-code,\n--error-url, --level, --count, --auth-token); see `npm run simulate -- --events-url --help`.',
      )
      .showHelpAfterError('(run with --help for usage)')
      .allowExcessArguments(false)
  );
}

/** Checks the options as a whole; a usage error names the option and requests nothing. */
export function buildSimulateRequest(raw: RawSimulateOptions): Parsed<SimulateRequest> {
  if (raw.url === undefined) {
    return { ok: false, reason: "required option '--url <url>' not specified" };
  }
  if (raw.body !== undefined && raw.kind !== 'sms') {
    return { ok: false, reason: "option '--body <text>' applies to --kind sms only" };
  }
  if (raw.digits !== undefined && raw.kind !== 'voice') {
    return { ok: false, reason: "option '--digits <keys>' applies to --kind voice only" };
  }
  // An empty token (e.g. `--auth-token "$UNSET_VARIABLE"`) must not quietly sign with
  // the local test token: a deployed .protected Function would then answer 403.
  if (raw.authToken !== undefined && raw.authToken.trim() === '') {
    return { ok: false, reason: "option '--auth-token <token>' is empty" };
  }
  return {
    ok: true,
    value: {
      options: {
        url: raw.url,
        kind: raw.kind,
        method: raw.method,
        fallbackMethod: raw.fallbackMethod,
        ...(raw.fallbackUrl !== undefined ? { fallbackUrl: raw.fallbackUrl } : {}),
        ...(raw.from !== undefined ? { from: raw.from } : {}),
        ...(raw.to !== undefined ? { to: raw.to } : {}),
        ...(raw.body !== undefined ? { body: raw.body } : {}),
        ...(raw.digits !== undefined ? { digits: raw.digits } : {}),
        ...(raw.param !== undefined ? { extraParams: raw.param } : {}),
        ...(raw.maxRedirects !== undefined ? { maxRedirects: raw.maxRedirects } : {}),
      },
      authToken: raw.authToken?.trim(),
      json: raw.json === true,
    },
  };
}

/** One run: the token from --auth-token, else the environment, else `.env` (as probe). */
export async function runSimulate(request: SimulateRequest, io: SimulateIo): Promise<number> {
  const env = mergeEnvironment(io.env, io.cwd === undefined ? {} : readDotEnv(io.cwd));
  const authToken = request.authToken ?? readAuthToken(env);
  const report = await simulate({
    ...request.options,
    ...(authToken !== undefined ? { authToken } : {}),
  });
  const shown = displayedReport(report);
  io.stdout(request.json ? `${JSON.stringify(shown, null, 2)}\n` : `${formatTimeline(shown)}\n`);
  return report.callerGets === 'stock-error' || report.callerGets === 'nothing'
    ? EXIT.failed
    : EXIT.ok;
}

/**
 * The report as printed (table, ErrorUrl line and --json alike): every URL shown the
 * way the Functions log it, without credentials, query values or secret-looking parts.
 * The requests themselves carried the real URLs.
 */
export function displayedReport(report: SimulationReport): SimulationReport {
  const shown = (url: string | null) => (url === null ? null : displayUrl(url));
  return {
    ...report,
    attempts: report.attempts.map((attempt) => ({ ...attempt, url: displayUrl(attempt.url) })),
    errorUrl: shown(report.errorUrl),
    twimlUrl: shown(report.twimlUrl),
  };
}

export function runSimulateCommand(argv: readonly string[], io: SimulateIo): Promise<number> {
  return runCommand<RawSimulateOptions, SimulateRequest, SimulateIo>(
    buildSimulateCommand(),
    argv,
    io,
    buildSimulateRequest,
    runSimulate,
    ['--param'],
  );
}
