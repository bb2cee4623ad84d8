/**
 * Which field of each resource that can answer a number holds its primary and its
 * fallback, in twilio-node's option names, and how a fallback update is sent: the one
 * mapping `configure --fallback-on-owner` and `audit --fix` share.
 * - IncomingPhoneNumber and TwiML App (Application): one set per channel, `voiceUrl`,
 *   `voiceFallbackUrl`, `smsFallbackMethod`…
 *   (https://www.twilio.com/docs/phone-numbers/api/incomingphonenumber-resource,
 *   https://www.twilio.com/docs/usage/api/applications).
 * - Messaging Service: one set for its inbound messages, `inboundRequestUrl`,
 *   `fallbackUrl`, `fallbackMethod` (https://www.twilio.com/docs/messaging/api/service-resource).
 */
import type { TwilioClient } from './create-client';

export type AnswerChannel = 'voice' | 'sms';
export type AnswererResourceKind = 'number' | 'application' | 'messaging-service';

export interface AnswererFieldNames {
  readonly primaryUrl: string;
  readonly primaryMethod: string;
  readonly fallbackUrl: string;
  readonly fallbackMethod: string;
}

const SERVICE_FIELDS = {
  primaryUrl: 'inboundRequestUrl',
  primaryMethod: 'inboundMethod',
  fallbackUrl: 'fallbackUrl',
  fallbackMethod: 'fallbackMethod',
} as const satisfies AnswererFieldNames;

function channelFields<C extends AnswerChannel>(channel: C) {
  return {
    primaryUrl: `${channel}Url`,
    primaryMethod: `${channel}Method`,
    fallbackUrl: `${channel}FallbackUrl`,
    fallbackMethod: `${channel}FallbackMethod`,
  } as const;
}

/** The field names that answer `channel` on a resource of `kind`. */
export function answererFields(
  kind: 'messaging-service',
  channel: AnswerChannel,
): typeof SERVICE_FIELDS;
export function answererFields<C extends AnswerChannel>(
  kind: 'number' | 'application',
  channel: C,
): ReturnType<typeof channelFields<C>>;
export function answererFields(
  kind: AnswererResourceKind,
  channel: AnswerChannel,
): AnswererFieldNames;
export function answererFields(
  kind: AnswererResourceKind,
  channel: AnswerChannel,
): AnswererFieldNames {
  return kind === 'messaging-service' ? SERVICE_FIELDS : channelFields(channel);
}

/** What a resource holds in the four fields that answer one channel (unset: null). */
export interface AnswererValues {
  readonly primaryUrl: string | null;
  readonly primaryMethod: string | null;
  readonly fallbackUrl: string | null;
  readonly fallbackMethod: string | null;
}

/**
 * Reads the fields `answererFields(kind, channel)` names from a resource as twilio-node
 * returns it (or as a snapshot holds it); a missing resource or a non-string value is null.
 */
export function answererValues(
  record: object | undefined,
  kind: AnswererResourceKind,
  channel: AnswerChannel,
): AnswererValues {
  const names = answererFields(kind, channel);
  const read = (field: string) => {
    const value = (record as Readonly<Record<string, unknown>> | undefined)?.[field];
    return typeof value === 'string' ? value : null;
  };
  return {
    primaryUrl: read(names.primaryUrl),
    primaryMethod: read(names.primaryMethod),
    fallbackUrl: read(names.fallbackUrl),
    fallbackMethod: read(names.fallbackMethod),
  };
}

/** One fallback field that an update changes. */
export interface FallbackFieldChange {
  readonly field: string;
  readonly before: string | null;
  readonly after: string;
}

/**
 * The fallback URL and method fields of `current` that differ from `target`, URL
 * first: only what changes is sent, so an update never rewrites a field it keeps.
 */
export function fallbackChanges(
  kind: AnswererResourceKind,
  channel: AnswerChannel,
  current: { readonly fallbackUrl: string | null; readonly fallbackMethod: string | null },
  target: { readonly url: string; readonly method: string },
): FallbackFieldChange[] {
  const names = answererFields(kind, channel);
  const changes: FallbackFieldChange[] = [];
  if (current.fallbackUrl !== target.url) {
    changes.push({ field: names.fallbackUrl, before: current.fallbackUrl, after: target.url });
  }
  if (current.fallbackMethod !== target.method) {
    changes.push({
      field: names.fallbackMethod,
      before: current.fallbackMethod,
      after: target.method,
    });
  }
  return changes;
}

/** Sends one update, in twilio-node's option names, to the resource of `kind`. */
export async function updateAnswerer(
  client: TwilioClient,
  kind: AnswererResourceKind,
  sid: string,
  update: Readonly<Record<string, string>>,
): Promise<void> {
  if (kind === 'number') await client.incomingPhoneNumbers(sid).update(update);
  else if (kind === 'application') await client.applications(sid).update(update);
  else await client.messaging.v1.services(sid).update(update);
}
