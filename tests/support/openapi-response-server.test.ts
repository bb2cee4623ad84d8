/** The schema-checked response server the Twilio API tests use for states Prism cannot show. */
import {
  buildResponseBody,
  mergeOverExample,
  startOpenApiResponseServer,
  twilioErrorBody,
} from './openapi-response-server';

const NUMBER = '/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/{Sid}.json';
const APP = 'AP' + '1'.repeat(32);
/** The spec's own example holds "" in these fields, which its schema forbids. */
const UNSET = {
  voice_application_sid: null,
  sms_application_sid: null,
  sms_url: null,
  sms_fallback_url: null,
  status_callback: null,
};

type JsonArg = Parameters<typeof mergeOverExample>[1];

describe('mergeOverExample', () => {
  it.each<[string, JsonArg, JsonArg, JsonArg]>([
    [
      'keeps what the override does not name',
      { a: 1, b: { c: 2, d: 3 } },
      { b: { d: 4 } },
      { a: 1, b: { c: 2, d: 4 } },
    ],
    [
      'builds each array item over the example item',
      { list: [{ a: 1, b: 2 }] },
      { list: [{ b: 3 }, { a: 5 }] },
      {
        list: [
          { a: 1, b: 3 },
          { a: 5, b: 2 },
        ],
      },
    ],
    ['empties a list with []', { list: [{ a: 1 }] }, { list: [] }, { list: [] }],
    ['sets null', { a: 'x' }, { a: null }, { a: null }],
  ])('%s', (_name, example, override, merged) => {
    expect(mergeOverExample(example, override)).toEqual(merged);
  });
});

describe('buildResponseBody', () => {
  it('answers with the example, changed only where asked, once it fits the schema', () => {
    const { status, body } = buildResponseBody('twilio_api_v2010.json', 'GET', NUMBER, undefined, {
      ...UNSET,
      voice_application_sid: APP,
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      sid: 'PN' + 'a'.repeat(32),
      voice_application_sid: APP,
      voice_url: null,
    });
  });

  it.each([
    [
      'a SID that breaks its pattern',
      { ...UNSET, voice_application_sid: 'AP123' },
      '/voice_application_sid must match pattern',
    ],
    [
      'an enum value the schema lacks',
      { ...UNSET, voice_method: 'PUT' },
      '/voice_method must be equal to one of the allowed values',
    ],
    [
      "the spec example's own empty strings",
      {},
      '/sms_application_sid must NOT have fewer than 34 characters',
    ],
  ])('refuses %s', (_name, override, message) => {
    expect(() =>
      buildResponseBody('twilio_api_v2010.json', 'GET', NUMBER, undefined, override),
    ).toThrow(message);
  });

  it('refuses a status the spec does not describe, pointing at rawBody', () => {
    expect(() => buildResponseBody('twilio_api_v2010.json', 'GET', NUMBER, 404, {})).toThrow(
      'documents no JSON body for HTTP 404; use rawBody',
    );
  });

  it('refuses an operation the spec does not have', () => {
    expect(() => buildResponseBody('twilio_api_v2010.json', 'GET', '/nope', undefined, {})).toThrow(
      'the spec has no operation GET /nope',
    );
  });
});

describe('startOpenApiResponseServer', () => {
  it('serves overrides by path template and method, and says when it has none', async () => {
    const server = await startOpenApiResponseServer({
      specFile: 'twilio_api_v2010.json',
      overrides: [
        { method: 'GET', path: NUMBER, body: UNSET },
        {
          method: 'POST',
          path: NUMBER,
          status: 404,
          rawBody: twilioErrorBody(404, 20404, 'Not found'),
        },
      ],
    });
    try {
      const url = `${server.baseUrl}/2010-04-01/Accounts/AC1/IncomingPhoneNumbers/PN1.json`;
      const fetched = await fetch(url);
      expect(fetched.status).toBe(200);
      expect(await fetched.json()).toMatchObject({ sid: 'PN' + 'a'.repeat(32), sms_url: null });
      const posted = await fetch(url, { method: 'POST' });
      expect(posted.status).toBe(404);
      expect(await posted.json()).toEqual({
        code: 20404,
        message: 'Not found',
        more_info: 'https://www.twilio.com/docs/errors/20404',
        status: 404,
      });
      expect((await fetch(`${server.baseUrl}/2010-04-01/Other.json`)).status).toBe(501);
      expect(server.served.map((s) => `${s.method} ${s.status}`)).toEqual([
        'GET 200',
        'POST 404',
        'GET 501',
      ]);
    } finally {
      await server.close();
    }
  });
});
