/** The tools' one REST client: routing to TWILIO_API_BASE_URL, bounded 429 retries, timeouts. */
import RestException from 'twilio/lib/base/RestException';
import { startHungServer } from '../../../tools/emulator/loopback-servers';
import { emptyAccount, numberRecord, sidOf } from '../../../tools/sandbox/account-state';
import { startApiStandIn } from '../../../tools/sandbox/api-stand-in';
import { readApiBaseUrl, routeToBaseUrl } from '../../../tools/twilio-client/api-base-url';
import { createTwilioClient } from '../../../tools/twilio-client/create-client';
import { ToolRequestClient } from '../../../tools/twilio-client/tool-request-client';

const SID = sidOf('AC', 7);
const TOKEN = 'client-test-token';

describe('routeToBaseUrl', () => {
  it.each([
    [
      'https://api.twilio.com/2010-04-01/Accounts/AC1/IncomingPhoneNumbers.json?PageSize=5',
      'http://127.0.0.1:9/api/2010-04-01/Accounts/AC1/IncomingPhoneNumbers.json?PageSize=5',
    ],
    ['https://messaging.twilio.com/v1/Services', 'http://127.0.0.1:9/messaging/v1/Services'],
    [
      'https://sync.twilio.com/v1/Services/IS1/Maps',
      'http://127.0.0.1:9/sync/v1/Services/IS1/Maps',
    ],
    ['https://example.com/v1/Services', 'https://example.com/v1/Services'],
  ])('%s → %s', (uri, routed) => {
    expect(routeToBaseUrl(uri, 'http://127.0.0.1:9')).toBe(routed);
  });
});

describe('readApiBaseUrl', () => {
  it.each<[Record<string, string>, unknown]>([
    [{}, { ok: true, value: undefined }],
    [{ TWILIO_API_BASE_URL: ' ' }, { ok: true, value: undefined }],
    [
      { TWILIO_API_BASE_URL: 'http://127.0.0.1:4010/' },
      { ok: true, value: 'http://127.0.0.1:4010' },
    ],
    [
      { TWILIO_API_BASE_URL: 'localhost:4010' },
      { ok: false, reason: 'TWILIO_API_BASE_URL "localhost:4010" is not an http(s) URL' },
    ],
    [
      { TWILIO_API_BASE_URL: 'http://127.0.0.1:4010?x=1' },
      {
        ok: false,
        reason:
          'TWILIO_API_BASE_URL "http://127.0.0.1:4010?x=1" must not carry a query or fragment',
      },
    ],
  ])('%j', (env, expected) => {
    expect(readApiBaseUrl(env)).toEqual(expected);
  });
});

describe('ToolRequestClient', () => {
  it('gives up after its bounded retries: the 429 becomes the answer', async () => {
    const account = emptyAccount(SID, TOKEN, 'test');
    account.numbers.set(sidOf('PN', 1), numberRecord(sidOf('PN', 1), '+12025550001'));
    const standIn = await startApiStandIn({ accounts: [account] });
    const pauses: number[] = [];
    const http = new ToolRequestClient({
      baseUrl: standIn.baseUrl,
      maxRetries: 2,
      sleep: async (ms) => void pauses.push(ms),
    });
    try {
      standIn.injectFault({ status: 429, code: 20429, times: 10, retryAfterSeconds: 1 });
      const client = createTwilioClient({ accountSid: SID, authToken: TOKEN }, http);
      const error = await client.incomingPhoneNumbers.list().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RestException);
      expect((error as RestException).status).toBe(429);
      expect(standIn.requests.map((r) => r.status)).toEqual([429, 429, 429]);
      // Retry-After (1 s) is honoured over the shorter backoff.
      expect(pauses).toEqual([1000, 1000]);
      expect(http.requestCount).toBe(3);
    } finally {
      http.close();
      await standIn.close();
    }
  });

  it('ends a request that never gets an answer at its timeout', async () => {
    const hung = await startHungServer();
    const http = new ToolRequestClient({ baseUrl: hung.baseUrl, timeoutMs: 300 });
    try {
      const client = createTwilioClient({ accountSid: SID, authToken: TOKEN }, http);
      await expect(client.incomingPhoneNumbers.list()).rejects.toThrow(/timeout of 300ms exceeded/);
    } finally {
      http.close();
      await hung.close();
    }
  });
});
