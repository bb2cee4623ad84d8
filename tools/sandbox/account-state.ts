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

/** Twilio's account statuses (Accounts.json `Status` filter). */
export type AccountStatus = 'active' | 'suspended' | 'closed';

/** Twilio Serverless visibility of a deployed path (upper case on the wire, as Twilio sends it). */
export type PathVisibility = 'public' | 'protected' | 'private';

export interface StoredBuild {
  sid: string;
  functionVersions: { path: string; visibility: PathVisibility }[];
  assetVersions: { path: string; visibility: PathVisibility }[];
}

export interface StoredEnvironment {
  sid: string;
  uniqueName: string;
  domainSuffix: string | null;
  domainName: string;
  buildSid: string | null;
}

/** A Serverless Service (what `twilio-run deploy` creates), its environments and builds. */
export interface StoredServerlessService {
  sid: string;
  uniqueName: string;
  friendlyName: string;
  environments: StoredEnvironment[];
  builds: Map<string, StoredBuild>;
}

/**
 * A Webhook Rule of the Webhooks configuration API (Public Beta), stored under its wire
 * names (that API answers camelCase JSON); see tools/sandbox/webhooks-v1.openapi.json for
 * the doc pages it follows and which names are inferred.
 */
export interface StoredWebhookRule {
  id: string;
  friendlyName: string;
  matchType: 'EXACT_MATCH' | 'PREFIX_MATCH' | 'DEFAULT';
  value: string | null;
  prefix: string | null;
  settings: { settingId: string; percentage: number }[];
}

/** A Webhook Setting: only its connection part matters to this project. */
export interface StoredWebhookSetting {
  id: string;
  type: 'SYSTEM' | 'CUSTOMER';
  friendlyName: string;
  connection: {
    connectTimeout?: number;
    readTimeout?: number;
    totalTimeout?: number;
    retryCount?: number;
    retryPolicy?: string[];
  };
}

/**
 * The account's Webhooks configuration. `enabled: false` plays an account without the
 * Public Beta: every request answers 403 (inferred status, see the OpenAPI stand-in).
 */
export interface StoredWebhooks {
  enabled: boolean;
  rules: StoredWebhookRule[];
  settings: StoredWebhookSetting[];
}

/** `webhooks_rule_` / `webhooks_setting_` plus 26 characters, as Twilio's ids are. */
export function webhookIdOf(kind: 'rule' | 'setting', n: number): string {
  return `webhooks_${kind}_${n.toString(36).padStart(26, '0')}`;
}

/**
 * Adds a CUSTOMER Setting and a Rule that applies it alone (100%), both numbered `n`
 * (webhookIdOf): the usual shape of a Rule over a primary. Returns the Rule's id.
 */
export function addWebhookRule(
  webhooks: StoredWebhooks,
  n: number,
  rule: Pick<StoredWebhookRule, 'friendlyName' | 'matchType'> &
    Partial<Pick<StoredWebhookRule, 'value' | 'prefix'>>,
  setting: Pick<StoredWebhookSetting, 'friendlyName' | 'connection'>,
): string {
  const settingId = webhookIdOf('setting', n);
  const id = webhookIdOf('rule', n);
  webhooks.settings.push({ id: settingId, type: 'CUSTOMER', ...setting });
  webhooks.rules.push({
    id,
    value: null,
    prefix: null,
    ...rule,
    settings: [{ settingId, percentage: 100 }],
  });
  return id;
}

/**
 * One account of a tree. A subaccount names its parent in `ownerAccountSid`; a parent
 * names itself (Twilio's Account resource: "The OwnerAccountSid of a parent account is
 * its own sid"). Every resource is kept per account.
 */
export interface StoredAccount {
  sid: string;
  authToken: string;
  friendlyName: string;
  ownerAccountSid: string;
  status: AccountStatus;
  serverless: Map<string, StoredServerlessService>;
  numbers: Map<string, StoredNumber>;
  applications: Map<string, StoredApplication>;
  services: Map<string, StoredService>;
  trunks: Map<string, StoredTrunk>;
  webhooks: StoredWebhooks;
}

export interface StandInState {
  accounts: Map<string, StoredAccount>;
}

/** A SID of the given prefix whose 32 hex digits are `n` (stable and readable in tests). */
export function sidOf(prefix: string, n: number): string {
  return `${prefix}${n.toString(16).padStart(32, '0')}`;
}

export function emptyAccount(
  sid: string,
  authToken: string,
  friendlyName: string,
  tree: { ownerAccountSid?: string; status?: AccountStatus } = {},
): StoredAccount {
  return {
    sid,
    authToken,
    friendlyName,
    ownerAccountSid: tree.ownerAccountSid ?? sid,
    status: tree.status ?? 'active',
    serverless: new Map(),
    numbers: new Map(),
    applications: new Map(),
    services: new Map(),
    trunks: new Map(),
    webhooks: { enabled: true, rules: [], settings: [] },
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
