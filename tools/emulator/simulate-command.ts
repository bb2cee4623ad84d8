/**
 * `npm run simulate -- <options>`: parses options with commander, runs the emulator,
 * prints the timeline (or `--json`). Exit codes: 0 the caller ends with valid TwiML,
 * 1 they do not (stock error, or no reply), 2 a usage error (nothing was requested).
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { parseWebhookUrl } from './connection-overrides';
import { formatTimeline } from './format-timeline';
import { simulate, type SimulationOptions } from './simulate';
import type { HttpMethod } from './signed-request';

export const EXIT_OK = 0;
export const EXIT_NO_VALID_TWIML = 1;
export const EXIT_USAGE = 2;

export interface CommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
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
  const method = value.toUpperCase();
  if (method !== 'GET' && method !== 'POST')
    throw new InvalidArgumentError('expected GET or POST.');
  return method;
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

interface ParsedOptions {
  url: string;
  fallbackUrl?: string;
  method: HttpMethod;
  fallbackMethod: HttpMethod;
  kind: 'voice' | 'sms';
  from?: string;
  to?: string;
  body?: string;
  authToken?: string;
  digits?: string;
  param?: Record<string, string>;
  maxRedirects?: number;
  json?: boolean;
}

export function buildSimulateCommand(): Command {
  return new Command('simulate')
    .description(
      'Play Twilio’s part for one inbound call or message: request the primary URL, classify a failure as Twilio does, request the Fallback URL with ErrorCode and ErrorUrl, and report what the caller gets.',
    )
    .requiredOption(
      '--url <url>',
      'primary URL (may end in #ct=..&rt=..&tt=..&rc=..&rp=..)',
      webhookUrl,
    )
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
    .addOption(
      new Option(
        '--auth-token <token>',
        'signs X-Twilio-Signature (default: a local test token)',
      ).env('TWILIO_AUTH_TOKEN'),
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
      '\nExit codes: 0 the caller ends with valid TwiML; 1 they get Twilio’s stock error or no reply; 2 usage error.',
    )
    .showHelpAfterError('(run with --help for usage)')
    .allowExcessArguments(false);
}

export async function runSimulateCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const command = buildSimulateCommand()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  let parsed: ParsedOptions;
  try {
    command.parse([...argv], { from: 'user' });
    parsed = command.opts<ParsedOptions>();
    parsed.authToken ??= io.env.TWILIO_AUTH_TOKEN;
    if (parsed.body !== undefined && parsed.kind !== 'sms') {
      command.error("error: option '--body <text>' applies to --kind sms only", {
        exitCode: EXIT_USAGE,
      });
    }
    if (parsed.digits !== undefined && parsed.kind !== 'voice') {
      command.error("error: option '--digits <keys>' applies to --kind voice only", {
        exitCode: EXIT_USAGE,
      });
    }
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    throw error;
  }

  const options: SimulationOptions = {
    url: parsed.url,
    kind: parsed.kind,
    method: parsed.method,
    fallbackMethod: parsed.fallbackMethod,
    ...(parsed.fallbackUrl !== undefined ? { fallbackUrl: parsed.fallbackUrl } : {}),
    ...(parsed.from !== undefined ? { from: parsed.from } : {}),
    ...(parsed.to !== undefined ? { to: parsed.to } : {}),
    ...(parsed.body !== undefined ? { body: parsed.body } : {}),
    ...(parsed.authToken ? { authToken: parsed.authToken } : {}),
    ...(parsed.digits !== undefined ? { digits: parsed.digits } : {}),
    ...(parsed.param !== undefined ? { extraParams: parsed.param } : {}),
    ...(parsed.maxRedirects !== undefined ? { maxRedirects: parsed.maxRedirects } : {}),
  };
  const report = await simulate(options);
  io.stdout(parsed.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatTimeline(report)}\n`);
  return report.callerGets === 'stock-error' || report.callerGets === 'nothing'
    ? EXIT_NO_VALID_TWIML
    : EXIT_OK;
}
