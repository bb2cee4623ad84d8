import {
  closeTwilioClient,
  createTwilioClient,
  type TwilioClient,
} from '../twilio-client/create-client';
import { mergeEnvironment, readCredentials, readDotEnv } from '../twilio-client/credentials';
import { describeApiError } from '../twilio-client/describe-api-error';
import { renderReport, reportOf, type ConfigureReport } from './change-table';
import type { CliIo } from '../cli/cli-io';
import type { ConfigureRequest } from './configure-request';
import { lookupMessagingMemberships } from '../twilio-client/lookup-messaging';
import { lookupNumber } from '../twilio-client/lookup-number';
import { applyOwnerUpdates, lookupOwners } from './owner-fallback';
import { planChange, type ConfigurePlan } from './plan-change';
import { resolveDeployedDomain } from './resolve-domain';
import { EXIT, ToolError } from '../cli/tool-error';
import { primaryToMeasure, tuneFastFailover } from './tune-fast-failover';
import { checkWebhookRules, type WebhookRuleCheck } from './webhook-rule-notes';

/**
 * One `configure` run: read everything, plan, refuse or print, then at most one
 * update of the number (plus the Messaging Service switch when asked for).
 * Every check happens before the first write, so a refusal or an error changes nothing.
 */
export async function runConfigure(request: ConfigureRequest, io: CliIo): Promise<number> {
  const env = mergeEnvironment(io.env, readDotEnv(io.cwd));
  const credentials = readCredentials(env);
  if (!credentials.ok) throw new ToolError(credentials.reason);
  const client = createTwilioClient(credentials.credentials, io.httpClient, env);
  try {
    const domain =
      request.domain ??
      (await resolveDeployedDomain(client, io.cwd, credentials.credentials.accountSid));
    const number = await lookupNumber(client, request.target);
    const memberships = request.sms ? await lookupMessagingMemberships(client, number.sid) : [];
    const owners = request.fallbackOnOwner
      ? await lookupOwners(client, request, number, memberships)
      : [];
    let plan = planChange({ request, domain, number, memberships, owners });
    const [problem] = plan.problems;
    if (problem !== undefined) throw new ToolError(problem);

    if (plan.refusals.length > 0) {
      print(io, request, reportOf(plan, 'refused'));
      return EXIT.refused;
    }
    // Measured only once nothing else stands in the way: a refused run sends nothing.
    const auto = request.fastFailover;
    if (auto !== undefined && auto !== 'off' && 'mode' in auto) {
      const primary = primaryToMeasure(request, domain, number);
      if (primary === undefined)
        throw new ToolError('--fast-failover auto: no primary URL to measure');
      const timeouts = await tuneFastFailover(
        auto,
        primary,
        credentials.credentials.authToken,
        request.json ? () => undefined : io.stdout,
      );
      plan = planChange({
        request: { ...request, fastFailover: timeouts },
        domain,
        number,
        memberships,
        owners,
      });
    }
    // A Webhook Rule overrides the #ct=… fragment: said (never refused) before anything is written.
    const rules = await checkWebhookRules(client, request, number, plan);
    plan = { ...plan, notes: [...plan.notes, ...rules.notes] };
    if (plan.changes.length === 0 || request.dryRun) {
      const outcome = plan.changes.length === 0 ? 'unchanged' : 'dry-run';
      print(io, request, reportOf(plan, outcome), rules);
      return EXIT.ok;
    }
    await apply(client, plan);
    print(io, request, reportOf(plan, 'applied'), rules);
    return EXIT.ok;
  } finally {
    closeTwilioClient(client);
  }
}

async function apply(client: TwilioClient, plan: ConfigurePlan): Promise<void> {
  if (Object.keys(plan.numberUpdate).length > 0) {
    try {
      await client.incomingPhoneNumbers(plan.number.sid).update(plan.numberUpdate);
    } catch (error) {
      throw new ToolError(
        `${describeApiError(error, `updating ${plan.number.phoneNumber}`)}; nothing was changed`,
      );
    }
  }
  await applyOwnerUpdates(client, plan.ownerUpdates);
  // After the number, on purpose: if this fails the service keeps handling messages
  // exactly as before, which is the state the user started from for messages.
  for (const service of plan.serviceUpdates) {
    try {
      await client.messaging.v1
        .services(service.serviceSid)
        .update({ useInboundWebhookOnNumber: service.useInboundWebhookOnNumber });
    } catch (error) {
      throw new ToolError(
        `${describeApiError(error, `updating Messaging Service ${service.serviceSid}`)}; the number's URLs were updated, but the service still handles its messages`,
      );
    }
  }
}

function print(
  io: CliIo,
  request: ConfigureRequest,
  report: ConfigureReport,
  rules?: WebhookRuleCheck,
): void {
  const json = rules?.json ? { ...report, webhookRules: rules.json } : report;
  io.stdout(request.json ? JSON.stringify(json, null, 2) : renderReport(report));
}
