import type { RuleDecision } from '../../../tools/twilio-client/decide-webhook-rule';
import {
  effectiveSettingOverrides,
  ruleConnection,
  settingOverrides,
  urlUnderSetting,
} from '../../../tools/twilio-client/rule-connection';
import type { SettingConnection, WebhookSetting } from '../../../tools/twilio-client/webhook-rules';

const PRIMARY = 'https://guard-1234-dev.twil.io/primary';

describe("a Webhook Setting's connection in the emulator's terms", () => {
  it.each<[string, SettingConnection, ReturnType<typeof settingOverrides>]>([
    [
      'every value it sets',
      { ct: 2000, rt: 8000, tt: 10000, rc: 2, rp: ['5xx', 'rt'] },
      { ct: 2000, rt: 8000, tt: 10000, rc: 2, rp: ['5xx', 'rt'] },
    ],
    ['nothing it leaves unset', { rt: 3000 }, { rt: 3000 }],
    [
      'policy items the fragment does not know are dropped',
      { rp: ['5xx', 'sometimes'] },
      { rp: ['5xx'] },
    ],
    ['a policy of unknown items only: none (the default applies)', { rp: ['sometimes'] }, {}],
  ])('%s', (_what, connection, expected) => {
    expect(settingOverrides(connection)).toEqual(expected);
  });

  it.each<[string, SettingConnection, ReturnType<typeof effectiveSettingOverrides>]>([
    [
      'unset keys are Twilio’s defaults',
      { rt: 3000 },
      { ct: 5000, rt: 3000, tt: 15000, rc: 1, rp: ['ct'] },
    ],
    [
      'values outside Twilio’s ranges are clamped, by the fragment’s one parser',
      { ct: 50, rt: 20000, rc: 9 },
      { ct: 100, rt: 15000, tt: 15000, rc: 5, rp: ['ct'] },
    ],
  ])('what Twilio applies: %s', (_what, connection, expected) => {
    expect(effectiveSettingOverrides(connection)).toEqual(expected);
  });

  it.each<[string, string, SettingConnection, string]>([
    [
      'replaces the fragment’s timing keys',
      `${PRIMARY}#ct=1000&rt=3000&tt=4000`,
      { rt: 8000 },
      `${PRIMARY}#rt=8000`,
    ],
    [
      'keeps the keys that are not timing (edge, SNI)',
      `${PRIMARY}#rt=1000&e=ashburn`,
      { rt: 8000, rc: 0 },
      `${PRIMARY}#rt=8000&rc=0&e=ashburn`,
    ],
    ['adds a fragment to a URL without one', PRIMARY, { ct: 2000 }, `${PRIMARY}#ct=2000`],
    ['a Setting with no timeouts leaves Twilio’s defaults', `${PRIMARY}#rt=1000`, {}, PRIMARY],
  ])('the URL to emulate %s', (_what, url, connection, expected) => {
    expect(urlUnderSetting(url, connection)).toBe(expected);
  });
});

const setting = (id: string, connection: SettingConnection): WebhookSetting => ({
  id,
  friendlyName: id,
  type: 'CUSTOMER',
  connection,
});
const STRICT = setting('strict', { rt: 1000 });
const GENEROUS = setting('generous', { rt: 3000 });
/** A long connect timeout and a short read timeout: the longer worst case of the two. */
const SLOW_CONNECT = setting('slow-connect', { ct: 9000, rt: 2000, tt: 15000 });

const decisionOf = (...applied: [string, WebhookSetting | undefined][]): RuleDecision => ({
  rule: {
    id: 'rule',
    friendlyName: 'rule',
    matchType: 'EXACT_MATCH',
    value: PRIMARY,
    prefix: null,
    settings: applied.map(([settingId]) => ({ settingId, percentage: 100 / applied.length })),
  },
  applied: applied.map(([settingId, found]) => ({
    share: { settingId, percentage: 100 / applied.length },
    setting: found,
  })),
});

describe('which Setting the probe plays for a URL a Rule decides', () => {
  it.each<[string, RuleDecision, { id: string; split: boolean; url: string } | undefined]>([
    [
      'one Setting: that one',
      decisionOf(['strict', STRICT]),
      { id: 'strict', split: false, url: `${PRIMARY}#rt=1000` },
    ],
    [
      'a split: the slower (longer worst-case wait), whatever its order',
      decisionOf(['generous', GENEROUS], ['strict', STRICT]),
      { id: 'generous', split: true, url: `${PRIMARY}#rt=3000` },
    ],
    [
      'a split: slower is the longer worst case (min(tt, ct + rt)), not the longer rt alone',
      decisionOf(['generous', GENEROUS], ['slow-connect', SLOW_CONNECT]),
      { id: 'slow-connect', split: true, url: `${PRIMARY}#ct=9000&rt=2000&tt=15000` },
    ],
    [
      'a split with one Setting not listed: the listed one, still a split',
      decisionOf(['missing', undefined], ['strict', STRICT]),
      { id: 'strict', split: true, url: `${PRIMARY}#rt=1000` },
    ],
    [
      'no Setting listed: none (the fragment is all there is)',
      decisionOf(['missing', undefined]),
      undefined,
    ],
  ])('%s', (_what, decision, expected) => {
    const connection = ruleConnection(`${PRIMARY}#rt=9000`, decision);
    expect(
      connection && { id: connection.setting.id, split: connection.split, url: connection.url },
    ).toEqual(expected);
  });
});
