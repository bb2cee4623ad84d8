import { Command } from 'commander';
import type { CliIo } from '../cli/cli-io';
import { buildConfigureRequest, type RawConfigureOptions } from './configure-request';
import { OVERRIDE_RANGES } from '../emulator/connection-overrides';
import { DEFAULT_FAILOVER_TIMEOUTS, typicalFailoverMs, worstCaseFailoverMs } from './fast-failover';
import { runConfigure } from './run-configure';
import {
  AUTO_CONNECT_TIMEOUT_MS,
  MIN_ANSWERS_TO_TUNE,
  MIN_AUTO_READ_TIMEOUT_MS,
  READ_TIMEOUT_P99_FACTOR,
} from './auto-failover';
import {
  DEFAULT_MEASURE_BUDGET_MS,
  DEFAULT_MEASURE_SAMPLES,
  DEFAULT_MEASURE_SPACING_MS,
} from '../emulator/measure-primary';
import { runCommand } from '../cli/run-command';
import { asksForAlerts, runAlertsCli } from './alerts-cli';

const defaults = DEFAULT_FAILOVER_TIMEOUTS;

const HELP_AFTER = `
What it sets (for each channel chosen; neither --voice nor --sms means both):
  Voice/SMS URL          https://<domain>/primary   (method: --method, default POST)
  Voice/SMS Fallback URL https://<domain>/fallback  (method: --fallback-method, default POST)
  --static-fallback: the zero-code documents instead, fetched with GET:
    Voice Fallback URL https://<domain>/error.xml, SMS Fallback URL https://<domain>/error-sms.xml
  --keep-primary leaves the Voice/SMS URL (your own app) and sets only the fallbacks.
Only fields that differ are sent, in one update; the table shows each before/after.

Fast failover (--fast-failover):
  Appends Twilio connection overrides to the primary URL (yours with --keep-primary),
    https://<domain>/primary#ct=${defaults.ct}&rt=${defaults.rt}&tt=${defaults.tt}
  so a hung primary fails over after about ${typicalFailoverMs(defaults) / 1000} s (at most ${worstCaseFailoverMs(defaults) / 1000} s)
  instead of Twilio's default 15 s. --no-fast-failover removes ct, rt and tt again
  (other fragment keys stay); without either flag --keep-primary keeps the URL as is.
  Trade-off: a primary that is merely slow (a cold start, a slow API it calls) is
  treated as failed: callers get the fallback even though the primary would have
  answered. Raise --read-timeout/--total-timeout if your primary is sometimes slow.
  --total-timeout must be at least --connect-timeout and --read-timeout.

Tuned fast failover (--fast-failover auto):
  First sends --samples signed, probe-marked requests (default ${DEFAULT_MEASURE_SAMPLES}, ${DEFAULT_MEASURE_SPACING_MS} ms apart,
  at most ${DEFAULT_MEASURE_BUDGET_MS / 1000} s) to the primary URL it would write the overrides on, then proposes
  rt = max(${MIN_AUTO_READ_TIMEOUT_MS}, ${READ_TIMEOUT_P99_FACTOR} × p99) rounded up to 100 ms, ct ${AUTO_CONNECT_TIMEOUT_MS}, tt = ct + rt, rc 1, and prints
  the caller's worst-case wait with them, with the fixed values and with Twilio's defaults.
  Refuses (exit 1, nothing changed) when fewer than ${MIN_ANSWERS_TO_TUNE} answers came back or any
  request failed. --connect-timeout/--read-timeout/--total-timeout pin a value.
  --dry-run measures and proposes only.
  Ranges (ms): ct ${OVERRIDE_RANGES.ct.join('-')}, rt ${OVERRIDE_RANGES.rt.join('-')}, tt ${OVERRIDE_RANGES.tt.join('-')}.

Shadowing: the tool refuses (exit 3, nothing changed) when the number's URLs would be
ignored: a TwiML App (--clear-voice-application, --clear-sms-application), a SIP
trunk (--clear-trunk), or a Messaging Service that handles inbound messages
(--use-inbound-webhook-on-number). Pass the flag to act on it, or --fallback-on-owner
to leave the TwiML App or Messaging Service answering and set the fallback on it
(its fallback URL and method only: the owner's primary and the number's shadowed
URLs are left as they are; every number it answers for gains the fallback).

Credentials: ACCOUNT_SID/AUTH_TOKEN or TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN, from the
environment or .env. Exit codes: 0 done, 1 failed, 2 usage error, 3 refused.
Exit 1 also names, in one line, missing credentials, a TWILIO_CA_BUNDLE that is not a
readable PEM file, or an HTTP_PROXY that is not a proxy URL.

Alerts from Twilio's error events (ALERT_MODE=events): --alerts events|both|inline
  --domain <host>; see \`npm run configure -- --alerts events --help\`.

Example:
  npm run configure -- --number +14155550100 --domain my-service-1234-dev.twil.io --fast-failover --dry-run
`;

export function buildConfigureProgram(): Command {
  return new Command('configure')
    .description('Point a Twilio number at the deployed /primary and /fallback Functions.')
    .option('--number <number>', 'the number: E.164 (+14155550100) or its SID (PN…)')
    .option(
      '--domain <host>',
      'the Functions domain, e.g. my-service-1234-dev.twil.io (default: the last deploy)',
    )
    .option('--voice', 'configure calls (default: calls and messages)')
    .option('--sms', 'configure messages (default: calls and messages)')
    .option(
      '--static-fallback',
      'fall back to the static documents (GET) instead of /fallback: /error.xml for calls, /error-sms.xml for messages',
    )
    .option(
      '--keep-primary',
      "keep the number's own Voice/SMS URL (your app) and set only the fallbacks",
    )
    .option('--method <method>', 'GET or POST for the primary URL (default POST)')
    .option(
      '--fallback-method <method>',
      'GET or POST for the fallback URL (default POST; GET with --static-fallback)',
    )
    .option('--status-callback <url>', 'call status callback URL to set on the number')
    .option(
      '--status-callback-method <method>',
      'GET or POST for the status callback (default POST)',
    )
    .option(
      '--fast-failover [auto]',
      'append connection overrides so a hung primary fails over in seconds; auto: measure the primary first and tune them (see below)',
    )
    .option(
      '--samples <n>',
      `--fast-failover auto: requests to measure the primary with (default ${DEFAULT_MEASURE_SAMPLES}, at most ${DEFAULT_MEASURE_BUDGET_MS / 1000} s)`,
    )
    .option(
      '--no-fast-failover',
      "remove the fast-failover timeouts (#ct, #rt, #tt) from the primary URL, also the one --keep-primary keeps: Twilio's defaults apply again",
    )
    .option(
      '--connect-timeout <ms>',
      `fast failover: ct, TCP connect timeout (default ${defaults.ct})`,
    )
    .option('--read-timeout <ms>', `fast failover: rt, read timeout (default ${defaults.rt})`)
    .option(
      '--total-timeout <ms>',
      `fast failover: tt, total time for all attempts (default ${defaults.tt})`,
    )
    .option('--clear-voice-application', 'detach the TwiML App that handles calls to the number')
    .option('--clear-trunk', 'detach the number from its Elastic SIP trunk')
    .option('--clear-sms-application', 'detach the TwiML App that handles messages to the number')
    .option(
      '--use-inbound-webhook-on-number',
      "make the number's Messaging Service use each number's own SMS URL for inbound messages",
    )
    .option(
      '--fallback-on-owner',
      'where a TwiML App or Messaging Service answers for the number, set the fallback there',
    )
    .option('--dry-run', 'show the before/after table; send no update')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', HELP_AFTER);
}

/**
 * Runs `configure` with the given arguments (without `node script`). Usage errors
 * exit 2; expected failures print one line and no stack trace.
 */
export function runConfigureCli(argv: readonly string[], io: CliIo): Promise<number> {
  if (asksForAlerts(argv)) return runAlertsCli(argv, io);
  return runCommand<RawConfigureOptions, Parameters<typeof runConfigure>[0]>(
    buildConfigureProgram(),
    argv,
    io,
    buildConfigureRequest,
    runConfigure,
  );
}
