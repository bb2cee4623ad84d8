/**
 * Reads an account's Webhook Rules and Settings once (list pages only, following
 * `meta.next_page_url`) through the tools' one REST client. Where the API is not
 * enabled for the account or cannot be reached, the answer says so in one line and
 * the run goes on: the Webhooks configuration API is a Public Beta an account may not
 * have, and what it would add is a warning, never a reason to fail.
 */
import type { TwilioClient } from './create-client';
import { describeApiError } from './describe-api-error';
import {
  WEBHOOKS_CONFIGURATION_BASE_URL,
  WIRE,
  type RuleMatchType,
  type SettingConnection,
  type WebhookRule,
  type WebhookSetting,
} from './webhook-rules';
import { NUMERIC_KEYS } from '../emulator/connection-overrides';

export type WebhookConfiguration =
  | {
      readonly available: true;
      readonly rules: readonly WebhookRule[];
      readonly settings: ReadonlyMap<string, WebhookSetting>;
    }
  | { readonly available: false; readonly reason: string };

/** Pages followed at most per list: a bound, so a link loop cannot keep a tool running. */
export const MAX_WEBHOOK_PAGES = 50;

const DEFAULT_PAGE_SIZE = 100;

/** An HTTP error answer, shaped as twilio-node's RestException so describeApiError reads it. */
class WebhooksApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: number,
    readonly moreInfo?: string,
  ) {
    super(message);
  }
}

/** More pages than MAX_WEBHOOK_PAGES: the list was not read whole. */
class PageBoundError extends Error {}

function parsedBody(body: unknown): Record<string, unknown> {
  if (typeof body === 'string') {
    try {
      return (JSON.parse(body) ?? {}) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
}

async function listAll(
  client: TwilioClient,
  path: string,
  key: string,
  pageSize: number,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let uri: string | undefined = `${WEBHOOKS_CONFIGURATION_BASE_URL}${path}`;
  let params: Record<string, unknown> | undefined = { PageSize: pageSize };
  for (let page = 0; uri !== undefined && page < MAX_WEBHOOK_PAGES; page += 1) {
    const response = (await client.request({
      method: 'get',
      uri,
      ...(params ? { params } : {}),
    })) as {
      statusCode: number;
      body: unknown;
    };
    const body = parsedBody(response.body);
    if (response.statusCode >= 400) {
      throw new WebhooksApiError(
        response.statusCode,
        typeof body.message === 'string' ? body.message : '',
        typeof body.code === 'number' ? body.code : undefined,
        typeof body.more_info === 'string' ? body.more_info : undefined,
      );
    }
    const list = body[key];
    if (Array.isArray(list)) items.push(...(list as Record<string, unknown>[]));
    const next = (body.meta as Record<string, unknown> | undefined)?.next_page_url;
    // The next link carries its own query (PageSize, PageToken): sent as is.
    uri = typeof next === 'string' && next !== '' ? next : undefined;
    params = undefined;
  }
  // A Rule on a page not read could be the one that decides: not "no Rule", but not checked.
  if (uri !== undefined) {
    throw new PageBoundError(`more than ${MAX_WEBHOOK_PAGES} pages of ${key}, stopped reading`);
  }
  return items;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const textOrNull = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;
const wholeNumber = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

function ruleOf(raw: Record<string, unknown>): WebhookRule | undefined {
  const matchType = text(raw.matchType).toUpperCase();
  if (!['EXACT_MATCH', 'PREFIX_MATCH', 'DEFAULT'].includes(matchType)) return undefined;
  const shares = Array.isArray(raw.settings) ? (raw.settings as Record<string, unknown>[]) : [];
  return {
    id: text(raw.id),
    friendlyName: text(raw.friendlyName),
    matchType: matchType as RuleMatchType,
    value: textOrNull(raw.value),
    prefix: textOrNull(raw.prefix),
    settings: shares.map((share) => ({
      settingId: text(share?.[WIRE.shareSettingId]),
      percentage: wholeNumber(share?.[WIRE.sharePercentage]) ?? 100,
    })),
  };
}

function connectionOf(raw: unknown): SettingConnection {
  const wire = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const names = WIRE.connection;
  const policy = wire[names.rp];
  const connection: { -readonly [K in keyof SettingConnection]: SettingConnection[K] } = {};
  for (const key of NUMERIC_KEYS) {
    const value = wholeNumber(wire[names[key]]);
    if (value !== undefined) connection[key] = value;
  }
  if (Array.isArray(policy)) connection.rp = policy.map(String);
  else if (typeof policy === 'string' && policy !== '') connection.rp = policy.split(',');
  return connection;
}

function settingOf(raw: Record<string, unknown>): WebhookSetting {
  return {
    id: text(raw.id),
    friendlyName: text(raw.friendlyName),
    type: text(raw.type),
    connection: connectionOf(raw.connection),
  };
}

/**
 * The account's Rules and Settings, or why they could not be read (one line). 401,
 * 403 and 404 read as "not enabled for this account" (inferred: Twilio does not
 * document which status a Public Beta API answers an account that lacks it).
 */
export async function readWebhookConfiguration(
  client: TwilioClient,
  pageSize = DEFAULT_PAGE_SIZE,
): Promise<WebhookConfiguration> {
  try {
    const rawRules = await listAll(client, WIRE.rulesPath, WIRE.rulesKey, pageSize);
    const rules = rawRules.map(ruleOf).filter((rule): rule is WebhookRule => rule !== undefined);
    if (rules.length === 0) return { available: true, rules, settings: new Map() };
    const rawSettings = await listAll(client, WIRE.settingsPath, WIRE.settingsKey, pageSize);
    const settings = new Map(rawSettings.map(settingOf).map((setting) => [setting.id, setting]));
    return { available: true, rules, settings };
  } catch (error) {
    return { available: false, reason: unavailableReason(error) };
  }
}

const NOT_ENABLED_STATUSES = new Set([401, 403, 404]);

function unavailableReason(error: unknown): string {
  if (error instanceof PageBoundError) {
    return `Webhook Rules not checked: ${error.message}; a Rule there would override the URL's #ct=… timeouts`;
  }
  const status = error instanceof WebhooksApiError ? error.status : undefined;
  const lead =
    status !== undefined && NOT_ENABLED_STATUSES.has(status)
      ? 'Webhook Rules not checked: the Webhooks configuration API (Public Beta) is not enabled for this account or these credentials'
      : 'Webhook Rules not checked: the Webhooks configuration API could not be read';
  return `${lead} (${describeApiError(error, 'listing Webhook Rules')}); a Rule there would override the URL's #ct=… timeouts`;
}
