/** The pure core of `probe`: which checks to run, and how a simulation is judged. */
import { PROBE_MARKER_PARAMS } from '../../../src/request/probe-marker';
import type { SimulationReport } from '../../../tools/emulator/simulate';
import type { NumberSnapshot } from '../../../tools/twilio-client/number-snapshot';
import { judgeProbe, problemResult } from '../../../tools/probe/judge-probe';
import { numberChecks, serviceChecks, type ProbeCheck } from '../../../tools/probe/probe-checks';
import { buildProbeRequest } from '../../../tools/probe/probe-request';
import { probeReportOf, renderProbeReport } from '../../../tools/probe/probe-table';

const BASE = 'https://guard-1234-dev.twil.io';
/** What a fallback check plays: Twilio's failure parameters, marked as a probe. */
const FALLBACK_PARAMS = {
  ErrorCode: '11200',
  ErrorUrl: `${BASE}/primary`,
  ...PROBE_MARKER_PARAMS,
};

describe('serviceChecks', () => {
  it('probes both primaries, both fallbacks with a sample error, and both static fallbacks', () => {
    expect(serviceChecks(BASE, { voice: true, sms: true })).toEqual([
      {
        name: 'voice /primary',
        kind: 'voice',
        url: `${BASE}/primary`,
        method: 'POST',
        requireVerbs: true,
      },
      {
        name: 'sms /primary',
        kind: 'sms',
        url: `${BASE}/primary`,
        method: 'POST',
        requireVerbs: false,
      },
      {
        name: 'voice /fallback',
        kind: 'voice',
        url: `${BASE}/fallback`,
        method: 'POST',
        extraParams: FALLBACK_PARAMS,
        requireVerbs: true,
      },
      {
        name: 'sms /fallback',
        kind: 'sms',
        url: `${BASE}/fallback`,
        method: 'POST',
        extraParams: FALLBACK_PARAMS,
        requireVerbs: false,
      },
      {
        name: 'voice /error.xml',
        kind: 'voice',
        url: `${BASE}/error.xml`,
        method: 'GET',
        extraParams: FALLBACK_PARAMS,
        requireVerbs: true,
      },
      {
        name: 'sms /error-sms.xml',
        kind: 'sms',
        url: `${BASE}/error-sms.xml`,
        method: 'GET',
        extraParams: FALLBACK_PARAMS,
        requireVerbs: false,
        messagingDocument: true,
      },
    ]);
  });

  it.each([
    [{ voice: true, sms: false }, ['voice /primary', 'voice /fallback', 'voice /error.xml']],
    [{ voice: false, sms: true }, ['sms /primary', 'sms /fallback', 'sms /error-sms.xml']],
  ])('limits the checks to %j', (channels, names) => {
    expect(serviceChecks(BASE, channels).map((check) => check.name)).toEqual(names);
  });
});

const number: NumberSnapshot = {
  sid: 'PN' + '1'.repeat(32),
  phoneNumber: '+14155550100',
  voiceUrl: `${BASE}/primary#ct=1000&rt=3000&tt=4000`,
  voiceMethod: 'POST',
  voiceFallbackUrl: `${BASE}/error.xml`,
  voiceFallbackMethod: 'GET',
  statusCallback: null,
  statusCallbackMethod: 'POST',
  smsUrl: 'https://other.example.com/sms',
  smsMethod: 'GET',
  smsFallbackUrl: null,
  smsFallbackMethod: 'POST',
  voiceApplicationSid: null,
  smsApplicationSid: null,
  trunkSid: null,
};

describe('numberChecks', () => {
  it('probes exactly the configured URLs and methods, and fails what is missing', () => {
    expect(numberChecks(number, [], { voice: true, sms: true })).toEqual({
      checks: [
        {
          name: 'voice Voice URL',
          kind: 'voice',
          url: number.voiceUrl,
          method: 'POST',
          requireVerbs: true,
        },
        {
          name: 'voice Voice Fallback URL',
          kind: 'voice',
          url: `${BASE}/error.xml`,
          method: 'GET',
          // Twilio never sends the connection-override fragment.
          extraParams: FALLBACK_PARAMS,
          requireVerbs: true,
        },
        {
          name: 'sms SMS URL',
          kind: 'sms',
          url: 'https://other.example.com/sms',
          method: 'GET',
          requireVerbs: false,
        },
      ],
      problems: [
        {
          name: 'sms SMS Fallback URL',
          detail:
            'the number has no SMS Fallback URL: a failing primary leaves senders with no reply',
        },
      ],
    });
  });

  it('judges an SMS Fallback URL on /error-sms.xml as the messaging document', () => {
    const configured = {
      ...number,
      smsFallbackUrl: `${BASE}/error-sms.xml`,
      smsFallbackMethod: 'GET',
    };
    const { checks } = numberChecks(configured, [], { voice: false, sms: true });
    expect(checks.map((check) => [check.name, check.messagingDocument])).toEqual([
      ['sms SMS URL', undefined],
      ['sms SMS Fallback URL', true],
    ]);
  });

  it('fails a channel whose URLs something else shadows', () => {
    const shadowed = { ...number, voiceApplicationSid: 'AP' + '2'.repeat(32) };
    const { problems } = numberChecks(shadowed, [], { voice: true, sms: false });
    expect(problems).toEqual([
      {
        name: 'voice routing',
        detail: `TwiML App AP${'2'.repeat(32)} handles it, not the URLs below (fix: npm run configure -- --clear-voice-application)`,
      },
    ]);
  });
});

function report(overrides: Partial<SimulationReport>): SimulationReport {
  return {
    kind: 'voice',
    sid: 'CA' + '0'.repeat(32),
    attempts: [],
    errorCode: null,
    errorName: null,
    errorUrl: null,
    twiml: '<Response><Say>Hi</Say></Response>',
    twimlUrl: `${BASE}/primary`,
    verbs: ['Say'],
    totalMs: 42,
    callerGets: 'primary-twiml',
    fallbackRequested: false,
    endReason: 'the document ended',
    notes: [],
    ...overrides,
  };
}

const voiceCheck: ProbeCheck = {
  name: 'voice /primary',
  kind: 'voice',
  url: `${BASE}/primary`,
  method: 'POST',
  requireVerbs: true,
};
const smsCheck: ProbeCheck = {
  ...voiceCheck,
  name: 'sms /primary',
  kind: 'sms',
  requireVerbs: false,
};

const smsDocument: ProbeCheck = { ...smsCheck, messagingDocument: true };

const NOT_MESSAGING = (verbs: string): string =>
  `not messaging TwiML: ${verbs} in the answer to an SMS (a message takes <Message> and <Redirect> only)`;

describe('judgeProbe', () => {
  it.each<[string, ProbeCheck, Partial<SimulationReport>, boolean, string]>([
    ['valid TwiML with verbs', voiceCheck, {}, true, ''],
    ['an SMS with no reply', smsCheck, { verbs: [], twiml: '<Response/>' }, true, ''],
    ['the messaging document, empty', smsDocument, { verbs: [], twiml: '<Response/>' }, true, ''],
    [
      'the messaging document with a reply',
      smsDocument,
      { verbs: ['Message', 'Body', 'Media'], twiml: '<Response><Message>…</Message></Response>' },
      true,
      '',
    ],
    [
      'the messaging document answered with voice TwiML',
      smsDocument,
      { verbs: ['Say', 'Hangup'], twiml: '<Response><Say>x</Say><Hangup/></Response>' },
      false,
      NOT_MESSAGING('<Say> <Hangup>'),
    ],
    [
      'any SMS answered with voice TwiML, whatever its path',
      smsCheck,
      {
        verbs: ['Gather', 'Say', 'Say', 'Dial'],
        twiml: '<Response><Gather><Say>a</Say><Say>b</Say></Gather><Dial>+1</Dial></Response>',
      },
      false,
      NOT_MESSAGING('<Gather> <Say> <Dial>'),
    ],
    [
      'any SMS answered with a reply',
      smsCheck,
      { verbs: ['Message'], twiml: '<Response><Message>hi</Message></Response>' },
      true,
      '',
    ],
    ['any SMS answered with an empty body', smsCheck, { verbs: [], twiml: '' }, true, ''],
    [
      'the messaging document answered with an empty body',
      smsDocument,
      { verbs: [], twiml: '' },
      false,
      'empty body: no <Response> document',
    ],
    [
      'a call with an empty Response',
      voiceCheck,
      { verbs: [], twiml: '<Response/>' },
      false,
      'empty <Response/>: the caller would be hung up on',
    ],
    [
      'an HTTP 500',
      voiceCheck,
      {
        callerGets: 'stock-error',
        errorCode: 11200,
        errorName: 'HTTP retrieval failure',
        attempts: [
          {
            url: `${BASE}/primary`,
            method: 'POST',
            role: 'primary',
            status: 500,
            errorCode: 11200,
            ms: 5,
          },
        ],
        verbs: [],
        twiml: null,
      },
      false,
      '11200 HTTP retrieval failure: HTTP 500',
    ],
    [
      'a refused connection, with the emulator’s detail',
      smsCheck,
      {
        callerGets: 'nothing',
        errorCode: 11205,
        errorName: 'HTTP connection failure',
        attempts: [
          {
            url: `${BASE}/primary`,
            method: 'POST',
            role: 'primary',
            status: null,
            errorCode: 11205,
            ms: 1,
            detail: 'ECONNREFUSED',
          },
        ],
        verbs: [],
        twiml: null,
      },
      false,
      '11205 HTTP connection failure: ECONNREFUSED',
    ],
  ])('%s', (_name, check, overrides, pass, detail) => {
    expect(judgeProbe(check, report(overrides))).toEqual({
      name: check.name,
      url: check.url,
      method: 'POST',
      pass,
      ms: 42,
      verbs: overrides.verbs ?? ['Say'],
      detail,
    });
  });
});

describe('the probe table', () => {
  it('passes only when every row passed, and says how many failed', () => {
    const URL_WIDTH = `${BASE}/primary`.length;
    const passing = judgeProbe(voiceCheck, report({}));
    const failing = problemResult({ name: 'sms SMS URL', detail: 'the number has no SMS URL' });
    expect(probeReportOf(BASE, [passing], []).pass).toBe(true);
    expect(probeReportOf(BASE, [], []).pass).toBe(false);
    const mixed = probeReportOf(BASE, [passing, failing], []);
    expect(mixed.pass).toBe(false);
    expect(renderProbeReport(mixed)).toBe(
      [
        `Probing ${BASE}`,
        `check           result  ms  verbs  method  ${'url'.padEnd(URL_WIDTH)}  detail`,
        `--------------  ------  --  -----  ------  ${'-'.repeat(URL_WIDTH)}  -------------------------`,
        `voice /primary  PASS    42  Say    POST    ${BASE}/primary`,
        `sms SMS URL     FAIL    -   -      -       ${'-'.padEnd(URL_WIDTH)}  the number has no SMS URL`,
        `1 of 2 checks failed for ${BASE}.`,
      ].join('\n'),
    );
  });
});

describe('probe options', () => {
  // --base-url's rule is src's parseBaseUrl: tests/src/config/validators.test.ts.
  it.each([
    [{}, 'give exactly one of --base-url <url>, --domain <host> or --number <number>'],
    [
      { domain: 'h.twil.io', number: '+14155550100' },
      'give exactly one of --base-url <url>, --domain <host> or --number <number>',
    ],
    [{ number: '12' }, 'invalid number "12"'],
    [{ domain: 'http://h.twil.io' }, 'remove the scheme'],
    [{ domain: 'h.twil.io', authToken: ' ' }, '--auth-token is empty'],
  ])('refuses %j', (raw, reason) => {
    const built = buildProbeRequest(raw);
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.reason).toContain(reason);
  });

  it('turns --domain into an https base URL', () => {
    expect(buildProbeRequest({ domain: 'H.twil.io', sms: true })).toEqual({
      ok: true,
      value: {
        target: { kind: 'service', baseUrl: 'https://h.twil.io' },
        channels: { voice: false, sms: true },
        authToken: undefined,
        json: false,
      },
    });
  });
});
