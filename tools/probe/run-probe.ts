import type { CliIo } from '../cli/cli-io';
import { lookupMessagingMemberships } from '../twilio-client/lookup-messaging';
import { lookupNumber } from '../twilio-client/lookup-number';
import { EXIT, ToolError } from '../cli/tool-error';
import { closeTwilioClient, createTwilioClient } from '../twilio-client/create-client';
import {
  mergeEnvironment,
  readAuthToken,
  readCredentials,
  readDotEnv,
} from '../twilio-client/credentials';
import { problemResult, runCheck, type ProbeResult } from './judge-probe';
import {
  numberChecks,
  serviceChecks,
  type ConfigurationProblem,
  type ProbeCheck,
} from './probe-checks';
import type { ProbeRequest } from './probe-request';
import { probeReportOf, renderProbeReport } from './probe-table';
import { probeEventsSink } from './events-check';
import { primaryWebhookRules, type PrimaryRules } from './webhook-rule-notes';

const UNSIGNED_NOTE =
  'no auth token (--auth-token, AUTH_TOKEN or TWILIO_AUTH_TOKEN): requests carry a local test signature, which a deployed .protected Function refuses (the local dev server checks none)';

/**
 * One `probe` run: decide the checks (from the service, or from the number's own
 * configuration), send each through the emulator one after another so latencies do
 * not disturb each other, and print the table. Exit 0 only when every check passed.
 */
export async function runProbe(request: ProbeRequest, io: CliIo): Promise<number> {
  const env = mergeEnvironment(io.env, readDotEnv(io.cwd));
  const notes: string[] = [];
  let checks: ProbeCheck[];
  let problems: ConfigurationProblem[] = [];
  let to: string | undefined;
  let target: string;

  if (request.target.kind === 'number') {
    const credentials = readCredentials(env);
    if (!credentials.ok) throw new ToolError(credentials.reason);
    const client = createTwilioClient(credentials.credentials, io.httpClient, env);
    let number: Awaited<ReturnType<typeof lookupNumber>>;
    let memberships: Awaited<ReturnType<typeof lookupMessagingMemberships>>;
    let rules: PrimaryRules;
    try {
      number = await lookupNumber(client, request.target.number);
      memberships = request.channels.sms
        ? await lookupMessagingMemberships(client, number.sid)
        : [];
      rules = await primaryWebhookRules(client, number, request.channels);
    } finally {
      // The REST client is done before the (long) probes: no idle keep-alive sockets left.
      closeTwilioClient(client);
    }
    notes.push(...rules.notes);
    ({ checks, problems } = numberChecks(number, memberships, request.channels, rules.emulated));
    to = number.phoneNumber;
    target = `${number.phoneNumber} (${number.sid})`;
  } else {
    checks = serviceChecks(request.target.baseUrl, request.channels);
    target = request.target.baseUrl;
  }

  const authToken = request.authToken ?? readAuthToken(env);
  if (authToken === undefined) notes.push(UNSIGNED_NOTE);

  const results: ProbeResult[] = problems.map(problemResult);
  for (const check of checks) {
    results.push(
      await runCheck(check, {
        ...(to !== undefined ? { to } : {}),
        ...(authToken !== undefined ? { authToken } : {}),
      }),
    );
  }
  // The sink belongs to neither channel: it is checked when the service is probed whole
  // (not with --voice or --sms alone). A number's configuration does not name it.
  if (request.target.kind === 'service' && request.channels.voice && request.channels.sms) {
    results.push(await probeEventsSink(request.target.baseUrl, authToken));
  }

  const report = probeReportOf(target, results, notes);
  io.stdout(request.json ? JSON.stringify(report, null, 2) : renderProbeReport(report));
  return report.pass ? EXIT.ok : EXIT.failed;
}
