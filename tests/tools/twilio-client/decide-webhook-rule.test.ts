import {
  decideWebhookRule,
  decidingRule,
  evaluationOrder,
} from '../../../tools/twilio-client/decide-webhook-rule';
import type { WebhookRule, WebhookSetting } from '../../../tools/twilio-client/webhook-rules';

const rule = (
  id: string,
  matchType: WebhookRule['matchType'],
  match: string | null,
  settings: WebhookRule['settings'] = [{ settingId: 'S1', percentage: 100 }],
): WebhookRule => ({
  id,
  friendlyName: id,
  matchType,
  value: matchType === 'EXACT_MATCH' ? match : null,
  prefix: matchType === 'PREFIX_MATCH' ? match : null,
  settings,
});

const HOST = 'https://guard-1234-dev.twil.io';
const RULES: WebhookRule[] = [
  rule('default', 'DEFAULT', null),
  rule('short-prefix', 'PREFIX_MATCH', `${HOST}/`),
  rule('long-prefix', 'PREFIX_MATCH', `${HOST}/voice/`),
  rule('exact-primary', 'EXACT_MATCH', `${HOST}/primary`),
  rule('exact-with-query', 'EXACT_MATCH', `${HOST}/sms?tenant=a`),
  rule('exact-other-host', 'EXACT_MATCH', 'https://app.example.com/voice'),
];

describe('which Webhook Rule decides a URL (exact, then prefix, then default; longest first)', () => {
  it.each<[string, string, string | undefined]>([
    ['exact match wins over every prefix', `${HOST}/primary`, 'exact-primary'],
    [
      'the fragment is not part of the URL matched',
      `${HOST}/primary#ct=1000&rt=3000`,
      'exact-primary',
    ],
    [
      'a trailing slash still matches an exact Rule (inferred)',
      `${HOST}/primary/`,
      'exact-primary',
    ],
    [
      'a query string the exact Rule does not name still matches (inferred)',
      `${HOST}/primary?x=1`,
      'exact-primary',
    ],
    [
      'an exact Rule with a query matches that query',
      `${HOST}/sms?tenant=a#rt=2000`,
      'exact-with-query',
    ],
    [
      'a trailing slash before the query still matches (inferred)',
      `${HOST}/sms/?tenant=a`,
      'exact-with-query',
    ],
    [
      'an exact Rule with a query does not match another query',
      `${HOST}/sms?tenant=b`,
      'short-prefix',
    ],
    [
      'scheme and host compare case-insensitively',
      'HTTPS://Guard-1234-DEV.twil.io/primary',
      'exact-primary',
    ],
    ['the path compares case-sensitively', `${HOST}/Primary`, 'short-prefix'],
    ['the longest prefix wins', `${HOST}/voice/menu`, 'long-prefix'],
    ['a prefix ending in / does not match the path without it', `${HOST}/voice`, 'short-prefix'],
    ['an exact Rule is not a prefix', `${HOST}/primary/more`, 'short-prefix'],
    ['the default Rule takes what nothing else matched', 'https://other.example.org/x', 'default'],
  ])('%s', (_name, url, expected) => {
    expect(decidingRule(RULES, url)?.id).toBe(expected);
  });

  it.each<[string, WebhookRule[], string]>([
    ['no Rules at all', [], `${HOST}/primary`],
    [
      'only Rules for other URLs',
      [rule('x', 'PREFIX_MATCH', 'https://app.example.com/')],
      `${HOST}/primary`,
    ],
    ['a URL that is not a URL', RULES, 'not a url'],
  ])('no Rule decides (the fragment counts): %s', (_name, rules, url) => {
    expect(decidingRule(rules, url)).toBeUndefined();
  });

  it('orders Rules the way Twilio evaluates them, whatever order they were listed in', () => {
    expect(evaluationOrder(RULES).map((r) => r.id)).toEqual([
      'exact-with-query',
      'exact-primary',
      'exact-other-host',
      'long-prefix',
      'short-prefix',
      'default',
    ]);
  });

  it('gives every Setting of a split with its share, and says when a Setting is not listed', () => {
    const split = rule('split', 'PREFIX_MATCH', `${HOST}/`, [
      { settingId: 'S1', percentage: 90 },
      { settingId: 'S2', percentage: 10 },
    ]);
    const settings = new Map<string, WebhookSetting>([
      ['S1', { id: 'S1', friendlyName: 'steady', type: 'CUSTOMER', connection: { rt: 8000 } }],
    ]);
    const decision = decideWebhookRule([split], settings, `${HOST}/primary#ct=1000`);
    expect(decision?.rule.id).toBe('split');
    expect(decision?.applied.map((a) => [a.share.percentage, a.setting?.connection])).toEqual([
      [90, { rt: 8000 }],
      [10, undefined],
    ]);
  });
});
