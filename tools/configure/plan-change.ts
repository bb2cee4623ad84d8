import type { ConfigureRequest } from './configure-request';
import { detectShadowing, type Shadow } from '../twilio-client/detect-shadowing';
import { fastFailoverUrl, withoutFastFailover } from './fast-failover';
import { fallbackUrlFor, functionUrls } from '../cli/function-domain';
import type { MessagingMembership } from '../twilio-client/messaging-membership';
import {
  NUMBER_FIELDS,
  type NumberField,
  type NumberSnapshot,
} from '../twilio-client/number-snapshot';
import { planOwnerFallbacks, type OwnerFallback, type OwnerUpdate } from './owner-fallback';

/** One row of the before/after table. `null` means unset. */
export interface FieldChange {
  /** `+14155550100` for the number, `Messaging Service MG…` for a service. */
  readonly resource: string;
  readonly field: string;
  readonly before: string | null;
  readonly after: string | null;
}

export interface ServiceUpdate {
  readonly serviceSid: string;
  readonly friendlyName: string;
  readonly useInboundWebhookOnNumber: true;
}

export interface ConfigurePlan {
  readonly number: { readonly sid: string; readonly phoneNumber: string };
  readonly domain: string;
  /** Every field that will change, in table order; empty when already configured. */
  readonly changes: readonly FieldChange[];
  /**
   * The one IncomingPhoneNumber update, in twilio-node's option names; only fields
   * that change are sent. An empty string clears a SID field: how the live API unsets
   * `VoiceApplicationSid`/`SmsApplicationSid`/`TrunkSid` (inferred: Twilio's OpenAPI
   * pattern does not admit it, but its own example answers and twilio-cli use `""`).
   */
  readonly numberUpdate: Partial<Record<NumberField, string>>;
  readonly serviceUpdates: readonly ServiceUpdate[];
  /** `--fallback-on-owner`: fallback fields set on the TwiML App / Messaging Service. */
  readonly ownerUpdates: readonly OwnerUpdate[];
  /** Shadows not resolved by a flag: the plan must not be applied. */
  readonly refusals: readonly Shadow[];
  /** Requests that cannot be carried out on this number (one line each). */
  readonly problems: readonly string[];
  /** Informational lines (flags that had nothing to act on, what fast failover costs). */
  readonly notes: readonly string[];
}

export interface PlanInput {
  readonly request: ConfigureRequest;
  readonly domain: string;
  readonly number: NumberSnapshot;
  readonly memberships: readonly MessagingMembership[];
  /** The owners that answer instead of the number (read only with --fallback-on-owner). */
  readonly owners?: readonly OwnerFallback[];
}

/** What the number should hold after this run, field by field (undefined: leave it). */
function desiredFields(
  request: ConfigureRequest,
  domain: string,
  number: NumberSnapshot,
  ownerChannels: ReadonlySet<'voice' | 'sms'> = new Set(),
): Partial<Record<NumberField, string | null>> {
  const urls = functionUrls(`https://${domain}`);
  const primaryFor = (current: string | null) => {
    const base = request.keepPrimary ? current : urls.primary;
    if (base === null) return null;
    if (request.fastFailover === 'off') return withoutFastFailover(base);
    // 'auto' is resolved to measured timeouts by runConfigure before planning.
    if (request.fastFailover === undefined || 'mode' in request.fastFailover) return base;
    return fastFailoverUrl(base, request.fastFailover);
  };
  const desired: Partial<Record<NumberField, string | null>> = {};
  // An owner answers that channel: the number's own (ignored) URLs are left alone.
  if (request.voice && !ownerChannels.has('voice')) {
    if (request.clearVoiceApplication && number.voiceApplicationSid)
      desired.voiceApplicationSid = null;
    if (request.clearTrunk && number.trunkSid) desired.trunkSid = null;
    desired.voiceUrl = primaryFor(number.voiceUrl);
    if (!request.keepPrimary) desired.voiceMethod = request.method;
    desired.voiceFallbackUrl = fallbackUrlFor(urls, 'voice', request.staticFallback);
    desired.voiceFallbackMethod = request.voiceFallbackMethod;
    if (request.statusCallback) {
      desired.statusCallback = request.statusCallback.url;
      desired.statusCallbackMethod = request.statusCallback.method;
    }
  }
  if (request.sms && !ownerChannels.has('sms')) {
    if (request.clearSmsApplication && number.smsApplicationSid) desired.smsApplicationSid = null;
    desired.smsUrl = primaryFor(number.smsUrl);
    if (!request.keepPrimary) desired.smsMethod = request.method;
    desired.smsFallbackUrl = fallbackUrlFor(urls, 'sms', request.staticFallback);
    desired.smsFallbackMethod = request.smsFallbackMethod;
  }
  return desired;
}

/**
 * Decides the whole change from what the number holds now: pure, so the table, the
 * dry run and the real run always agree, and nothing is sent until every check passed.
 */
export function planChange(input: PlanInput): ConfigurePlan {
  const { request, number } = input;
  const resource = number.phoneNumber;
  const owners = planOwnerFallbacks(request, input.domain, input.owners ?? []);
  const desired = desiredFields(request, input.domain, number, owners.channels);
  const changes: FieldChange[] = [];
  const numberUpdate: Partial<Record<NumberField, string>> = {};
  for (const field of NUMBER_FIELDS) {
    if (!(field in desired)) continue;
    const after = desired[field] ?? null;
    const before = number[field];
    if (before === after) continue;
    changes.push({ resource, field, before, after });
    numberUpdate[field] = after ?? '';
  }

  const problems: string[] = [...owners.problems];
  changes.push(...owners.changes);
  if (request.keepPrimary) {
    // Twilio refuses a fallback on a number with no primary URL (errors 21405, 21406).
    if (request.voice && number.voiceUrl === null) {
      problems.push(
        `--keep-primary: ${number.phoneNumber} has no Voice URL to keep (add --sms to configure messages only)`,
      );
    }
    if (request.sms && number.smsUrl === null) {
      problems.push(
        `--keep-primary: ${number.phoneNumber} has no SMS URL to keep (add --voice to configure calls only)`,
      );
    }
  }

  const shadows = detectShadowing({ ...request, number, memberships: input.memberships });
  const refusals = shadows.filter((shadow) => !shadow.resolved);

  const serviceUpdates: ServiceUpdate[] = [];
  if (request.sms && request.useInboundWebhookOnNumber) {
    for (const service of input.memberships) {
      if (service.useInboundWebhookOnNumber) continue;
      serviceUpdates.push({
        serviceSid: service.serviceSid,
        friendlyName: service.friendlyName,
        useInboundWebhookOnNumber: true,
      });
      changes.push({
        resource: `Messaging Service ${service.serviceSid}`,
        field: 'useInboundWebhookOnNumber',
        before: 'false',
        after: 'true',
      });
    }
  }

  return {
    number: { sid: number.sid, phoneNumber: number.phoneNumber },
    domain: input.domain,
    changes,
    numberUpdate,
    serviceUpdates,
    ownerUpdates: owners.updates,
    refusals,
    problems,
    notes: notesFor(input, shadows),
  };
}

function notesFor(input: PlanInput, shadows: readonly Shadow[]): string[] {
  const { request } = input;
  const notes: string[] = [];
  const unused = (flag: string, given: boolean) => {
    if (given && !shadows.some((shadow) => shadow.flag === flag)) {
      notes.push(`${flag}: nothing to act on for ${input.number.phoneNumber}`);
    }
  };
  unused('--clear-voice-application', request.clearVoiceApplication);
  unused('--clear-trunk', request.clearTrunk);
  unused('--clear-sms-application', request.clearSmsApplication);
  unused('--use-inbound-webhook-on-number', request.useInboundWebhookOnNumber);
  return notes;
}
