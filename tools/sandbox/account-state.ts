/**
 * What the stand-in holds: accounts and, in each, the resources the tools read and
 * write. Field names are twilio-node's (camelCase); the stand-in converts them to and
 * from the API's wire names. Unset is `null`, as the tools normalise it.
 */
/** The URLs a number and a TwiML App share, per channel. */
export interface ChannelUrls {
  voiceUrl: string | null;
  voiceMethod: string;
  voiceFallbackUrl: string | null;
  voiceFallbackMethod: string;
  smsUrl: string | null;
  smsMethod: string;
  smsFallbackUrl: string | null;
  smsFallbackMethod: string;
}

export interface StoredNumber extends ChannelUrls {
  sid: string;
  phoneNumber: string;
  friendlyName: string;
  statusCallback: string | null;
  statusCallbackMethod: string;
  voiceApplicationSid: string | null;
  smsApplicationSid: string | null;
  trunkSid: string | null;
}

export interface StoredApplication extends ChannelUrls {
  sid: string;
  friendlyName: string;
}

export interface StoredService {
  sid: string;
  friendlyName: string;
  inboundRequestUrl: string | null;
  inboundMethod: string;
  fallbackUrl: string | null;
  fallbackMethod: string;
  useInboundWebhookOnNumber: boolean;
  /** IncomingPhoneNumber SIDs in the sender pool, in the order they were added. */
  phoneNumberSids: string[];
}

export interface StoredTrunk {
  sid: string;
  friendlyName: string;
}

/**
 * One account. Issue 16's account tree adds `parentSid` and subaccounts; every
 * resource is already kept per account so that fits without a change of shape.
 */
export interface StoredAccount {
  sid: string;
  authToken: string;
  friendlyName: string;
  numbers: Map<string, StoredNumber>;
  applications: Map<string, StoredApplication>;
  services: Map<string, StoredService>;
  trunks: Map<string, StoredTrunk>;
}

export interface StandInState {
  accounts: Map<string, StoredAccount>;
}

/** A SID of the given prefix whose 32 hex digits are `n` (stable and readable in tests). */
export function sidOf(prefix: string, n: number): string {
  return `${prefix}${n.toString(16).padStart(32, '0')}`;
}

export function emptyAccount(sid: string, authToken: string, friendlyName: string): StoredAccount {
  return {
    sid,
    authToken,
    friendlyName,
    numbers: new Map(),
    applications: new Map(),
    services: new Map(),
    trunks: new Map(),
  };
}

const NO_URLS: ChannelUrls = {
  voiceUrl: null,
  voiceMethod: 'POST',
  voiceFallbackUrl: null,
  voiceFallbackMethod: 'POST',
  smsUrl: null,
  smsMethod: 'POST',
  smsFallbackUrl: null,
  smsFallbackMethod: 'POST',
};

/** A number with nothing configured; `fields` sets what the test or seed needs. */
export function numberRecord(
  sid: string,
  phoneNumber: string,
  fields: Partial<StoredNumber> = {},
): StoredNumber {
  return {
    sid,
    phoneNumber,
    friendlyName: phoneNumber,
    ...NO_URLS,
    statusCallback: null,
    statusCallbackMethod: 'POST',
    voiceApplicationSid: null,
    smsApplicationSid: null,
    trunkSid: null,
    ...fields,
  };
}

export function applicationRecord(
  sid: string,
  fields: Partial<StoredApplication> = {},
): StoredApplication {
  return {
    sid,
    friendlyName: `TwiML App ${sid.slice(-4)}`,
    ...NO_URLS,
    ...fields,
  };
}

export function serviceRecord(sid: string, fields: Partial<StoredService> = {}): StoredService {
  return {
    sid,
    friendlyName: `Messaging Service ${sid.slice(-4)}`,
    inboundRequestUrl: null,
    inboundMethod: 'POST',
    fallbackUrl: null,
    fallbackMethod: 'POST',
    useInboundWebhookOnNumber: false,
    phoneNumberSids: [],
    ...fields,
  };
}
