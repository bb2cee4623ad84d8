/**
 * The fields of an IncomingPhoneNumber this tool reads or writes, as twilio-node names
 * them. Twilio reports an unset field as `null` or `""` depending on the field and the
 * age of the number; both are normalised to `null` here so comparisons are simple.
 */
export interface NumberSnapshot {
  readonly sid: string;
  readonly phoneNumber: string;
  readonly voiceUrl: string | null;
  readonly voiceMethod: string | null;
  readonly voiceFallbackUrl: string | null;
  readonly voiceFallbackMethod: string | null;
  readonly statusCallback: string | null;
  readonly statusCallbackMethod: string | null;
  readonly smsUrl: string | null;
  readonly smsMethod: string | null;
  readonly smsFallbackUrl: string | null;
  readonly smsFallbackMethod: string | null;
  readonly voiceApplicationSid: string | null;
  readonly smsApplicationSid: string | null;
  readonly trunkSid: string | null;
}

/** The writable fields, in the order the before/after table lists them. */
export const NUMBER_FIELDS = [
  'voiceApplicationSid',
  'trunkSid',
  'voiceUrl',
  'voiceMethod',
  'voiceFallbackUrl',
  'voiceFallbackMethod',
  'statusCallback',
  'statusCallbackMethod',
  'smsApplicationSid',
  'smsUrl',
  'smsMethod',
  'smsFallbackUrl',
  'smsFallbackMethod',
] as const satisfies readonly (keyof NumberSnapshot)[];

export type NumberField = (typeof NUMBER_FIELDS)[number];

/** What twilio-node's IncomingPhoneNumberInstance offers for these fields. */
export type NumberInstanceFields = {
  readonly sid: string;
  readonly phoneNumber: string;
} & { readonly [K in NumberField]?: string | null };

export function snapshotOf(instance: NumberInstanceFields): NumberSnapshot {
  const field = (name: NumberField) => {
    const value = instance[name];
    return typeof value === 'string' && value.trim() !== '' ? value : null;
  };
  return {
    sid: instance.sid,
    phoneNumber: instance.phoneNumber,
    voiceUrl: field('voiceUrl'),
    voiceMethod: field('voiceMethod'),
    voiceFallbackUrl: field('voiceFallbackUrl'),
    voiceFallbackMethod: field('voiceFallbackMethod'),
    statusCallback: field('statusCallback'),
    statusCallbackMethod: field('statusCallbackMethod'),
    smsUrl: field('smsUrl'),
    smsMethod: field('smsMethod'),
    smsFallbackUrl: field('smsFallbackUrl'),
    smsFallbackMethod: field('smsFallbackMethod'),
    voiceApplicationSid: field('voiceApplicationSid'),
    smsApplicationSid: field('smsApplicationSid'),
    trunkSid: field('trunkSid'),
  };
}
