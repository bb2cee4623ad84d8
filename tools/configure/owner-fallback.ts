/**
 * `--fallback-on-owner`: where a TwiML App or a Messaging Service answers for the
 * number (https://www.twilio.com/docs/phone-numbers/api/incomingphonenumber-resource:
 * `voiceApplicationSid`/`smsApplicationSid`; a Messaging Service's inbound settings
 * win unless `useInboundWebhookOnNumber`), the fallback goes on
 * that owner instead of on the number's ignored URLs. Only the owner's fallback URL
 * and method are written, never its primary; like `audit --fix`, which does the same
 * for a whole account.
 */
import type { TwilioClient } from '../twilio-client/create-client';
import { describeApiError } from '../twilio-client/describe-api-error';
import { ToolError } from '../cli/tool-error';
import type { ConfigureRequest } from './configure-request';
import { fallbackUrlFor, functionUrls } from '../cli/function-domain';
import type { MessagingMembership } from '../twilio-client/messaging-membership';
import type { NumberSnapshot } from '../twilio-client/number-snapshot';
import {
  answererValues,
  fallbackChanges,
  updateAnswerer,
  type AnswerChannel,
} from '../twilio-client/answerer-fields';

export type OwnerChannel = AnswerChannel;

/** The owner that answers one channel, with what it holds now. */
export interface OwnerFallback {
  readonly kind: 'application' | 'messaging-service';
  readonly sid: string;
  readonly channel: OwnerChannel;
  readonly primaryUrl: string | null;
  readonly fallbackUrl: string | null;
  readonly fallbackMethod: string | null;
}

export interface OwnerUpdate {
  readonly kind: OwnerFallback['kind'];
  readonly sid: string;
  /** twilio-node option names, e.g. `voiceFallbackUrl`, `fallbackUrl`. */
  readonly update: Readonly<Record<string, string>>;
}

export interface OwnerPlan {
  readonly changes: { resource: string; field: string; before: string | null; after: string }[];
  readonly updates: OwnerUpdate[];
  readonly problems: string[];
  /** Channels an owner answers: the number's own fields for them are left alone. */
  readonly channels: ReadonlySet<OwnerChannel>;
}

const blank = (value: string | null | undefined) =>
  typeof value === 'string' && value.trim() !== '' ? value : null;

/** What the owner holds now in the fields this plan reads (a blank field is unset). */
function held(found: object, kind: OwnerFallback['kind'], channel: OwnerChannel) {
  const values = answererValues(found, kind, channel);
  return {
    primaryUrl: blank(values.primaryUrl),
    fallbackUrl: blank(values.fallbackUrl),
    fallbackMethod: blank(values.fallbackMethod),
  };
}

const LABEL = { application: 'TwiML App', 'messaging-service': 'Messaging Service' } as const;

/** Reads the owners that answer the configured channels (one fetch each). */
export async function lookupOwners(
  client: TwilioClient,
  request: Pick<ConfigureRequest, 'voice' | 'sms'>,
  number: NumberSnapshot,
  memberships: readonly MessagingMembership[],
): Promise<OwnerFallback[]> {
  const owners: OwnerFallback[] = [];
  const app = async (sid: string, channel: OwnerChannel) => {
    const found = await client.applications(sid).fetch();
    owners.push({ kind: 'application', sid, channel, ...held(found, 'application', channel) });
  };
  try {
    // A trunk takes calls before any TwiML App: nothing to set a fallback on then.
    if (request.voice && !number.trunkSid && number.voiceApplicationSid) {
      await app(number.voiceApplicationSid, 'voice');
    }
    const service = memberships.find((m) => !m.useInboundWebhookOnNumber);
    if (request.sms && service) {
      const found = await client.messaging.v1.services(service.serviceSid).fetch();
      owners.push({
        kind: 'messaging-service',
        sid: service.serviceSid,
        channel: 'sms',
        ...held(found, 'messaging-service', 'sms'),
      });
    } else if (request.sms && number.smsApplicationSid) {
      await app(number.smsApplicationSid, 'sms');
    }
  } catch (error) {
    throw new ToolError(describeApiError(error, 'reading the TwiML App or Messaging Service'));
  }
  return owners;
}

export function planOwnerFallbacks(
  request: Pick<ConfigureRequest, 'staticFallback' | 'voiceFallbackMethod' | 'smsFallbackMethod'>,
  domain: string,
  owners: readonly OwnerFallback[],
): OwnerPlan {
  const urls = functionUrls(`https://${domain}`);
  const plan: OwnerPlan = { changes: [], updates: [], problems: [], channels: new Set() };
  const byOwner = new Map<string, Record<string, string>>();
  for (const owner of owners) {
    (plan.channels as Set<OwnerChannel>).add(owner.channel);
    const resource = `${LABEL[owner.kind]} ${owner.sid}`;
    if (owner.primaryUrl === null) {
      plan.problems.push(
        `--fallback-on-owner: ${resource} has no ${owner.channel === 'voice' ? 'Voice' : 'SMS'} URL, so nothing answers to fall back from`,
      );
      continue;
    }
    const url = fallbackUrlFor(urls, owner.channel, request.staticFallback);
    const method =
      owner.channel === 'voice' ? request.voiceFallbackMethod : request.smsFallbackMethod;
    const key = `${owner.kind} ${owner.sid}`;
    const update = byOwner.get(key) ?? {};
    for (const change of fallbackChanges(owner.kind, owner.channel, owner, { url, method })) {
      plan.changes.push({ resource, ...change });
      update[change.field] = change.after;
    }
    if (Object.keys(update).length > 0 && !byOwner.has(key)) {
      byOwner.set(key, update);
      plan.updates.push({ kind: owner.kind, sid: owner.sid, update });
    }
  }
  return plan;
}

export async function applyOwnerUpdates(
  client: TwilioClient,
  updates: readonly OwnerUpdate[],
): Promise<void> {
  for (const owner of updates) {
    try {
      await updateAnswerer(client, owner.kind, owner.sid, owner.update);
    } catch (error) {
      throw new ToolError(
        `${describeApiError(error, `updating ${LABEL[owner.kind]} ${owner.sid}`)}; the number's own fields were updated first`,
      );
    }
  }
}
