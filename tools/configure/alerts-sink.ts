/**
 * The Event Streams resources behind `ALERT_MODE=events`: a webhook Sink pointing at
 * `https://<domain>/events` and a Subscription of it to Twilio's error-log events
 * (https://www.twilio.com/docs/events/webhook-quickstart,
 * https://www.twilio.com/docs/events/event-streams/sink-resource,
 * https://www.twilio.com/docs/events/event-streams/subscription). Ours are told
 * apart by their description, so `--alerts inline` removes exactly what was created.
 */
import { ERROR_LOGGED_TYPE } from '../../src/events/error-log-event';
import type { TwilioClient } from '../twilio-client/create-client';
import { describeApiError } from '../twilio-client/describe-api-error';
import { ToolError } from '../cli/tool-error';
import { functionUrls } from '../cli/function-domain';
import type { AlertsRequest } from './alerts-request';

/** Descriptions of what this tool creates (Twilio asks for no PII here: none is). */
export const SINK_DESCRIPTION = 'twilio-fallback-guard: error alerts to /events';
export const SUBSCRIPTION_DESCRIPTION = 'twilio-fallback-guard: error logs';

export type AlertsAction = 'created' | 'reused' | 'deleted' | 'would create' | 'would delete';

export interface AlertsStep {
  readonly resource: 'sink' | 'subscription';
  /** Unknown before a dry run creates nothing. */
  readonly sid: string | null;
  readonly action: AlertsAction;
  readonly detail: string;
}

export interface AlertsReport {
  readonly mode: AlertsRequest['mode'];
  readonly domain: string | null;
  readonly dryRun: boolean;
  readonly steps: readonly AlertsStep[];
  /** What the user still has to do (set ALERT_MODE where the Functions run). */
  readonly next: string;
}

export function eventsUrl(domain: string): string {
  return functionUrls(`https://${domain}`).events;
}

interface SinkSummary {
  readonly sid: string;
  readonly description: string;
  readonly destination: string | undefined;
  readonly sinkType: string;
}

function destinationOf(configuration: unknown): string | undefined {
  const parsed: unknown =
    typeof configuration === 'string' ? safeJson(configuration) : configuration;
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const destination = (parsed as { destination?: unknown }).destination;
  return typeof destination === 'string' ? destination : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function call<T>(doing: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new ToolError(describeApiError(error, doing));
  }
}

async function listSinks(client: TwilioClient): Promise<SinkSummary[]> {
  const sinks = await call('listing Event Streams sinks', () => client.events.v1.sinks.list());
  return sinks.map((sink) => ({
    sid: sink.sid,
    description: sink.description,
    destination: destinationOf(sink.sinkConfiguration),
    sinkType: sink.sinkType,
  }));
}

/** Creates (or reuses) the sink and its subscription; in a dry run, only reads. */
export async function connectEvents(
  client: TwilioClient,
  domain: string,
  dryRun: boolean,
): Promise<AlertsStep[]> {
  const destination = eventsUrl(domain);
  const existing = (await listSinks(client)).find(
    (sink) => sink.sinkType === 'webhook' && sink.destination === destination,
  );
  const steps: AlertsStep[] = [];
  let sinkSid = existing?.sid ?? null;
  if (existing !== undefined) {
    steps.push({ resource: 'sink', sid: existing.sid, action: 'reused', detail: destination });
  } else if (dryRun) {
    steps.push({ resource: 'sink', sid: null, action: 'would create', detail: destination });
  } else {
    const created = await call('creating the Event Streams sink', () =>
      client.events.v1.sinks.create({
        description: SINK_DESCRIPTION,
        sinkType: 'webhook',
        sinkConfiguration: { destination, method: 'POST' },
      }),
    );
    sinkSid = created.sid;
    steps.push({ resource: 'sink', sid: created.sid, action: 'created', detail: destination });
  }

  const subscriptions =
    sinkSid === null
      ? []
      : await call('listing Event Streams subscriptions', () =>
          client.events.v1.subscriptions.list({ sinkSid }),
        );
  const ours = subscriptions.find((item) => item.description === SUBSCRIPTION_DESCRIPTION);
  if (ours !== undefined) {
    steps.push({
      resource: 'subscription',
      sid: ours.sid,
      action: 'reused',
      detail: ERROR_LOGGED_TYPE,
    });
  } else if (dryRun || sinkSid === null) {
    steps.push({
      resource: 'subscription',
      sid: null,
      action: 'would create',
      detail: ERROR_LOGGED_TYPE,
    });
  } else {
    const created = await call('subscribing the sink to error-log events', () =>
      client.events.v1.subscriptions.create({
        description: SUBSCRIPTION_DESCRIPTION,
        sinkSid: sinkSid!,
        types: [{ type: ERROR_LOGGED_TYPE }],
      }),
    );
    steps.push({
      resource: 'subscription',
      sid: created.sid,
      action: 'created',
      detail: ERROR_LOGGED_TYPE,
    });
  }
  return steps;
}

/** Deletes the sinks this tool created (and their subscriptions); in a dry run, only reads. */
export async function disconnectEvents(
  client: TwilioClient,
  domain: string | undefined,
  dryRun: boolean,
): Promise<AlertsStep[]> {
  const ours = (await listSinks(client)).filter(
    (sink) =>
      sink.description === SINK_DESCRIPTION &&
      (domain === undefined || sink.destination === eventsUrl(domain)),
  );
  const steps: AlertsStep[] = [];
  for (const sink of ours) {
    const subscriptions = await call('listing Event Streams subscriptions', () =>
      client.events.v1.subscriptions.list({ sinkSid: sink.sid }),
    );
    // A sink's subscriptions go first: Twilio would otherwise keep routing events to it.
    for (const subscription of subscriptions) {
      if (!dryRun) {
        await call(`deleting subscription ${subscription.sid}`, () =>
          client.events.v1.subscriptions(subscription.sid).remove(),
        );
      }
      steps.push({
        resource: 'subscription',
        sid: subscription.sid,
        action: dryRun ? 'would delete' : 'deleted',
        detail: subscription.description,
      });
    }
    if (!dryRun) {
      await call(`deleting sink ${sink.sid}`, () => client.events.v1.sinks(sink.sid).remove());
    }
    steps.push({
      resource: 'sink',
      sid: sink.sid,
      action: dryRun ? 'would delete' : 'deleted',
      detail: sink.destination ?? '(no destination)',
    });
  }
  return steps;
}

export function nextStep(mode: AlertsRequest['mode']): string {
  return mode === 'inline'
    ? 'Set ALERT_MODE=inline (or unset it) in the Service environment, then deploy: the fallback alerts again.'
    : `Set ALERT_MODE=${mode} in the Service environment, then deploy (npm run deploy).`;
}

export function renderAlertsReport(report: AlertsReport): string {
  const lines = report.steps.map(
    (step) =>
      `${step.action.padEnd(12)} ${step.resource.padEnd(12)} ${step.sid ?? '-'.padEnd(34)}  ${step.detail}`,
  );
  if (lines.length === 0) lines.push('nothing to do: no sink of this tool found');
  if (report.dryRun) lines.push('dry run: nothing was changed');
  lines.push(report.next);
  return lines.join('\n');
}
