import type { NumberSnapshot } from '../twilio-client/number-snapshot';

/** The URLs of a TwiML App, as the audit needs them. */
export interface ApplicationSnapshot {
  readonly sid: string;
  readonly friendlyName: string;
  readonly voiceUrl: string | null;
  readonly voiceMethod: string | null;
  readonly voiceFallbackUrl: string | null;
  readonly voiceFallbackMethod: string | null;
  readonly smsUrl: string | null;
  readonly smsMethod: string | null;
  readonly smsFallbackUrl: string | null;
  readonly smsFallbackMethod: string | null;
}

/** A Messaging Service's inbound settings and the numbers in its sender pool. */
export interface ServiceSnapshot {
  readonly sid: string;
  readonly friendlyName: string;
  readonly inboundRequestUrl: string | null;
  readonly inboundMethod: string | null;
  readonly fallbackUrl: string | null;
  readonly fallbackMethod: string | null;
  readonly useInboundWebhookOnNumber: boolean;
  /**
   * IncomingPhoneNumber SIDs in the pool. Not read (empty) for a service with
   * `useInboundWebhookOnNumber`: its numbers answer with their own URLs anyway.
   */
  readonly phoneNumberSids: readonly string[];
}

export interface TrunkSnapshot {
  readonly sid: string;
  readonly friendlyName: string;
}

/** Everything one account holds that decides what answers its numbers. */
export interface AccountSnapshot {
  readonly numbers: readonly NumberSnapshot[];
  readonly applications: ReadonlyMap<string, ApplicationSnapshot>;
  readonly services: readonly ServiceSnapshot[];
  readonly trunks: ReadonlyMap<string, TrunkSnapshot>;
}

/** Twilio reports an unset field as `null` or `""`: both become `null`. */
export function textOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}
