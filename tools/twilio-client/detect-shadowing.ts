import type { MessagingMembership } from './messaging-membership';
import type { NumberSnapshot } from './number-snapshot';
import type { WebhookKind } from '../../src/request/webhook-request';

/** Something that would make the number ignore the URLs this tool sets. */
export interface Shadow {
  readonly channel: WebhookKind;
  /** e.g. `TwiML App AP…`. */
  readonly what: string;
  /** The flag that resolves it, when the tool can act on it. */
  readonly flag: string;
  /** Whether that flag was given, i.e. the shadow will be removed by this run. */
  readonly resolved: boolean;
  /** One sentence: why the URLs would be ignored and what the flag changes. */
  readonly explanation: string;
  /** The TwiML App or Messaging Service that answers instead (`--fallback-on-owner`). */
  readonly owner?: { readonly kind: 'application' | 'messaging-service'; readonly sid: string };
}

export interface ShadowingInput {
  readonly number: NumberSnapshot;
  readonly voice: boolean;
  readonly sms: boolean;
  readonly memberships: readonly MessagingMembership[];
  readonly clearVoiceApplication: boolean;
  readonly clearTrunk: boolean;
  readonly clearSmsApplication: boolean;
  readonly useInboundWebhookOnNumber: boolean;
  readonly fallbackOnOwner?: boolean;
}

/**
 * Everything that routes the configured channels away from the number's own URLs
 * (twilio-facts: "What shadows the number's own URLs"). Only the channels being
 * configured are checked: a TwiML App on voice does not matter to `--sms`.
 */
export function detectShadowing(input: ShadowingInput): Shadow[] {
  const { number } = input;
  const shadows: Shadow[] = [];
  if (input.voice && number.voiceApplicationSid) {
    shadows.push({
      channel: 'voice',
      what: `TwiML App ${number.voiceApplicationSid}`,
      flag: '--clear-voice-application',
      resolved: input.clearVoiceApplication || input.fallbackOnOwner === true,
      owner: { kind: 'application', sid: number.voiceApplicationSid },
      explanation: `calls to ${number.phoneNumber} use TwiML App ${number.voiceApplicationSid}'s Voice URLs, not the number's; --clear-voice-application detaches the App from this number (the App itself is left unchanged)`,
    });
  }
  if (input.voice && number.trunkSid) {
    shadows.push({
      channel: 'voice',
      what: `SIP trunk ${number.trunkSid}`,
      flag: '--clear-trunk',
      resolved: input.clearTrunk,
      explanation: `calls to ${number.phoneNumber} go to Elastic SIP trunk ${number.trunkSid}, which never requests the number's Voice URL; --clear-trunk removes the number from the trunk (calls stop reaching the trunk)`,
    });
  }
  if (input.sms && number.smsApplicationSid) {
    shadows.push({
      channel: 'sms',
      what: `TwiML App ${number.smsApplicationSid}`,
      flag: '--clear-sms-application',
      resolved: input.clearSmsApplication || input.fallbackOnOwner === true,
      owner: { kind: 'application', sid: number.smsApplicationSid },
      explanation: `messages to ${number.phoneNumber} use TwiML App ${number.smsApplicationSid}'s Messaging URLs, not the number's; --clear-sms-application detaches the App from this number (the App itself is left unchanged)`,
    });
  }
  if (input.sms) {
    for (const service of input.memberships) {
      if (service.useInboundWebhookOnNumber) continue;
      const others = service.phoneNumberCount - 1;
      shadows.push({
        channel: 'sms',
        what: `Messaging Service ${service.serviceSid} ("${service.friendlyName}")`,
        flag: '--use-inbound-webhook-on-number',
        resolved: input.useInboundWebhookOnNumber || input.fallbackOnOwner === true,
        owner: { kind: 'messaging-service', sid: service.serviceSid },
        explanation: `messages to ${number.phoneNumber} are handled by Messaging Service ${service.serviceSid} ("${service.friendlyName}"), whose inbound settings win over the number's; --use-inbound-webhook-on-number sets the service's useInboundWebhookOnNumber, so every number in it${others > 0 ? ` (this one and ${others} other${others === 1 ? '' : 's'})` : ''} uses its own SMS URL; alternatively remove the number from the service in the Console, or configure calls only with --voice`,
      });
    }
  }
  return shadows;
}
