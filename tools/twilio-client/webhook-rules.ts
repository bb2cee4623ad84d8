/**
 * Twilio's Webhooks configuration API (Public Beta), as the tools read it: Webhook
 * Rules (a URL match and the Settings applied to it) and Webhook Settings (one whole
 * delivery configuration: auth, signing, connection timeouts and retries, edges).
 *
 * Written from Twilio's public pages (read 2026-12-01):
 * https://www.twilio.com/docs/usage/webhooks/webhook-configuration,
 * https://www.twilio.com/docs/usage/webhooks/webhook-rules,
 * https://www.twilio.com/docs/usage/webhooks/webhook-settings,
 * https://www.twilio.com/docs/usage/webhooks/webhook-configuration-faq.
 * Documented there: the base URL, basic auth (API key or account SID and token), the
 * resources' camelCase fields (`id`, `friendlyName`, `matchType` EXACT_MATCH /
 * PREFIX_MATCH / DEFAULT, `value`, `prefix`, `settings` of one or two Settings with a
 * traffic percentage, a Setting's `type` SYSTEM / CUSTOMER and its `connection` part),
 * and that "when a Webhook Rule applies a Setting to a webhook, that Setting's
 * connection configuration takes precedence over any override in the URL"
 * (https://www.twilio.com/docs/usage/webhooks/webhooks-connection-overrides).
 *
 * INFERRED (the pages we could read do not spell them out; kept in WIRE below so they
 * are easy to change): the names inside a Setting's `connection` object, the names
 * inside a Rule's `settings` items (`settingId` is the name the API's Test resource
 * uses), and the list shape (Twilio's version-1 `meta.next_page_url` paging with
 * `PageSize`). A field the reader does not find is shown as "not set", never guessed.
 */

/** Where the API lives; the tools' client routes it to TWILIO_API_BASE_URL like any product. */
export const WEBHOOKS_CONFIGURATION_BASE_URL = 'https://webhooks.twilio.com/v1/Webhooks';

export type RuleMatchType = 'EXACT_MATCH' | 'PREFIX_MATCH' | 'DEFAULT';

/** One Setting a Rule applies, with the share of matching webhooks it receives. */
export interface RuleSettingShare {
  readonly settingId: string;
  /** Percent of the matching traffic (a Rule with two Settings splits it). */
  readonly percentage: number;
}

export interface WebhookRule {
  readonly id: string;
  readonly friendlyName: string;
  readonly matchType: RuleMatchType;
  /** EXACT_MATCH: the URL matched. */
  readonly value: string | null;
  /** PREFIX_MATCH: the prefix matched (Twilio requires it to end with `/`). */
  readonly prefix: string | null;
  readonly settings: readonly RuleSettingShare[];
}

/**
 * A Setting's connection part, in the fragment's terms (ct, rt, tt, rc, rp) so it can
 * be shown beside what the URL's `#ct=…` says. `undefined`: the Setting does not set it.
 */
export interface SettingConnection {
  readonly ct?: number;
  readonly rt?: number;
  readonly tt?: number;
  readonly rc?: number;
  readonly rp?: readonly string[];
}

export interface WebhookSetting {
  readonly id: string;
  readonly friendlyName: string;
  /** SYSTEM: managed by Twilio; CUSTOMER: created by the account. */
  readonly type: string;
  readonly connection: SettingConnection;
}

/**
 * Wire names. Documented: the resource fields. INFERRED: the `connection` keys, the
 * keys of a Rule's `settings` items, the list keys and `meta.next_page_url` paging.
 */
export const WIRE = {
  rulesPath: '/Rules',
  settingsPath: '/Settings',
  rulesKey: 'rules',
  settingsKey: 'settings',
  shareSettingId: 'settingId',
  sharePercentage: 'percentage',
  connection: {
    ct: 'connectTimeout',
    rt: 'readTimeout',
    tt: 'totalTimeout',
    rc: 'retryCount',
    rp: 'retryPolicy',
  },
} as const;
