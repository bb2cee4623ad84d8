/**
 * The emulator against real misbehaving servers on 127.0.0.1: what it sends (signed,
 * fragment stripped, ErrorCode/ErrorUrl to the fallback), how it retries, follows
 * redirects and actions, and what it reports the caller gets.
 */
import type { LookupFunction } from 'node:net';
import { validateRequest } from 'twilio/lib/webhooks/webhooks';
import { simulate } from '../../../tools/emulator/simulate';
import { LOCAL_TEST_AUTH_TOKEN } from '../../../tools/emulator/webhook-params';
import {
  refusedUrl,
  startMisbehavingServer,
  startNotHttpServer,
  type RecordedRequest,
  type TestServer,
} from './misbehaving-servers';

let primary: TestServer;
let fallback: TestServer;

beforeAll(async () => {
  [primary, fallback] = await Promise.all([startMisbehavingServer(), startMisbehavingServer()]);
});
afterAll(async () => {
  await Promise.all([primary.close(), fallback.close()]);
});
beforeEach(() => {
  primary.requests.length = 0;
  fallback.requests.length = 0;
});

function signatureIsValid(server: TestServer, request: RecordedRequest, token: string): boolean {
  const url = server.baseUrl + request.path;
  const signature = String(request.headers['x-twilio-signature'] ?? '');
  return validateRequest(token, signature, url, request.method === 'POST' ? request.params : {});
}

describe('what the emulator sends', () => {
  it('signs a POST over the URL without its fragment, with realistic call parameters', async () => {
    const report = await simulate({
      url: `${primary.baseUrl}/twiml/voice?tenant=a#rt=2000&tt=3000`,
      kind: 'voice',
      from: '+14155550123',
    });
    expect(report.callerGets).toBe('primary-twiml');
    const [request] = primary.requests;
    expect(request?.path).toBe('/twiml/voice?tenant=a');
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request && signatureIsValid(primary, request, LOCAL_TEST_AUTH_TOKEN)).toBe(true);
    expect(request && signatureIsValid(primary, request, 'another-token')).toBe(false);
    expect(request?.params).toMatchObject({
      CallSid: report.sid,
      From: '+14155550123',
      CallStatus: 'ringing',
      Direction: 'inbound',
    });
    expect(report.sid).toMatch(/^CA[0-9a-f]{32}$/);
  });

  it('signs a GET over the full URL with the parameters in the query', async () => {
    await simulate({
      url: `${primary.baseUrl}/twiml/sms`,
      method: 'GET',
      kind: 'sms',
      body: 'opening hours?',
      authToken: 'a-real-looking-token',
    });
    const [request] = primary.requests;
    expect(request?.method).toBe('GET');
    expect(request?.params).toMatchObject({ Body: 'opening hours?', SmsStatus: 'received' });
    expect(request && signatureIsValid(primary, request, 'a-real-looking-token')).toBe(true);
  });

  it('sends the fallback the failed request’s parameters plus ErrorCode and ErrorUrl, signed', async () => {
    const report = await simulate({
      url: `${primary.baseUrl}/status/500#ct=1000`,
      fallbackUrl: `${fallback.baseUrl}/twiml/voice`,
      fallbackMethod: 'GET',
      kind: 'voice',
      extraParams: { ForwardedFrom: '+14155550111' },
    });
    const [request] = fallback.requests;
    expect(request?.method).toBe('GET');
    expect(request?.params).toMatchObject({
      CallSid: report.sid,
      ForwardedFrom: '+14155550111',
      ErrorCode: '11200',
      ErrorUrl: `${primary.baseUrl}/status/500`,
    });
    expect(request && signatureIsValid(fallback, request, LOCAL_TEST_AUTH_TOKEN)).toBe(true);
    expect(report).toMatchObject({
      errorCode: 11200,
      errorName: 'HTTP retrieval failure',
      errorUrl: `${primary.baseUrl}/status/500`,
      callerGets: 'fallback-twiml',
      verbs: ['Say', 'Hangup'],
      fallbackRequested: true,
    });
  });
});

describe('retries and time limits', () => {
  /** DNS that never answers: the connect phase (which includes the lookup) hangs. */
  const hangingLookup: LookupFunction = () => undefined;

  it('retries a connect timeout once by default, then fails over with 11205', async () => {
    const report = await simulate({
      url: 'http://primary.example.test/voice#ct=150',
      fallbackUrl: `${fallback.baseUrl}/twiml/voice`,
      kind: 'voice',
      lookup: hangingLookup,
    });
    const tries = report.attempts.filter((attempt) => attempt.role === 'primary');
    expect(tries.map((attempt) => [attempt.failure, attempt.retry])).toEqual([
      ['connect-timeout', 0],
      ['connect-timeout', 1],
    ]);
    expect(report.errorCode).toBe(11205);
    expect(report.callerGets).toBe('fallback-twiml');
  });

  it('retries 5xx as #rc/#rp say', async () => {
    const report = await simulate({
      url: `${primary.baseUrl}/status/503#rc=2&rp=5xx`,
      fallbackUrl: `${fallback.baseUrl}/twiml/voice`,
      kind: 'voice',
    });
    expect(primary.requests).toHaveLength(3);
    expect(report.attempts.map((attempt) => attempt.retry)).toEqual([0, 1, 2, 0]);
  });

  it('does not retry a 5xx under the default policy', async () => {
    await simulate({ url: `${primary.baseUrl}/status/503`, kind: 'voice' });
    expect(primary.requests).toHaveLength(1);
  });

  it('reports a silent primary cut short by tt as a read timeout (11205), as Twilio does', async () => {
    const report = await simulate({ url: `${primary.baseUrl}/hang#rt=5000&tt=300`, kind: 'voice' });
    expect(report.attempts[0]).toMatchObject({
      failure: 'read-timeout',
      errorCode: 11205,
      detail: expect.stringContaining('tt used up'),
    });
  });

  it('gives up on a primary that keeps dribbling bytes when tt runs out (11203)', async () => {
    const report = await simulate({
      url: `${primary.baseUrl}/drip#rt=300&tt=600`,
      fallbackUrl: `${fallback.baseUrl}/twiml/voice`,
      kind: 'voice',
    });
    expect(report.attempts[0]).toMatchObject({ failure: 'total-timeout', errorCode: 11203 });
    expect(report.attempts[0]?.ms).toBeGreaterThanOrEqual(590);
    expect(report.callerGets).toBe('fallback-twiml');
  });
});

describe('HTTP redirects', () => {
  it('follows a short chain of 307/301/302 to TwiML', async () => {
    const report = await simulate({ url: `${primary.baseUrl}/hops/3`, kind: 'voice' });
    expect(primary.requests.map((request) => request.path)).toEqual([
      '/hops/3',
      '/hops/2',
      '/hops/1',
      '/twiml/voice',
    ]);
    expect(primary.requests.every((request) => request.method === 'POST')).toBe(true);
    expect(report).toMatchObject({
      callerGets: 'primary-twiml',
      twimlUrl: `${primary.baseUrl}/twiml/voice`,
    });
  });

  it.each([
    ['/redirect-308', 308, 'HTTP 308: Twilio follows only 301, 302, 303 and 307'],
    ['/redirect-300', 300, 'HTTP 300: Twilio follows only 301, 302, 303 and 307'],
    ['/redirect-no-location', 302, 'HTTP 302 without a Location: not followed'],
  ])('fails %s with 11216 without following it', async (path, status, detail) => {
    const report = await simulate({
      url: `${primary.baseUrl}${path}`,
      fallbackUrl: `${fallback.baseUrl}/twiml/voice`,
      kind: 'voice',
    });
    expect(primary.requests.map((request) => request.path)).toEqual([path]);
    expect(report.attempts[0]).toMatchObject({ status, errorCode: 11216, detail });
    expect(report).toMatchObject({ errorCode: 11216, callerGets: 'fallback-twiml' });
  });

  it.each([
    ['ftp', 302, 'ftp:'],
    ['file', 301, 'file:'],
    ['javascript', 307, 'javascript:'],
  ])(
    'fails a %s redirect target with 11216 and goes on to the fallback',
    async (scheme, status, protocol) => {
      const report = await simulate({
        url: `${primary.baseUrl}/redirect-to/${scheme}`,
        fallbackUrl: `${fallback.baseUrl}/twiml/voice`,
        kind: 'voice',
      });
      expect(
        report.attempts.map((attempt) => [attempt.role, attempt.status, attempt.errorCode]),
      ).toEqual([
        ['primary', status, 11216],
        ['fallback', 200, null],
      ]);
      expect(report.attempts[0]?.detail).toContain(`to a ${protocol} URL: not followed`);
      expect(report).toMatchObject({
        errorCode: 11216,
        errorName: 'HTTP invalid redirect',
        errorUrl: `${primary.baseUrl}/redirect-to/${scheme}`,
        callerGets: 'fallback-twiml',
      });
      expect(fallback.requests[0]?.params.ErrorCode).toBe('11216');
      expect(primary.requests).toHaveLength(1);
    },
  );

  it('fetches a 303 target with GET', async () => {
    await simulate({ url: `${primary.baseUrl}/see-other`, kind: 'voice' });
    expect(primary.requests.map((request) => request.method)).toEqual(['POST', 'GET']);
  });
});

describe('TwiML navigation', () => {
  it('follows <Redirect> (relative URL) and sends its failure to the fallback with that ErrorUrl', async () => {
    const report = await simulate({
      url: `${primary.baseUrl}/redirect-to-failing`,
      fallbackUrl: `${fallback.baseUrl}/twiml/voice`,
      kind: 'voice',
    });
    expect(report.attempts.map((attempt) => [attempt.role, attempt.status])).toEqual([
      ['primary', 200],
      ['redirect', 503],
      ['fallback', 200],
    ]);
    expect(report.errorUrl).toBe(`${primary.baseUrl}/status/503`);
    expect(fallback.requests[0]?.params.CallStatus).toBe('in-progress');
  });

  it('fails a <Redirect> to a URL that is not http(s) with 11100 and goes to the fallback', async () => {
    const report = await simulate({
      url: `${primary.baseUrl}/twiml/redirect-to-ftp`,
      fallbackUrl: `${fallback.baseUrl}/twiml/voice`,
      kind: 'voice',
    });
    expect(
      report.attempts.map((attempt) => [attempt.role, attempt.status, attempt.errorCode]),
    ).toEqual([
      ['primary', 200, null],
      ['redirect', null, 11100],
      ['fallback', 200, null],
    ]);
    expect(report).toMatchObject({
      errorCode: 11100,
      errorUrl: 'ftp://files.example.com/next.xml',
      callerGets: 'fallback-twiml',
    });
    expect(fallback.requests[0]?.params).toMatchObject({
      ErrorCode: '11100',
      ErrorUrl: 'ftp://files.example.com/next.xml',
    });
  });

  it('stops a <Redirect> loop at maxRedirects', async () => {
    const report = await simulate({
      url: `${primary.baseUrl}/redirect-self`,
      kind: 'voice',
      maxRedirects: 3,
    });
    expect(primary.requests).toHaveLength(4);
    expect(report.callerGets).toBe('primary-twiml');
    expect(report.endReason).toMatch(/stopped after 3/);
  });

  it('ignores a <Gather> when the caller presses nothing', async () => {
    const report = await simulate({ url: `${primary.baseUrl}/gather`, kind: 'voice' });
    expect(primary.requests).toHaveLength(1);
    expect(report.verbs).toEqual(['Gather', 'Say', 'Say']);
  });

  it('follows a <Record> action with the digits and recording parameters', async () => {
    const report = await simulate({ url: `${primary.baseUrl}/record`, kind: 'voice', digits: '#' });
    const action = primary.requests[1];
    expect(action?.method).toBe('GET');
    expect(action?.params).toMatchObject({ Digits: '#', RecordingDuration: '3' });
    expect(action?.params.RecordingUrl).toMatch(/\/Recordings\/RE[0-9a-f]{32}$/);
    expect(report.attempts.map((attempt) => attempt.role)).toEqual(['primary', 'action']);
  });
});

describe('what the caller gets', () => {
  it.each([
    ['voice', 'stock-error'],
    ['sms', 'nothing'],
  ] as const)('%s with no Fallback URL: %s, with the error still reported', async (kind, gets) => {
    const report = await simulate({ url: `${primary.baseUrl}/status/404`, kind });
    expect(report).toMatchObject({ callerGets: gets, errorCode: 11200, twiml: null, verbs: [] });
  });

  it('a fallback that fails too is not followed by a second fallback', async () => {
    const report = await simulate({
      url: `${primary.baseUrl}/status/500`,
      fallbackUrl: `${fallback.baseUrl}/json`,
      kind: 'voice',
    });
    expect(report.attempts.map((attempt) => attempt.errorCode)).toEqual([11200, 12300]);
    expect(report).toMatchObject({ callerGets: 'stock-error', errorCode: 11200 });
  });

  it.each([
    ['voice', 'primary-twiml', null],
    ['sms', 'nothing', 12300],
  ] as const)('text/plain to a %s: %s', async (kind, gets, code) => {
    const report = await simulate({ url: `${primary.baseUrl}/plain`, kind });
    expect(report).toMatchObject({ callerGets: gets, errorCode: code });
    if (kind === 'voice') expect(report.verbs).toEqual(['Say']);
  });

  it('accepts application/xml', async () => {
    const report = await simulate({
      url: `${primary.baseUrl}/twiml/application-xml`,
      kind: 'voice',
    });
    expect(report.callerGets).toBe('primary-twiml');
  });

  it('an SMS primary answering 204 sends no reply and needs no fallback', async () => {
    const report = await simulate({
      url: `${primary.baseUrl}/no-content`,
      fallbackUrl: `${fallback.baseUrl}/twiml/sms`,
      kind: 'sms',
    });
    expect(report).toMatchObject({ callerGets: 'primary-twiml', twiml: '', errorCode: null });
    expect(fallback.requests).toHaveLength(0);
  });

  it('a voice primary answering 204 is a document parse failure', async () => {
    const report = await simulate({ url: `${primary.baseUrl}/no-content`, kind: 'voice' });
    expect(report.errorCode).toBe(12100);
  });

  it('a server that does not speak HTTP is a protocol violation (11206)', async () => {
    const notHttp = await startNotHttpServer();
    try {
      const report = await simulate({ url: `${notHttp.baseUrl}/voice`, kind: 'voice' });
      expect(report.attempts[0]?.failure).toBe('protocol-violation');
      expect(report.errorCode).toBe(11206);
    } finally {
      await notHttp.close();
    }
  });

  it('reports connection-override problems as notes', async () => {
    const report = await simulate({ url: `${await refusedUrl()}#ct=20&sni=y`, kind: 'voice' });
    expect(report.notes).toEqual([
      'primary: #ct=20 is outside 100..10000; using 100',
      'primary: #sni=y is honoured by Twilio but not emulated locally',
    ]);
  });
});
