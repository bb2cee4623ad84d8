import { Command } from 'commander';
import type { CliIo } from '../cli/cli-io';
import { runCommand } from '../cli/run-command';
import { EXIT, ToolError } from '../cli/tool-error';
import { closeTwilioClient, createTwilioClient } from '../twilio-client/create-client';
import { mergeEnvironment, readCredentials, readDotEnv } from '../twilio-client/credentials';
import { buildAlertsRequest, type AlertsRequest, type RawAlertsOptions } from './alerts-request';
import {
  connectEvents,
  disconnectEvents,
  nextStep,
  renderAlertsReport,
  type AlertsReport,
} from './alerts-sink';

const HELP_AFTER = `
--alerts events|both  creates (or reuses) an Event Streams webhook Sink pointing at
                      https://<domain>/events and a Subscription of it to
                      com.twilio.error-logs.error.logged; then set ALERT_MODE and deploy.
--alerts inline       deletes the Sinks (and their Subscriptions) this tool created
                      (only those pointing at --domain, when given).

Example:
  npm run configure -- --alerts events --domain my-service-1234-dev.twil.io --dry-run
`;

export function buildAlertsProgram(): Command {
  return new Command('configure --alerts')
    .description('Route Twilio error events to the /events Function (or stop doing so).')
    .requiredOption('--alerts <mode>', 'inline | events | both')
    .option('--domain <host>', 'the Functions domain, e.g. my-service-1234-dev.twil.io')
    .option('--dry-run', 'show what would be created or deleted; change nothing')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', HELP_AFTER);
}

export async function runAlerts(request: AlertsRequest, io: CliIo): Promise<number> {
  const env = mergeEnvironment(io.env, readDotEnv(io.cwd));
  const credentials = readCredentials(env);
  if (!credentials.ok) throw new ToolError(credentials.reason);
  // The one REST client of the tools (TWILIO_API_BASE_URL, retries, timeouts), closed when done.
  const client = createTwilioClient(credentials.credentials, io.httpClient, env);
  try {
    const steps =
      request.mode === 'inline'
        ? await disconnectEvents(client, request.domain, request.dryRun)
        : await connectEvents(client, request.domain!, request.dryRun);
    const report: AlertsReport = {
      mode: request.mode,
      domain: request.domain ?? null,
      dryRun: request.dryRun,
      steps,
      next: nextStep(request.mode),
    };
    io.stdout(request.json ? JSON.stringify(report, null, 2) : renderAlertsReport(report));
    return EXIT.ok;
  } finally {
    closeTwilioClient(client);
  }
}

/** `configure --alerts ...`: usage errors exit 2 before any request. */
export async function runAlertsCli(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand<RawAlertsOptions, AlertsRequest>(
    buildAlertsProgram(),
    argv,
    io,
    buildAlertsRequest,
    runAlerts,
  );
}

/** Whether a `configure` command line asks for the alerts routing. */
export function asksForAlerts(argv: readonly string[]): boolean {
  return argv.some((arg) => arg === '--alerts' || arg.startsWith('--alerts='));
}
