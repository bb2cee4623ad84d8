import { Command } from 'commander';
import type { CliIo } from '../cli/cli-io';
import { runCommand } from '../cli/run-command';
import { buildProbeRequest, type RawProbeOptions } from './probe-request';
import { runProbe } from './run-probe';

const HELP_AFTER = `
Checks (each a signed synthetic request played through the fallback emulator):
  voice and SMS to /primary, voice and SMS to /fallback with ErrorCode=11200 and
  ErrorUrl=<primary>, /error.xml and /error-sms.xml (GET). With --number: exactly
  the URLs and methods configured on the number, plus whether a TwiML App, SIP
  trunk or Messaging Service would keep Twilio from using them.
A check passes when the URL answers with TwiML Twilio would execute (for a call:
with at least one verb; /error-sms.xml: a <Response> of messaging TwiML only).
/events (the Event Streams sink; with neither --voice nor --sms alone): one
probe-marked error event that pages nobody. Signed (with a token), /events must
read it and answer 2xx; unsigned, it must refuse it (400/401/403), as a protected
sink does.
Exit codes: 0 every check passed, 1 a check failed or the run failed (with --number
also: missing credentials, a TWILIO_CA_BUNDLE that is not a readable PEM file, an
HTTP_PROXY that is not a proxy URL), 2 usage error.

Signing: deployed .protected Functions check X-Twilio-Signature. The token comes from
--auth-token, else AUTH_TOKEN/TWILIO_AUTH_TOKEN in the environment or .env (prefer
those: a token on the command line lands in shell history).

Examples:
  npm run probe -- --domain my-service-1234-dev.twil.io
  npm run probe -- --number +14155550100
  npm run probe -- --base-url http://127.0.0.1:3000   # npm start
`;

export function buildProbeProgram(): Command {
  return new Command('probe')
    .description(
      'Send synthetic calls and messages to the service (or the number’s URLs) and check every answer.',
    )
    .option('--base-url <url>', 'the service root, e.g. http://127.0.0.1:3000 (npm start)')
    .option('--domain <host>', 'the Functions domain; same as --base-url https://<host>')
    .option(
      '--number <number>',
      'probe the URLs configured on this number (E.164 or PN…); needs credentials',
    )
    .option('--voice', 'probe calls (default: calls and messages)')
    .option('--sms', 'probe messages (default: calls and messages)')
    .option(
      '--auth-token <token>',
      'sign requests with this token (default: AUTH_TOKEN/TWILIO_AUTH_TOKEN)',
    )
    .option('--json', 'print the result as JSON')
    .addHelpText('after', HELP_AFTER);
}

export function runProbeCli(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand<RawProbeOptions, Parameters<typeof runProbe>[0]>(
    buildProbeProgram(),
    argv,
    io,
    buildProbeRequest,
    runProbe,
  );
}
