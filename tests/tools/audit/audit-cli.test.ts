/** `npm run audit` (read-only) against the stateful stand-in of the Twilio API. */
import { createServer, type IncomingMessage } from 'node:http';
import { twiml } from 'twilio';
import { validateRequest } from 'twilio/lib/webhooks/webhooks';
import type { AuditJson } from '../../../tools/audit/audit-report';
import { listenOnLoopback, startStandInFallback } from '../../../tools/emulator/loopback-servers';
import { ToolRequestClient } from '../../../tools/twilio-client/tool-request-client';
import {
  ACCOUNT_SID,
  addNumber,
  APP_HOST,
  applicationRecord,
  AUTH_TOKEN,
  e164,
  OTHER_HOST,
  pn,
  runAudit,
  serviceRecord,
  sidOf,
  testAccount,
  violations,
  withStandIn,
} from './audit-harness';

const APP_1 = sidOf('AP', 1);
const APP_2 = sidOf('AP', 2);
const SERVICE_1 = sidOf('MG', 1);
const SERVICE_2 = sidOf('MG', 2);
const TRUNK = sidOf('TK', 1);
const STUDIO = `https://webhooks.twilio.com/v1/Accounts/${ACCOUNT_SID}/Flows/${sidOf('FW', 1)}`;

/** One number per state and per kind of answerer; comments say what each proves. */
const everyState = () =>
  testAccount((account) => {
    account.applications.set(APP_1, applicationRecord(APP_1, { voiceUrl: `${APP_HOST}/app1` }));
    account.applications.set(
      APP_2,
      applicationRecord(APP_2, {
        smsUrl: `${APP_HOST}/app2`,
        smsFallbackUrl: `${APP_HOST}/app2-b`,
      }),
    );
    account.trunks.set(TRUNK, { sid: TRUNK, friendlyName: 'PBX' });
    account.services.set(
      SERVICE_1,
      serviceRecord(SERVICE_1, {
        inboundRequestUrl: `${APP_HOST}/inbound`,
        fallbackUrl: `${OTHER_HOST}/inbound`,
        phoneNumberSids: [pn(7)],
      }),
    );
    account.services.set(
      SERVICE_2,
      serviceRecord(SERVICE_2, { useInboundWebhookOnNumber: true, phoneNumberSids: [pn(8)] }),
    );
    // 1: protected: another host (voice), this project's /fallback on the same host (SMS).
    addNumber(account, 1, {
      voiceUrl: `${APP_HOST}/v`,
      voiceFallbackUrl: `${OTHER_HOST}/v`,
      smsUrl: 'https://guard-1-dev.twil.io/primary',
      smsFallbackUrl: 'https://guard-1-dev.twil.io/fallback',
    });
    addNumber(account, 2, { voiceUrl: `${APP_HOST}/v`, smsUrl: `${APP_HOST}/s` });
    addNumber(account, 3, {
      voiceUrl: `${APP_HOST}/v`,
      voiceFallbackUrl: `${APP_HOST}/v2`,
      smsUrl: `${APP_HOST}/s`,
      smsFallbackUrl: `${APP_HOST.toUpperCase().replace('HTTPS', 'https')}/s2`,
    });
    addNumber(account, 4, {});
    addNumber(account, 5, { trunkSid: TRUNK, voiceUrl: `${APP_HOST}/ignored` });
    // 6: the TwiML App answers calls, not the number's own (protected) URLs.
    addNumber(account, 6, {
      voiceApplicationSid: APP_1,
      voiceUrl: `${APP_HOST}/own`,
      voiceFallbackUrl: `${OTHER_HOST}/own`,
    });
    // 7: the Messaging Service answers messages, not the number's own (unprotected) URL.
    addNumber(account, 7, { smsUrl: `${APP_HOST}/own` });
    // 8: its service defers to the number (useInboundWebhookOnNumber): the number answers.
    addNumber(account, 8, { smsUrl: `${APP_HOST}/own` });
    addNumber(account, 9, { smsApplicationSid: APP_2 });
    addNumber(account, 10, {
      voiceUrl: `${STUDIO}#ct=1000&rt=3000&tt=4000`,
      voiceFallbackUrl: 'https://other-2-dev.twil.io/error.xml',
    });
  });

describe('audit: what answers each number, and its verdict', () => {
  let json: AuditJson;
  let code: number;
  let contract: string[];

  beforeAll(async () => {
    await withStandIn(everyState(), async (standIn) => {
      const run = await runAudit(standIn, ['--json']);
      code = run.code;
      json = JSON.parse(run.stdout) as AuditJson;
      contract = violations(standIn);
    });
  });

  it.each<[number, 'voice' | 'sms', string, string, string]>([
    [1, 'voice', 'number', pn(1), 'protected'],
    [1, 'sms', 'number', pn(1), 'protected'],
    [2, 'voice', 'number', pn(2), 'no-fallback'],
    [2, 'sms', 'number', pn(2), 'no-fallback'],
    [3, 'voice', 'number', pn(3), 'same-host'],
    [3, 'sms', 'number', pn(3), 'same-host'],
    [4, 'voice', 'number', pn(4), 'no-primary'],
    [4, 'sms', 'number', pn(4), 'no-primary'],
    [5, 'voice', 'trunk', TRUNK, 'trunk'],
    [6, 'voice', 'application', APP_1, 'no-fallback'],
    [7, 'sms', 'messaging-service', SERVICE_1, 'protected'],
    [8, 'sms', 'number', pn(8), 'no-fallback'],
    [9, 'sms', 'application', APP_2, 'same-host'],
    [10, 'voice', 'number', pn(10), 'protected'],
  ])('number %i on %s: answered by %s %s, %s', (n, channel, kind, sid, verdict) => {
    const item = json.items.find((i) => i.sid === pn(n) && i.channel === channel);
    expect(item).toMatchObject({ phoneNumber: e164(n), answeredBy: { kind, sid }, verdict });
  });

  it('flags fast failover from the primary URL only', () => {
    const fast = json.items.filter((item) => item.fastFailover).map((i) => `${i.sid} ${i.channel}`);
    expect(fast).toEqual([`${pn(10)} voice`]);
  });

  it('counts every verdict per channel in the summary', () => {
    expect(json.summary).toEqual({
      numbers: 10,
      voice: {
        protected: 2,
        'no-fallback': 2,
        'same-host': 1,
        'wrong-document': 0,
        'no-primary': 4,
        trunk: 1,
        'cross-account': 0,
        'fallback-broken': 0,
      },
      sms: {
        protected: 2,
        'no-fallback': 2,
        'same-host': 2,
        'wrong-document': 0,
        'no-primary': 4,
        trunk: 0,
        'cross-account': 0,
        'fallback-broken': 0,
      },
    });
  });

  it('exits 1 (something is not protected) and kept Twilio’s contract', () => {
    expect(code).toBe(1);
    expect(contract).toEqual([]);
  });
});

describe('audit: reading the account', () => {
  it('follows every list page (numbers, apps, services, pool) with no request per number', async () => {
    const account = testAccount((a) => {
      for (let n = 1; n <= 23; n += 1) addNumber(a, n, { voiceUrl: `${APP_HOST}/v` });
      for (let n = 1; n <= 7; n += 1)
        a.applications.set(sidOf('AP', n), applicationRecord(sidOf('AP', n)));
      a.services.set(
        SERVICE_1,
        serviceRecord(SERVICE_1, {
          inboundRequestUrl: `${APP_HOST}/in`,
          phoneNumberSids: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map(pn),
        }),
      );
    });
    await withStandIn(account, async (standIn) => {
      const run = await runAudit(standIn, ['--json', '--page-size', '5']);
      const json = JSON.parse(run.stdout) as AuditJson;
      expect(new Set(json.items.map((item) => item.sid)).size).toBe(23);
      const byOperation = new Map<string, number>();
      for (const request of standIn.requests) {
        const key = `${request.method} ${request.operation}`;
        byOperation.set(key, (byOperation.get(key) ?? 0) + 1);
      }
      expect(Object.fromEntries(byOperation)).toEqual({
        'GET /2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json': 5,
        'GET /2010-04-01/Accounts/{AccountSid}/Applications.json': 2,
        'GET /v1/Services': 1,
        'GET /v1/Services/{ServiceSid}/PhoneNumbers': 3,
        // Webhook Rules: once per account, whatever the number count (no Rule: no Settings).
        'GET /v1/Webhooks/Rules': 1,
      });
      expect(
        json.items.filter((i) => i.channel === 'sms' && i.answeredBy.kind === 'messaging-service'),
      ).toHaveLength(11);
      expect(violations(standIn)).toEqual([]);
    });
  });

  it('prints the summary first, then what is not protected grouped by the resource to fix', async () => {
    await withStandIn(everyState(), async (standIn) => {
      const run = await runAudit(standIn, []);
      const lines = run.stdout.split('\n');
      expect(lines[0]).toBe('voice: 2 of 10 numbers protected; SMS: 2 of 10');
      const table = lines.filter((line) => line.includes(APP_1));
      expect(table).toHaveLength(1);
      expect(table[0]).toMatch(/voice +no-fallback +1: \+12025550006/);
      expect(run.stdout).toContain(`SIP trunk "PBX" (${TRUNK}) takes calls for 1: +12025550005`);
      expect(run.stderr).toBe('');
    });
  });

  it('reports progress while lists are read, through the progress line only', async () => {
    await withStandIn(everyState(), async (standIn) => {
      const lines: string[] = [];
      const run = await runAudit(standIn, ['--page-size', '4'], {
        progress: (line) => lines.push(line),
      });
      expect(lines).toEqual([
        'reading numbers: 4',
        'reading numbers: 8',
        'reading numbers: 10',
        'reading TwiML Apps: 2',
        'reading Messaging Services: 2',
        'reading Messaging Service numbers: 1 of 2 services',
        '',
      ]);
      expect(run.stderr).toBe('');
    });
  });

  it('redacts every URL in --json as the fallback’s log line does', async () => {
    const account = testAccount((a) =>
      addNumber(a, 1, {
        voiceUrl: `https://user:s3cret@app.example.com/v?token=abc123#ct=1000`,
        voiceFallbackUrl: `${OTHER_HOST}/f?sig=xyz789`,
      }),
    );
    await withStandIn(account, async (standIn) => {
      const run = await runAudit(standIn, ['--json']);
      expect(run.stdout).not.toMatch(/s3cret|abc123|xyz789/);
      const item = (JSON.parse(run.stdout) as AuditJson).items[0]!;
      expect(item.primaryUrl).toBe(
        'https://REDACTED:REDACTED@app.example.com/v?token=REDACTED#ct=1000',
      );
      expect(item.fallbackUrl).toBe(`${OTHER_HOST}/f?sig=REDACTED`);
    });
  });

  it('exits 0 when every number that answers is protected (no-primary and trunk do not fail it)', async () => {
    const account = testAccount((a) => {
      addNumber(a, 1, { voiceUrl: `${APP_HOST}/v`, voiceFallbackUrl: `${OTHER_HOST}/v` });
      a.trunks.set(TRUNK, { sid: TRUNK, friendlyName: 'PBX' });
      addNumber(a, 2, { trunkSid: TRUNK });
    });
    await withStandIn(account, async (standIn) => {
      const run = await runAudit(standIn, []);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Every number that answers is protected.');
    });
  });
});

describe('audit: bad input and API errors', () => {
  it.each<[string[], string]>([
    [['--fix'], '--fix needs --domain'],
    [['--domain', 'x-1-dev.twil.io'], '--domain only applies with --fix'],
    [['--yes'], '--yes only applies with --fix'],
    [['--fix', '--domain', 'https://x-1-dev.twil.io'], 'remove the scheme'],
    [['--page-size', '0'], '--page-size "0" is not a whole number from 1 to 1000'],
    [['--fix', '--domain', 'x-1-dev.twil.io', '--concurrency', '99'], '--concurrency "99"'],
    [['--bogus'], "unknown option '--bogus'"],
  ])('%j exits 2, names the problem, sends nothing', async (argv, named) => {
    await withStandIn(everyState(), async (standIn) => {
      const run = await runAudit(standIn, argv);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(named);
      expect(standIn.requests).toEqual([]);
    });
  });

  it('a malformed TWILIO_API_BASE_URL exits 2 before any request', async () => {
    await withStandIn(everyState(), async (standIn) => {
      const run = await runAudit(standIn, [], {
        env: {
          TWILIO_ACCOUNT_SID: ACCOUNT_SID,
          TWILIO_AUTH_TOKEN: AUTH_TOKEN,
          TWILIO_API_BASE_URL: 'ftp://127.0.0.1',
        },
      });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        'error: TWILIO_API_BASE_URL "ftp://127.0.0.1" is not an http(s) URL\n',
      );
      expect(standIn.requests).toEqual([]);
    });
  });

  it.each<[string, Record<string, string>, RegExp]>([
    [
      'a wrong auth token',
      { TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: 'wrong' },
      /Twilio API error 20003 \(HTTP 401\) while reading the account/,
    ],
    ['no credentials', {}, /missing Twilio credentials/],
  ])('%s exits 3 with one line and no stack trace', async (_, credentials, message) => {
    await withStandIn(everyState(), async (standIn) => {
      const run = await runAudit(standIn, [], {
        env: { ...credentials, TWILIO_API_BASE_URL: standIn.baseUrl },
      });
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stdout).toBe('');
    });
  });

  it('retries a list page answered 429 and completes the audit', async () => {
    await withStandIn(everyState(), async (standIn) => {
      standIn.injectFault({
        method: 'GET',
        operationIncludes: 'Applications.json',
        status: 429,
        code: 20429,
        times: 2,
      });
      const pauses: number[] = [];
      const httpClient = new ToolRequestClient({
        baseUrl: standIn.baseUrl,
        sleep: async (ms) => void pauses.push(ms),
      });
      const run = await runAudit(standIn, ['--json'], { httpClient });
      expect(run.code).toBe(1);
      expect((JSON.parse(run.stdout) as AuditJson).summary.numbers).toBe(10);
      expect(pauses).toEqual([250, 500]);
      expect(standIn.requests.filter((r) => r.status === 429)).toHaveLength(2);
    });
  });
});

describe('audit --probe', () => {
  it('sends one signed request per distinct fallback and marks the broken ones', async () => {
    const good = await startStandInFallback();
    const received: IncomingMessage[] = [];
    const bodies: string[] = [];
    const broken = await listenOnLoopback(
      createServer((request, response) => {
        received.push(request);
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () => {
          bodies.push(body);
          response.writeHead(500).end('down');
        });
      }),
    );
    const account = testAccount((a) => {
      addNumber(a, 1, { voiceUrl: `${APP_HOST}/v`, voiceFallbackUrl: `${good.baseUrl}/ok` });
      addNumber(a, 2, { voiceUrl: `${APP_HOST}/v`, voiceFallbackUrl: `${broken.baseUrl}/down` });
      addNumber(a, 3, { voiceUrl: `${APP_HOST}/v`, voiceFallbackUrl: `${broken.baseUrl}/down` });
    });
    try {
      await withStandIn(account, async (standIn) => {
        const run = await runAudit(standIn, ['--json', '--probe']);
        const json = JSON.parse(run.stdout) as AuditJson;
        const verdicts = json.items.filter((i) => i.channel === 'voice').map((i) => i.verdict);
        expect(verdicts).toEqual(['protected', 'fallback-broken', 'fallback-broken']);
        expect(run.code).toBe(1);
      });
      expect(received).toHaveLength(1);
      const params = Object.fromEntries(new URLSearchParams(bodies[0]));
      expect(params).toMatchObject({ ErrorCode: '11200', ErrorUrl: `${APP_HOST}/v` });
      expect(
        validateRequest(
          AUTH_TOKEN,
          String(received[0]!.headers['x-twilio-signature']),
          `${broken.baseUrl}/down`,
          params,
        ),
      ).toBe(true);
    } finally {
      await good.close();
      await broken.close();
    }
  });

  const messageReply = (): string => {
    const reply = new twiml.MessagingResponse();
    reply.message('hi');
    return reply.toString();
  };
  it.each<[string, string, string, string, string]>([
    // /error-sms.xml as probe judges it: a document of messaging TwiML.
    [
      '/error-sms.xml',
      '/error-sms.xml',
      'GET',
      '<Response/>',
      '<Response><Say>Sorry.</Say></Response>',
    ],
    // Any other path: still messaging TwiML only (a third party's own fallback).
    [
      "a third party's path",
      '/sms-fallback',
      'POST',
      messageReply(),
      new twiml.VoiceResponse().say('Sorry.').toString(),
    ],
  ])(
    'judges an SMS fallback on %s as probe does: a voice document there is broken',
    async (_name, path, method, messagingTwiml, voiceTwiml) => {
      const serving = (body: string) =>
        listenOnLoopback(
          createServer((_request, response) =>
            response.writeHead(200, { 'Content-Type': 'text/xml' }).end(body),
          ),
        );
      const messaging = await serving(messagingTwiml);
      const voice = await serving(voiceTwiml);
      const account = testAccount((a) => {
        for (const [n, server] of [
          [1, messaging],
          [2, voice],
        ] as const) {
          addNumber(a, n, {
            smsUrl: `${APP_HOST}/s`,
            smsFallbackUrl: `${server.baseUrl}${path}`,
            smsFallbackMethod: method,
          });
        }
      });
      try {
        await withStandIn(account, async (standIn) => {
          const run = await runAudit(standIn, ['--json', '--probe']);
          const json = JSON.parse(run.stdout) as AuditJson;
          const sms = json.items.filter((i) => i.channel === 'sms');
          expect(sms.map((i) => i.verdict)).toEqual(['protected', 'fallback-broken']);
          expect(run.code).toBe(1);
        });
      } finally {
        await messaging.close();
        await voice.close();
      }
    },
  );
});
