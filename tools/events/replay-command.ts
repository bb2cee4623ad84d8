/**
 * `npm run simulate -- --events-url <url> [options]`: plays Event Streams' part for
 * `/events`: one signed delivery of `--count` identical error events (the shape of
 * tools/events/error-log-event-sample.ts), then prints what `/events` answered.
 * Sign with the AUTH_TOKEN the Functions run with (`--auth-token`, else AUTH_TOKEN in
 * the environment or .env): `/events` refuses anything else with 403.
 * Exit codes: 0 `/events` answered 2xx, 1 it did not (or could not be reached), 2 usage.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Parsed } from '../../src/config/validators';
import { runCommand } from '../cli/run-command';
import { EXIT } from '../cli/tool-error';
import { LOCAL_TEST_AUTH_TOKEN } from '../emulator/webhook-params';
import type { SimulateIo } from '../emulator/simulate-command';
import { mergeEnvironment, readAuthToken, readDotEnv } from '../twilio-client/credentials';
import { markedAsProbe, sampleErrorLogEvent } from './error-log-event-sample';
import { postDelivery, signedDelivery } from './signed-delivery';
import { isHttpUrl, parseUrl } from '../../src/request/http-url';

/** Longest wait for `/events` (Event Streams itself gives a sink 5 s). */
const REPLAY_TIMEOUT_MS = 10_000;

export interface RawReplayOptions {
  readonly eventsUrl: string;
  readonly errorCode: string;
  readonly errorUrl?: string;
  readonly level: 'INFO' | 'WARNING' | 'ERROR';
  readonly count: number;
  readonly authToken?: string;
  readonly json?: boolean;
}

export type ReplayRequest = Omit<RawReplayOptions, 'json'> & { readonly json: boolean };

function absoluteHttpUrl(value: string): string {
  const url = parseUrl(value);
  if (url !== undefined && isHttpUrl(url)) return value;
  throw new InvalidArgumentError('expected an absolute http:// or https:// URL.');
}

function errorCode(value: string): string {
  if (!/^\d{3,6}$/.test(value))
    throw new InvalidArgumentError('expected a Twilio error code such as 11200.');
  return value;
}

function eventCount(value: string): number {
  if (!/^\d{1,4}$/.test(value) || Number(value) < 1 || Number(value) > 1000) {
    throw new InvalidArgumentError('expected a whole number 1..1000.');
  }
  return Number(value);
}

export function buildReplayCommand(): Command {
  return new Command('simulate --events-url')
    .description(
      'Send /events one signed Event Streams delivery of Twilio error events, as Twilio does.',
    )
    .requiredOption(
      '--events-url <url>',
      'the /events URL, e.g. http://127.0.0.1:3000/events (npm start)',
      absoluteHttpUrl,
    )
    .option(
      '--error-code <code>',
      'Twilio error code of the events (default 11200)',
      errorCode,
      '11200',
    )
    .option('--error-url <url>', 'the URL Twilio failed to fetch (webhook errors)', absoluteHttpUrl)
    .addOption(
      new Option('--level <level>', 'level of the events')
        .choices(['INFO', 'WARNING', 'ERROR'])
        .default('ERROR'),
    )
    .option('--count <n>', 'identical events in the delivery (default 1)', eventCount, 1)
    .option(
      '--auth-token <token>',
      'signs the delivery (default: AUTH_TOKEN from the environment or .env)',
    )
    .option('--json', 'print the answer as one JSON object')
    .allowExcessArguments(false);
}

export function buildReplayRequest(raw: RawReplayOptions): Parsed<ReplayRequest> {
  if (raw.authToken !== undefined && raw.authToken.trim() === '') {
    return { ok: false, reason: "option '--auth-token <token>' is empty" };
  }
  return { ok: true, value: { ...raw, json: raw.json === true } };
}

export async function runReplay(request: ReplayRequest, io: SimulateIo): Promise<number> {
  const env = mergeEnvironment(io.env, io.cwd === undefined ? {} : readDotEnv(io.cwd));
  const authToken = request.authToken?.trim() ?? readAuthToken(env) ?? LOCAL_TEST_AUTH_TOKEN;
  const now = new Date().toISOString();
  // Probe-marked, like every request the emulator sends: /events answers and logs the
  // replay exactly as a real delivery but pages nobody (src/request/probe-marker.ts).
  const events = Array.from({ length: request.count }, () =>
    markedAsProbe(
      sampleErrorLogEvent({
        errorCode: request.errorCode,
        level: request.level,
        dateCreated: now,
        ...(request.errorUrl !== undefined ? { webhookUrl: request.errorUrl } : {}),
      }),
    ),
  );
  const delivery = signedDelivery(request.eventsUrl, events, authToken);
  let status: number;
  let answer: string;
  try {
    ({ status, body: answer } = await postDelivery(delivery, REPLAY_TIMEOUT_MS));
  } catch (error) {
    io.stderr(
      `error: could not deliver to ${request.eventsUrl}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return EXIT.failed;
  }
  const report = { url: delivery.url, events: events.length, status, answer };
  io.stdout(
    request.json
      ? `${JSON.stringify(report, null, 2)}\n`
      : `POST ${delivery.url}\n${events.length} event(s) ${request.errorCode} (${request.level}), signed\n/events answered HTTP ${status}: ${answer}\n`,
  );
  return status >= 200 && status < 300 ? EXIT.ok : EXIT.failed;
}

export async function runReplayCommand(argv: readonly string[], io: SimulateIo): Promise<number> {
  return runCommand<RawReplayOptions, ReplayRequest, SimulateIo>(
    buildReplayCommand(),
    argv,
    io,
    buildReplayRequest,
    runReplay,
  );
}

/** Whether a `simulate` command line asks for an Event Streams replay. */
export function asksForEventsReplay(argv: readonly string[]): boolean {
  return argv.some((arg) => arg === '--events-url' || arg.startsWith('--events-url='));
}
