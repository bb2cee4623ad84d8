/** The pure core of `configure`: options → request → plan (fields, shadows) → table. */
import { renderChangeTable, renderReport, reportOf } from '../../../tools/configure/change-table';
import {
  buildConfigureRequest,
  type ConfigureRequest,
  type RawConfigureOptions,
} from '../../../tools/configure/configure-request';
import type { MessagingMembership } from '../../../tools/twilio-client/messaging-membership';
import type { NumberSnapshot } from '../../../tools/twilio-client/number-snapshot';
import { planChange } from '../../../tools/configure/plan-change';
import { fallbackFor } from '../../../tools/audit/plan-fix';

const SID = 'PN' + '1'.repeat(32);
const DOMAIN = 'guard-1234-dev.twil.io';
const APP = 'AP' + '2'.repeat(32);
const SMS_APP = 'AP' + '3'.repeat(32);
const TRUNK = 'TK' + '4'.repeat(32);

const blankNumber: NumberSnapshot = {
  sid: SID,
  phoneNumber: '+14155550100',
  voiceUrl: null,
  voiceMethod: 'POST',
  voiceFallbackUrl: null,
  voiceFallbackMethod: 'POST',
  statusCallback: null,
  statusCallbackMethod: 'POST',
  smsUrl: null,
  smsMethod: 'POST',
  smsFallbackUrl: null,
  smsFallbackMethod: 'POST',
  voiceApplicationSid: null,
  smsApplicationSid: null,
  trunkSid: null,
};

function request(raw: Omit<RawConfigureOptions, 'number'>): ConfigureRequest {
  const built = buildConfigureRequest({ number: '+14155550100', domain: DOMAIN, ...raw });
  if (!built.ok) throw new Error(built.reason);
  return built.value;
}

const service: MessagingMembership = {
  serviceSid: 'MG' + '5'.repeat(32),
  friendlyName: 'Marketing',
  useInboundWebhookOnNumber: false,
  phoneNumberCount: 3,
};

describe('buildConfigureRequest', () => {
  it.each<[string, RawConfigureOptions, string]>([
    ['no number', {}, '--number is required (E.164 such as +14155550100, or a PN… SID)'],
    ['bad method', { number: '+14155550100', method: 'PUT' }, '--method "PUT" is not GET or POST'],
    [
      'bad fallback method',
      { number: '+14155550100', fallbackMethod: 'x' },
      '--fallback-method "x" is not GET or POST',
    ],
    [
      'timeout without fast failover',
      { number: '+14155550100', readTimeout: '5000' },
      '--read-timeout adjusts --fast-failover: add --fast-failover',
    ],
    [
      'timeout out of range',
      { number: '+14155550100', fastFailover: true, connectTimeout: '50' },
      '--connect-timeout "50" is out of range: Twilio accepts ct from 100 to 10000 ms',
    ],
    [
      'total timeout below the read timeout',
      { number: '+14155550100', fastFailover: true, totalTimeout: '2000' },
      '--total-timeout 2000 is below --read-timeout 3000: tt is the total for all attempts, so it must be at least ct and rt',
    ],
    [
      'total timeout below the connect timeout',
      {
        number: '+14155550100',
        fastFailover: true,
        connectTimeout: '5000',
        readTimeout: '500',
        totalTimeout: '4000',
      },
      '--total-timeout 4000 is below --connect-timeout 5000: tt is the total for all attempts, so it must be at least ct and rt',
    ],
    [
      'timeouts with --no-fast-failover',
      { number: '+14155550100', fastFailover: false, totalTimeout: '4000' },
      '--total-timeout adjusts --fast-failover: add --fast-failover',
    ],
    [
      'status callback for messages only',
      { number: '+14155550100', sms: true, statusCallback: 'https://e.com/s' },
      '--status-callback reports call status: it needs --voice (or neither --voice nor --sms)',
    ],
    [
      'relative status callback',
      { number: '+14155550100', statusCallback: '/status' },
      '--status-callback "/status" is not an absolute http(s) URL',
    ],
    [
      'status callback method alone',
      { number: '+14155550100', statusCallbackMethod: 'GET' },
      '--status-callback-method needs --status-callback',
    ],
    [
      'voice flag with --sms only',
      { number: '+14155550100', sms: true, clearVoiceApplication: true },
      '--clear-voice-application acts on calls: it needs --voice',
    ],
    [
      'trunk flag with --sms only',
      { number: '+14155550100', sms: true, clearTrunk: true },
      '--clear-trunk acts on calls: it needs --voice',
    ],
    [
      'sms flag with --voice only',
      { number: '+14155550100', voice: true, useInboundWebhookOnNumber: true },
      '--use-inbound-webhook-on-number acts on messages: it needs --sms',
    ],
  ])('refuses %s', (_name, raw, reason) => {
    expect(buildConfigureRequest(raw)).toEqual({ ok: false, reason });
  });

  it.each<[string, Omit<RawConfigureOptions, 'number'>, boolean, boolean]>([
    ['neither flag: both', {}, true, true],
    ['--voice', { voice: true }, true, false],
    ['--sms', { sms: true }, false, true],
    ['both flags', { voice: true, sms: true }, true, true],
  ])('channels: %s', (_name, raw, voice, sms) => {
    expect(request(raw)).toMatchObject({ voice, sms });
  });

  it.each<[string, Omit<RawConfigureOptions, 'number'>, string, string]>([
    ['no flag', {}, 'POST', 'POST'],
    ['--static-fallback', { staticFallback: true }, 'GET', 'GET'],
    [
      '--static-fallback --fallback-method post',
      { staticFallback: true, fallbackMethod: 'post' },
      'POST',
      'POST',
    ],
    ['--fallback-method GET', { fallbackMethod: 'GET' }, 'GET', 'GET'],
  ])('fallback methods with %s: voice %s, SMS %s', (_name, raw, voiceMethod, smsMethod) => {
    expect(request(raw)).toMatchObject({
      voiceFallbackMethod: voiceMethod,
      smsFallbackMethod: smsMethod,
    });
  });

  it('fills fast-failover timeouts from the defaults, adjusted by the flags', () => {
    expect(request({ fastFailover: true, totalTimeout: '6000' }).fastFailover).toEqual({
      ct: 1000,
      rt: 3000,
      tt: 6000,
    });
    expect(request({}).fastFailover).toBeUndefined();
  });
});

describe('planChange: what is sent', () => {
  const primary = `https://${DOMAIN}/primary`;
  const fallback = `https://${DOMAIN}/fallback`;
  const errorXml = `https://${DOMAIN}/error.xml`;
  const errorSmsXml = `https://${DOMAIN}/error-sms.xml`;
  it.each<[string, Omit<RawConfigureOptions, 'number'>, Record<string, string>]>([
    [
      'defaults (voice and SMS)',
      {},
      { voiceUrl: primary, voiceFallbackUrl: fallback, smsUrl: primary, smsFallbackUrl: fallback },
    ],
    ['--voice', { voice: true }, { voiceUrl: primary, voiceFallbackUrl: fallback }],
    ['--sms', { sms: true }, { smsUrl: primary, smsFallbackUrl: fallback }],
    [
      '--static-fallback',
      { voice: true, staticFallback: true },
      { voiceUrl: primary, voiceFallbackUrl: errorXml, voiceFallbackMethod: 'GET' },
    ],
    [
      '--sms --static-fallback: the messaging document',
      { sms: true, staticFallback: true },
      { smsUrl: primary, smsFallbackUrl: errorSmsXml, smsFallbackMethod: 'GET' },
    ],
    [
      '--static-fallback with both channels: each its own document',
      { staticFallback: true },
      {
        voiceUrl: primary,
        voiceFallbackUrl: errorXml,
        voiceFallbackMethod: 'GET',
        smsUrl: primary,
        smsFallbackUrl: errorSmsXml,
        smsFallbackMethod: 'GET',
      },
    ],
    [
      '--method GET --fallback-method GET',
      { sms: true, method: 'GET', fallbackMethod: 'GET' },
      { smsUrl: primary, smsMethod: 'GET', smsFallbackUrl: fallback, smsFallbackMethod: 'GET' },
    ],
    [
      '--fast-failover',
      { voice: true, fastFailover: true },
      { voiceUrl: `${primary}#ct=1000&rt=3000&tt=4000`, voiceFallbackUrl: fallback },
    ],
    [
      '--fast-failover with adjusted timeouts',
      {
        sms: true,
        fastFailover: true,
        connectTimeout: '500',
        readTimeout: '5000',
        totalTimeout: '6000',
      },
      { smsUrl: `${primary}#ct=500&rt=5000&tt=6000`, smsFallbackUrl: fallback },
    ],
    [
      '--status-callback',
      {
        voice: true,
        statusCallback: 'https://status.example.com/calls',
        statusCallbackMethod: 'GET',
      },
      {
        voiceUrl: primary,
        voiceFallbackUrl: fallback,
        statusCallback: 'https://status.example.com/calls',
        statusCallbackMethod: 'GET',
      },
    ],
  ])('%s', (_name, raw, update) => {
    const plan = planChange({
      request: request(raw),
      domain: DOMAIN,
      number: blankNumber,
      memberships: [],
    });
    expect(plan.numberUpdate).toEqual(update);
    expect(plan.refusals).toEqual([]);
    expect(plan.changes.map((change) => [change.field, change.after])).toEqual(
      Object.entries(update),
    );
  });

  it('sends nothing for a number that already points at the Functions', () => {
    const configured: NumberSnapshot = {
      ...blankNumber,
      voiceUrl: primary,
      voiceFallbackUrl: fallback,
      smsUrl: primary,
      smsFallbackUrl: fallback,
    };
    const plan = planChange({
      request: request({}),
      domain: DOMAIN,
      number: configured,
      memberships: [],
    });
    expect(plan.changes).toEqual([]);
    expect(plan.numberUpdate).toEqual({});
    expect(renderReport(reportOf(plan, 'unchanged'))).toBe(
      `+14155550100 (${SID}) already points at https://${DOMAIN}: nothing to change.`,
    );
  });

  it('removes connection overrides when --fast-failover is not given again', () => {
    const fast: NumberSnapshot = {
      ...blankNumber,
      voiceUrl: `${primary}#ct=1000&rt=3000&tt=4000`,
      voiceFallbackUrl: fallback,
    };
    const plan = planChange({
      request: request({ voice: true }),
      domain: DOMAIN,
      number: fast,
      memberships: [],
    });
    expect(plan.numberUpdate).toEqual({ voiceUrl: primary });
  });
});

describe('planChange: --keep-primary (your own app stays the primary)', () => {
  const app = 'https://app.example.com/voice';
  const own: NumberSnapshot = { ...blankNumber, voiceUrl: app, voiceMethod: 'GET', smsUrl: app };
  it.each<[string, Omit<RawConfigureOptions, 'number'>, Record<string, string>]>([
    [
      'sets only the fallbacks',
      { keepPrimary: true },
      {
        voiceFallbackUrl: `https://${DOMAIN}/fallback`,
        smsFallbackUrl: `https://${DOMAIN}/fallback`,
      },
    ],
    [
      'with --static-fallback',
      { keepPrimary: true, voice: true, staticFallback: true },
      { voiceFallbackUrl: `https://${DOMAIN}/error.xml`, voiceFallbackMethod: 'GET' },
    ],
    [
      'adds fast failover to your URL, keeping its other overrides',
      { keepPrimary: true, voice: true, fastFailover: true },
      {
        voiceUrl: `${app}#ct=1000&rt=3000&tt=4000&e=dublin`,
        voiceFallbackUrl: `https://${DOMAIN}/fallback`,
      },
    ],
  ])('%s', (_name, raw, update) => {
    const number = raw.fastFailover ? { ...own, voiceUrl: `${app}#e=dublin` } : own;
    const plan = planChange({ request: request(raw), domain: DOMAIN, number, memberships: [] });
    expect(plan.problems).toEqual([]);
    expect(plan.numberUpdate).toEqual(update);
  });

  it.each<[string, string, Omit<RawConfigureOptions, 'number'>, Record<string, string>]>([
    [
      '--no-fast-failover removes ct, rt and tt from your URL, keeping its other overrides',
      `${app}#ct=1000&rt=3000&tt=4000&e=dublin`,
      { keepPrimary: true, voice: true, fastFailover: false },
      { voiceUrl: `${app}#e=dublin`, voiceFallbackUrl: `https://${DOMAIN}/fallback` },
    ],
    [
      '--no-fast-failover leaves no empty fragment behind',
      `${app}#ct=500&tt=2000`,
      { keepPrimary: true, voice: true, fastFailover: false },
      { voiceUrl: app, voiceFallbackUrl: `https://${DOMAIN}/fallback` },
    ],
    [
      'without either flag the kept URL keeps its fragment as it is',
      `${app}#ct=1000&rt=3000&tt=4000`,
      { keepPrimary: true, voice: true },
      { voiceFallbackUrl: `https://${DOMAIN}/fallback` },
    ],
  ])('%s', (_name, voiceUrl, raw, update) => {
    const number = { ...own, voiceUrl };
    const plan = planChange({ request: request(raw), domain: DOMAIN, number, memberships: [] });
    expect(plan.numberUpdate).toEqual(update);
  });

  it('cannot keep a primary URL the number does not have', () => {
    const plan = planChange({
      request: request({ keepPrimary: true }),
      domain: DOMAIN,
      number: blankNumber,
      memberships: [],
    });
    expect(plan.problems).toEqual([
      '--keep-primary: +14155550100 has no Voice URL to keep (add --sms to configure messages only)',
      '--keep-primary: +14155550100 has no SMS URL to keep (add --voice to configure calls only)',
    ]);
  });

  it('refuses --method with it', () => {
    expect(
      buildConfigureRequest({ number: '+14155550100', keepPrimary: true, method: 'GET' }),
    ).toEqual({
      ok: false,
      reason: "--method sets the primary URL's method, which --keep-primary leaves as it is",
    });
  });
});

describe('planChange: shadowing', () => {
  it.each<[string, Partial<NumberSnapshot>, Omit<RawConfigureOptions, 'number'>, string[]]>([
    ['a voice TwiML App', { voiceApplicationSid: APP }, {}, ['--clear-voice-application']],
    ['a SIP trunk', { trunkSid: TRUNK }, {}, ['--clear-trunk']],
    ['an SMS TwiML App', { smsApplicationSid: SMS_APP }, {}, ['--clear-sms-application']],
    [
      'an App and a trunk',
      { voiceApplicationSid: APP, trunkSid: TRUNK },
      {},
      ['--clear-voice-application', '--clear-trunk'],
    ],
    ['an SMS App, configuring voice only', { smsApplicationSid: SMS_APP }, { voice: true }, []],
    ['a voice App, configuring SMS only', { voiceApplicationSid: APP }, { sms: true }, []],
    [
      'a voice App, with its flag',
      { voiceApplicationSid: APP },
      { clearVoiceApplication: true },
      [],
    ],
  ])('%s', (_name, fields, raw, flags) => {
    const plan = planChange({
      request: request(raw),
      domain: DOMAIN,
      number: { ...blankNumber, ...fields },
      memberships: [],
    });
    expect(plan.refusals.map((refusal) => refusal.flag)).toEqual(flags);
  });

  it('names the App and what the flag does', () => {
    const plan = planChange({
      request: request({}),
      domain: DOMAIN,
      number: { ...blankNumber, voiceApplicationSid: APP },
      memberships: [],
    });
    expect(renderReport(reportOf(plan, 'refused'))).toBe(
      [
        `Refusing to change +14155550100 (${SID}): its new URLs would be ignored.`,
        `  - calls to +14155550100 use TwiML App ${APP}'s Voice URLs, not the number's; --clear-voice-application detaches the App from this number (the App itself is left unchanged)`,
        'Nothing was changed. Re-run with the flag named above to act on it.',
      ].join('\n'),
    );
  });

  it.each<
    [string, Partial<NumberSnapshot>, Omit<RawConfigureOptions, 'number'>, Record<string, string>]
  >([
    [
      '--clear-voice-application',
      { voiceApplicationSid: APP },
      { voice: true, clearVoiceApplication: true },
      { voiceApplicationSid: '' },
    ],
    ['--clear-trunk', { trunkSid: TRUNK }, { voice: true, clearTrunk: true }, { trunkSid: '' }],
    [
      '--clear-sms-application',
      { smsApplicationSid: SMS_APP },
      { sms: true, clearSmsApplication: true },
      { smsApplicationSid: '' },
    ],
  ])('%s clears the SID with an empty value in the same update', (_name, fields, raw, cleared) => {
    const plan = planChange({
      request: request(raw),
      domain: DOMAIN,
      number: { ...blankNumber, ...fields },
      memberships: [],
    });
    expect(plan.refusals).toEqual([]);
    expect(plan.numberUpdate).toMatchObject(cleared);
    const [field] = Object.keys(cleared);
    expect(plan.changes[0]).toEqual({
      resource: '+14155550100',
      field,
      before: Object.values(fields)[0],
      after: null,
    });
  });

  it('refuses a Messaging Service that owns inbound messages, naming its size', () => {
    const plan = planChange({
      request: request({}),
      domain: DOMAIN,
      number: blankNumber,
      memberships: [service],
    });
    expect(plan.refusals).toHaveLength(1);
    expect(plan.refusals[0]?.flag).toBe('--use-inbound-webhook-on-number');
    expect(plan.refusals[0]?.explanation).toContain('(this one and 2 others)');
    expect(plan.refusals[0]?.explanation).toContain('configure calls only with --voice');
    expect(plan.serviceUpdates).toEqual([]);
  });

  it('with --use-inbound-webhook-on-number, plans the service switch after the number', () => {
    const plan = planChange({
      request: request({ useInboundWebhookOnNumber: true }),
      domain: DOMAIN,
      number: blankNumber,
      memberships: [service],
    });
    expect(plan.refusals).toEqual([]);
    expect(plan.serviceUpdates).toEqual([
      {
        serviceSid: service.serviceSid,
        friendlyName: 'Marketing',
        useInboundWebhookOnNumber: true,
      },
    ]);
    expect(plan.changes.at(-1)).toEqual({
      resource: `Messaging Service ${service.serviceSid}`,
      field: 'useInboundWebhookOnNumber',
      before: 'false',
      after: 'true',
    });
  });

  it('ignores a Messaging Service when configuring voice only', () => {
    const plan = planChange({
      request: request({ voice: true }),
      domain: DOMAIN,
      number: blankNumber,
      memberships: [service],
    });
    expect(plan.refusals).toEqual([]);
  });

  it('notes a clearing flag that has nothing to act on', () => {
    const plan = planChange({
      request: request({ clearTrunk: true }),
      domain: DOMAIN,
      number: blankNumber,
      memberships: [],
    });
    expect(plan.notes).toEqual(['--clear-trunk: nothing to act on for +14155550100']);
    expect(plan.numberUpdate).not.toHaveProperty('trunkSid');
  });
});

describe('the before/after table', () => {
  it('lists every change with aligned columns', () => {
    expect(
      renderChangeTable([
        {
          resource: '+14155550100',
          field: 'voiceUrl',
          before: null,
          after: 'https://h.twil.io/primary',
        },
        { resource: '+14155550100', field: 'voiceMethod', before: 'GET', after: 'POST' },
      ]),
    ).toBe(
      [
        'resource      field        before   after',
        '------------  -----------  -------  -------------------------',
        '+14155550100  voiceUrl     (unset)  https://h.twil.io/primary',
        '+14155550100  voiceMethod  GET      POST',
      ].join('\n'),
    );
  });

  it('redacts credentials and query values of the URLs it shows, keeping the overrides', () => {
    const old: NumberSnapshot = {
      ...blankNumber,
      voiceUrl: 'https://user:secret@old.example.com/voice?token=abc#rt=9000',
    };
    const plan = planChange({
      request: request({ voice: true }),
      domain: DOMAIN,
      number: old,
      memberships: [],
    });
    const report = reportOf(plan, 'dry-run');
    expect(report.changes[0]?.before).toBe(
      'https://REDACTED:REDACTED@old.example.com/voice?token=REDACTED#rt=9000',
    );
    expect(JSON.stringify(report)).not.toContain('secret');
    expect(renderReport(report)).not.toContain('abc');
    expect(renderReport(report)).toMatch(/Dry run: nothing was sent to Twilio\.$/);
  });
});

describe('configure and audit --fix point a fallback at the same place', () => {
  // One rule (fallbackUrlFor, fallbackMethodFor): a number configured by one tool is
  // "protected" for the other. Both are held to the same literal table.
  it.each<['voice' | 'sms', boolean, { url: string; method: string }]>([
    ['voice', false, { url: `https://${DOMAIN}/fallback`, method: 'POST' }],
    ['voice', true, { url: `https://${DOMAIN}/error.xml`, method: 'GET' }],
    ['sms', false, { url: `https://${DOMAIN}/fallback`, method: 'POST' }],
    ['sms', true, { url: `https://${DOMAIN}/error-sms.xml`, method: 'GET' }],
  ])('%s, static %s', (channel, staticFallback, expected) => {
    const plan = planChange({
      request: request({ [channel]: true, staticFallback }),
      domain: DOMAIN,
      number: blankNumber,
      memberships: [],
    });
    expect({
      url: plan.numberUpdate[`${channel}FallbackUrl`],
      method:
        plan.numberUpdate[`${channel}FallbackMethod`] ?? blankNumber[`${channel}FallbackMethod`],
    }).toEqual(expected);
    expect(fallbackFor(channel, { domain: DOMAIN, staticFallback })).toEqual(expected);
  });
});
