/**
 * `configure` end to end: the real CLI (commander), the real twilio-node client, and
 * Stoplight Prism serving Twilio's OpenAPI files on loopback. Every request the tool
 * makes must pass Prism's validation; states Prism's examples never show come from the
 * OpenAPI response server (schema-checked bodies, with Prism still validating each
 * request behind it).
 */
import { rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  EXAMPLE_NUMBER,
  EXAMPLE_NUMBER_SID,
  numberListOverride,
  NUMBERS_LIST_PATH,
} from '../../support/incoming-number-fixtures';
import {
  startOpenApiResponseServer,
  twilioErrorBody,
  type ResponseOverride,
  type RunningOpenApiResponseServer,
} from '../../support/openapi-response-server';
import {
  startPrism,
  TEST_ACCOUNT_SID,
  TEST_AUTH_TOKEN,
  type RunningPrism,
} from '../../support/twilio-api-stand-in';
import { emptyProjectDir, prismOverlays, prismVerdicts, runCli, type CliRun } from './cli-harness';

const NUMBER = EXAMPLE_NUMBER;
const NUMBER_SID = EXAMPLE_NUMBER_SID;
const SERVICE_SID = 'MG' + 'a'.repeat(32);
const DOMAIN = 'guard-1234-dev.twil.io';
const PRIMARY = `https://${DOMAIN}/primary`;
const FALLBACK = `https://${DOMAIN}/fallback`;
const ERROR_XML = `https://${DOMAIN}/error.xml`;
const ERROR_SMS_XML = `https://${DOMAIN}/error-sms.xml`;
const APP = 'AP' + '1'.repeat(32);
const TRUNK = 'TK' + '2'.repeat(32);

const NUMBER_INSTANCE = '/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/{Sid}.json';
const SERVICE_NUMBERS = '/v1/Services/{ServiceSid}/PhoneNumbers';
const SERVICE_INSTANCE = '/v1/Services/{Sid}';

let apiPrism: RunningPrism;
let messagingPrism: RunningPrism;
/** Messaging API where the number is in no Messaging Service. */
let noMembership: RunningOpenApiResponseServer;
const overlays = prismOverlays();

beforeAll(async () => {
  [apiPrism, messagingPrism] = await Promise.all([
    startPrism('api.twilio.com'),
    startPrism('messaging.twilio.com'),
  ]);
  noMembership = await startOpenApiResponseServer({
    specFile: 'twilio_messaging_v1.json',
    upstream: messagingPrism.baseUrl,
    overrides: [{ method: 'GET', path: SERVICE_NUMBERS, body: { phone_numbers: [] } }],
  });
}, 60000);

afterAll(async () => {
  await Promise.all([
    overlays.closeAll(),
    noMembership?.close(),
    apiPrism?.close(),
    messagingPrism?.close(),
  ]);
});

const apiOverlay = (...overrides: ResponseOverride[]) =>
  overlays.start('twilio_api_v2010.json', apiPrism, overrides);

const messagingOverlay = (...overrides: ResponseOverride[]) =>
  overlays.start('twilio_messaging_v1.json', messagingPrism, overrides);

/** `GET numbers` style summary of what the CLI sent. */
function calls(run: CliRun): string[] {
  return run.sent.map((request) => {
    const path = new URL(request.url).pathname;
    const what = path.includes('/IncomingPhoneNumbers.json')
      ? 'numbers'
      : path.includes('/IncomingPhoneNumbers/')
        ? 'number'
        : path.endsWith('/PhoneNumbers')
          ? 'service numbers'
          : path === '/v1/Services'
            ? 'services'
            : path.startsWith('/v1/Services/')
              ? 'service'
              : path;
    return `${request.method} ${what}`;
  });
}

function posts(run: CliRun) {
  return run.sent.filter((request) => request.method === 'POST');
}

/** Runs the CLI and requires Prism to have validated, and passed, every request. */
async function runChecked(
  argv: readonly string[],
  hosts: { api?: string; messaging?: string } = {},
  options: { env?: Record<string, string>; cwd?: string; refusedByPrism?: number } = {},
): Promise<CliRun & { prismViolations: string[] }> {
  const marks = [apiPrism.output().length, messagingPrism.output().length];
  const run = await runCli(
    argv,
    {
      'api.twilio.com': hosts.api ?? apiPrism.baseUrl,
      'messaging.twilio.com': hosts.messaging ?? noMembership.baseUrl,
    },
    options,
  );
  const apiCount = run.sent.filter((request) => request.url.includes('/2010-04-01/')).length;
  const messagingCount = run.sent.length - apiCount;
  const [api, messaging] = await Promise.all([
    prismVerdicts(apiPrism.output, marks[0]!, apiCount),
    prismVerdicts(messagingPrism.output, marks[1]!, messagingCount),
  ]);
  expect({
    passed: api.passed + messaging.passed,
    refused: api.refused + messaging.refused,
  }).toEqual({
    passed: run.sent.length - (options.refusedByPrism ?? 0),
    refused: options.refusedByPrism ?? 0,
  });
  const prismViolations = [...api.violations, ...messaging.violations];
  if (!options.refusedByPrism) expect(prismViolations).toEqual([]);
  return { ...run, prismViolations };
}

describe('what configure sends, per option combination', () => {
  const lookup = ['GET numbers'];
  const smsCheck = ['GET services', 'GET service numbers'];
  it.each<[string, string[], string[], Record<string, string>]>([
    [
      'defaults: voice and SMS',
      [],
      [...lookup, ...smsCheck, 'POST number'],
      { VoiceUrl: PRIMARY, VoiceFallbackUrl: FALLBACK, SmsUrl: PRIMARY, SmsFallbackUrl: FALLBACK },
    ],
    [
      '--voice',
      ['--voice'],
      [...lookup, 'POST number'],
      { VoiceUrl: PRIMARY, VoiceFallbackUrl: FALLBACK },
    ],
    [
      '--sms',
      ['--sms'],
      [...lookup, ...smsCheck, 'POST number'],
      { SmsUrl: PRIMARY, SmsFallbackUrl: FALLBACK },
    ],
    [
      '--static-fallback',
      ['--voice', '--static-fallback'],
      [...lookup, 'POST number'],
      { VoiceUrl: PRIMARY, VoiceFallbackUrl: ERROR_XML, VoiceFallbackMethod: 'GET' },
    ],
    [
      '--sms --static-fallback',
      ['--sms', '--static-fallback'],
      [...lookup, ...smsCheck, 'POST number'],
      { SmsUrl: PRIMARY, SmsFallbackUrl: ERROR_SMS_XML, SmsFallbackMethod: 'GET' },
    ],
    [
      '--static-fallback --fallback-method POST',
      ['--voice', '--static-fallback', '--fallback-method', 'POST'],
      [...lookup, 'POST number'],
      { VoiceUrl: PRIMARY, VoiceFallbackUrl: ERROR_XML },
    ],
    [
      '--method GET --fallback-method get',
      ['--method', 'GET', '--fallback-method', 'get'],
      [...lookup, ...smsCheck, 'POST number'],
      {
        VoiceUrl: PRIMARY,
        VoiceMethod: 'GET',
        VoiceFallbackUrl: FALLBACK,
        VoiceFallbackMethod: 'GET',
        SmsUrl: PRIMARY,
        SmsMethod: 'GET',
        SmsFallbackUrl: FALLBACK,
        SmsFallbackMethod: 'GET',
      },
    ],
    [
      '--fast-failover',
      ['--voice', '--fast-failover'],
      [...lookup, 'POST number'],
      { VoiceUrl: `${PRIMARY}#ct=1000&rt=3000&tt=4000`, VoiceFallbackUrl: FALLBACK },
    ],
    [
      '--fast-failover with adjusted timeouts',
      [
        '--fast-failover',
        '--connect-timeout',
        '2000',
        '--read-timeout',
        '6000',
        '--total-timeout',
        '8000',
      ],
      [...lookup, ...smsCheck, 'POST number'],
      {
        VoiceUrl: `${PRIMARY}#ct=2000&rt=6000&tt=8000`,
        VoiceFallbackUrl: FALLBACK,
        SmsUrl: `${PRIMARY}#ct=2000&rt=6000&tt=8000`,
        SmsFallbackUrl: FALLBACK,
      },
    ],
    [
      '--status-callback',
      [
        '--voice',
        '--status-callback',
        'https://status.example.com/calls',
        '--status-callback-method',
        'GET',
      ],
      [...lookup, 'POST number'],
      {
        VoiceUrl: PRIMARY,
        VoiceFallbackUrl: FALLBACK,
        StatusCallback: 'https://status.example.com/calls',
        StatusCallbackMethod: 'GET',
      },
    ],
    [
      'the number by SID',
      ['--voice', '--number', NUMBER_SID],
      ['GET number', 'POST number'],
      { VoiceUrl: PRIMARY, VoiceFallbackUrl: FALLBACK },
    ],
  ])('%s', async (_name, args, expectedCalls, update) => {
    // A row may name the number itself (by SID): --number is given once.
    const number = args.includes('--number') ? [] : ['--number', NUMBER];
    const run = await runChecked([...number, '--domain', DOMAIN, ...args]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(calls(run)).toEqual(expectedCalls);
    expect(posts(run).map((request) => [new URL(request.url).pathname, request.data])).toEqual([
      [`/2010-04-01/Accounts/${TEST_ACCOUNT_SID}/IncomingPhoneNumbers/${NUMBER_SID}.json`, update],
    ]);
    expect(run.stdout).toContain(`Updated ${Object.keys(update).length} field(s).`);
  });

  it('looks the number up by its exact E.164 form', async () => {
    const run = await runChecked([
      '--number',
      '+1 (808) 925-5327',
      '--domain',
      DOMAIN,
      '--voice',
      '--dry-run',
    ]);
    expect(run.sent[0]?.params).toEqual({ PhoneNumber: NUMBER, PageSize: 20 });
  });
});

describe('--dry-run and --json', () => {
  it('--dry-run prints the before/after table and sends no update', async () => {
    const run = await runChecked(['--number', NUMBER, '--domain', DOMAIN, '--voice', '--dry-run']);
    expect(run.code).toBe(0);
    expect(calls(run)).toEqual(['GET numbers']);
    expect(run.stdout).toBe(
      [
        `${NUMBER} (${NUMBER_SID}) → https://${DOMAIN}`,
        'resource      field             before   after',
        `------------  ----------------  -------  ${'-'.repeat(FALLBACK.length)}`,
        `${NUMBER}  voiceUrl          (unset)  ${PRIMARY}`,
        `${NUMBER}  voiceFallbackUrl  (unset)  ${FALLBACK}`,
        'Dry run: nothing was sent to Twilio.',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['--dry-run --json', ['--dry-run'], 'dry-run', 0],
    ['--json', [], 'applied', 1],
  ] as const)('%s prints the run as JSON', async (_name, args, outcome, postCount) => {
    const run = await runChecked([
      '--number',
      NUMBER,
      '--domain',
      DOMAIN,
      '--sms',
      '--json',
      ...args,
    ]);
    expect(run.code).toBe(0);
    expect(posts(run)).toHaveLength(postCount);
    expect(JSON.parse(run.stdout)).toEqual({
      outcome,
      number: { sid: NUMBER_SID, phoneNumber: NUMBER },
      domain: DOMAIN,
      changes: [
        { resource: NUMBER, field: 'smsUrl', before: null, after: PRIMARY },
        { resource: NUMBER, field: 'smsFallbackUrl', before: null, after: FALLBACK },
      ],
      refusals: [],
      notes: [],
    });
  });

  it('sends nothing when the number already points at the Functions', async () => {
    const api = await apiOverlay(
      numberListOverride({
        voice_url: PRIMARY,
        voice_fallback_url: FALLBACK,
        sms_url: PRIMARY,
        sms_fallback_url: FALLBACK,
      }),
    );
    const run = await runChecked(['--number', NUMBER, '--domain', DOMAIN], { api });
    expect(run.code).toBe(0);
    expect(posts(run)).toEqual([]);
    expect(run.stdout).toBe(
      `${NUMBER} (${NUMBER_SID}) already points at https://${DOMAIN}: nothing to change.\n`,
    );
  });
});

describe('--keep-primary', () => {
  it('adds fast failover to your own Voice URL and points only the fallback here', async () => {
    const api = await apiOverlay(
      numberListOverride({ voice_url: 'https://app.example.com/voice' }),
    );
    const run = await runChecked(
      [
        '--number',
        NUMBER,
        '--domain',
        DOMAIN,
        '--voice',
        '--keep-primary',
        '--static-fallback',
        '--fast-failover',
      ],
      { api },
    );
    expect(run.code).toBe(0);
    expect(posts(run).map((request) => request.data)).toEqual([
      {
        VoiceUrl: 'https://app.example.com/voice#ct=1000&rt=3000&tt=4000',
        VoiceFallbackUrl: ERROR_XML,
        VoiceFallbackMethod: 'GET',
      },
    ]);
  });

  it('stops before any update when there is no primary URL to keep', async () => {
    const run = await runChecked([
      '--number',
      NUMBER,
      '--domain',
      DOMAIN,
      '--voice',
      '--keep-primary',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `error: --keep-primary: ${NUMBER} has no Voice URL to keep (add --sms to configure messages only)\n`,
    );
    expect(posts(run)).toEqual([]);
  });
});

describe('shadowing: refused before anything is changed', () => {
  it.each<[string, Record<string, string | null>, string[], string]>([
    [
      'a TwiML App on voice',
      { voice_application_sid: APP },
      ['--voice'],
      '--clear-voice-application',
    ],
    ['a SIP trunk', { trunk_sid: TRUNK }, ['--voice'], '--clear-trunk'],
    ['a TwiML App on SMS', { sms_application_sid: APP }, ['--sms'], '--clear-sms-application'],
  ])('%s', async (_name, fields, args, flag) => {
    const api = await apiOverlay(numberListOverride(fields));
    const run = await runChecked(['--number', NUMBER, '--domain', DOMAIN, ...args], { api });
    expect(run.code).toBe(3);
    expect(posts(run)).toEqual([]);
    expect(run.stdout).toContain(`Refusing to change ${NUMBER} (${NUMBER_SID})`);
    expect(run.stdout).toContain(flag);
    expect(run.stdout).toContain('Nothing was changed.');
  });

  it('a TwiML App on SMS does not stop --voice', async () => {
    const api = await apiOverlay(numberListOverride({ sms_application_sid: APP }));
    const run = await runChecked(['--number', NUMBER, '--domain', DOMAIN, '--voice'], { api });
    expect(run.code).toBe(0);
    expect(posts(run)).toHaveLength(1);
  });

  it("a Messaging Service that owns inbound messages (Prism's own example)", async () => {
    const run = await runChecked(['--number', NUMBER, '--domain', DOMAIN, '--json'], {
      messaging: messagingPrism.baseUrl,
    });
    expect(run.code).toBe(3);
    expect(calls(run)).toEqual(['GET numbers', 'GET services', 'GET service numbers']);
    const report = JSON.parse(run.stdout) as {
      outcome: string;
      refusals: { flag: string; what: string }[];
    };
    expect(report.outcome).toBe('refused');
    expect(report.refusals).toEqual([
      expect.objectContaining({
        flag: '--use-inbound-webhook-on-number',
        what: `Messaging Service ${SERVICE_SID} ("My Service!")`,
      }),
    ]);
  });

  it('a Messaging Service that already uses the number webhook is no shadow', async () => {
    const messaging = await messagingOverlay({
      method: 'GET',
      path: '/v1/Services',
      body: { services: [{ use_inbound_webhook_on_number: true }] },
    });
    const run = await runChecked(['--number', NUMBER, '--domain', DOMAIN, '--sms'], { messaging });
    expect(run.code).toBe(0);
    // The service cannot shadow the number, so its numbers are not even listed.
    expect(calls(run)).toEqual(['GET numbers', 'GET services', 'POST number']);
  });

  it('--use-inbound-webhook-on-number updates the number, then switches the service', async () => {
    const run = await runChecked(
      ['--number', NUMBER, '--domain', DOMAIN, '--sms', '--use-inbound-webhook-on-number'],
      { messaging: messagingPrism.baseUrl },
    );
    expect(run.code).toBe(0);
    expect(calls(run)).toEqual([
      'GET numbers',
      'GET services',
      'GET service numbers',
      'POST number',
      'POST service',
    ]);
    expect(posts(run).map((request) => request.data)).toEqual([
      { SmsUrl: PRIMARY, SmsFallbackUrl: FALLBACK },
      { UseInboundWebhookOnNumber: 'true' },
    ]);
    expect(run.stdout).toMatch(
      /Messaging Service MGa{32}\s+useInboundWebhookOnNumber\s+false\s+true/,
    );
  });

  it('says what was left when the service switch fails after the number was updated', async () => {
    const messaging = await messagingOverlay({
      method: 'POST',
      path: SERVICE_INSTANCE,
      status: 500,
      rawBody: twilioErrorBody(500, 20500, 'Internal Server Error'),
    });
    const run = await runChecked(
      ['--number', NUMBER, '--domain', DOMAIN, '--sms', '--use-inbound-webhook-on-number'],
      { messaging },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `error: Twilio API error 20500 (HTTP 500) while updating Messaging Service ${SERVICE_SID}: Internal Server Error (https://www.twilio.com/docs/errors/20500); the number's URLs were updated, but the service still handles its messages\n`,
    );
  });

  /*
   * The live API unsets a SID field with an empty value (inferred: twilio-cli passes
   * `--voice-application-sid ""` through for this, and Twilio's own example answers
   * hold `""` for an unset SID), but Twilio's OpenAPI gives the field a SID pattern an
   * empty value cannot match. So Prism
   * refuses exactly this one field: the test pins that it is the only violation, and
   * that the CLI reports Prism's refusal as an API error without half-changing anything.
   */
  it.each<[string, Record<string, string | null>, string, string]>([
    ['--clear-voice-application', { voice_application_sid: APP }, 'VoiceApplicationSid', 'AP'],
    ['--clear-trunk', { trunk_sid: TRUNK }, 'TrunkSid', 'TK'],
  ])('%s sends an empty SID in the same single update', async (flag, fields, param, prefix) => {
    const api = await apiOverlay(numberListOverride(fields));
    const run = await runChecked(
      ['--number', NUMBER, '--domain', DOMAIN, '--voice', flag],
      { api },
      { refusedByPrism: 1 },
    );
    expect(posts(run).map((request) => request.data)).toEqual([
      { [param]: '', VoiceUrl: PRIMARY, VoiceFallbackUrl: FALLBACK },
    ]);
    expect(run.prismViolations).toEqual([
      `Request body property ${param} must NOT have fewer than 34 characters`,
      `Request body property ${param} must match pattern "^${prefix}[0-9a-fA-F]{32}$"`,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^error: Twilio API error.*\(HTTP 422\) while updating \+18089255327: .*; nothing was changed\n$/,
    );
  });
});

describe('errors: one line, non-zero exit, nothing sent that changes anything', () => {
  it.each<[string, string[], number, string]>([
    [
      'an invalid number',
      ['--number', '555-0100', '--domain', DOMAIN],
      2,
      'error: invalid number "555-0100": expected E.164 (e.g. +14155550100) or a phone number SID (PN followed by 32 hex digits)',
    ],
    [
      'a missing number',
      ['--domain', DOMAIN],
      2,
      'error: --number is required (E.164 such as +14155550100, or a PN… SID)',
    ],
    [
      'a domain that is a URL',
      ['--number', NUMBER, '--domain', `https://${DOMAIN}/`],
      2,
      `error: invalid domain "https://${DOMAIN}/": remove the scheme (expected a host name such as my-service-1234-dev.twil.io)`,
    ],
    [
      'an unknown option',
      ['--number', NUMBER, '--domian', DOMAIN],
      2,
      "error: unknown option '--domian'\n(Did you mean --domain?)",
    ],
    [
      'a timeout out of range',
      ['--number', NUMBER, '--domain', DOMAIN, '--fast-failover', '--total-timeout', '20000'],
      2,
      'error: --total-timeout "20000" is out of range: Twilio accepts tt from 100 to 15000 ms',
    ],
    [
      'a timeout in exponent notation',
      ['--number', NUMBER, '--domain', DOMAIN, '--fast-failover', '--connect-timeout', '1e3'],
      2,
      'error: --connect-timeout "1e3" is not a whole number of milliseconds (Twilio accepts ct from 100 to 10000)',
    ],
    [
      'a method that is not GET/POST',
      ['--number', NUMBER, '--domain', DOMAIN, '--method', 'PUT'],
      2,
      'error: --method "PUT" is not GET or POST',
    ],
    [
      'no --domain and no deploy info',
      ['--number', NUMBER],
      2,
      'error: no --domain given and no .twiliodeployinfo in <dir> (run `npm run deploy` first): pass --domain <service>-1234-dev.twil.io',
    ],
  ])('%s', async (_name, argv, code, message) => {
    const cwd = emptyProjectDir();
    const run = await runChecked(argv, {}, { cwd });
    expect(run.code).toBe(code);
    expect(run.stderr).toBe(`${message.replace('<dir>', cwd)}\n`);
    expect(run.sent).toEqual([]);
    expect(run.stdout).toBe('');
  });

  it('missing credentials', async () => {
    const run = await runChecked(['--number', NUMBER, '--domain', DOMAIN], {}, { env: {} });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'error: missing Twilio credentials: set ACCOUNT_SID and AUTH_TOKEN (or TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN) in the environment or in .env\n',
    );
    expect(run.sent).toEqual([]);
  });

  it('reads credentials from .env in the project folder', async () => {
    const cwd = emptyProjectDir();
    const account = 'AC' + '7'.repeat(32);
    writeFileSync(
      join(cwd, '.env'),
      `TWILIO_ACCOUNT_SID=${account}\nTWILIO_AUTH_TOKEN=${TEST_AUTH_TOKEN}\n`,
    );
    try {
      const run = await runChecked(
        ['--number', NUMBER, '--domain', DOMAIN, '--voice', '--dry-run'],
        {},
        { env: {}, cwd },
      );
      expect(run.code).toBe(0);
      expect(run.sent[0]?.url).toContain(`/Accounts/${account}/IncomingPhoneNumbers.json`);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it.each<[string, () => Promise<string>, string[], string]>([
    [
      'a number the account does not have (Prism answers with another)',
      async () => apiPrism.baseUrl,
      ['--number', '+14155550100'],
      'error: no phone number +14155550100 on this account',
    ],
    [
      'an empty lookup',
      () =>
        apiOverlay({
          ...numberListOverride(),
          body: { ...(numberListOverride().body as object), incoming_phone_numbers: [] },
        }),
      ['--number', NUMBER],
      `error: no phone number ${NUMBER} on this account`,
    ],
    [
      'an unknown SID (HTTP 404)',
      () =>
        apiOverlay({
          method: 'GET',
          path: NUMBER_INSTANCE,
          status: 404,
          rawBody: twilioErrorBody(404, 20404, 'The requested resource was not found'),
        }),
      ['--number', NUMBER_SID],
      `error: no phone number ${NUMBER_SID} on this account`,
    ],
    [
      'refused credentials (HTTP 401)',
      () =>
        apiOverlay({
          method: 'GET',
          path: NUMBERS_LIST_PATH,
          status: 401,
          rawBody: twilioErrorBody(401, 20003, 'Authenticate'),
        }),
      ['--number', NUMBER],
      `error: Twilio API error 20003 (HTTP 401) while looking up ${NUMBER}: Authenticate (https://www.twilio.com/docs/errors/20003)`,
    ],
    [
      'a failed update (HTTP 500)',
      () =>
        apiOverlay({
          method: 'POST',
          path: NUMBER_INSTANCE,
          status: 500,
          rawBody: twilioErrorBody(500, 20500, 'Internal Server Error'),
        }),
      ['--number', NUMBER],
      `error: Twilio API error 20500 (HTTP 500) while updating ${NUMBER}: Internal Server Error (https://www.twilio.com/docs/errors/20500); nothing was changed`,
    ],
  ])('%s', async (_name, api, argv, message) => {
    const run = await runChecked([...argv, '--domain', DOMAIN, '--voice'], { api: await api() });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`${message}\n`);
    expect(run.stdout).toBe('');
  });

  it('an unreachable API', async () => {
    // A port that was just free: nothing listens there, so the connection is refused.
    const closed = createServer();
    await new Promise<void>((resolveListen) => closed.listen(0, '127.0.0.1', resolveListen));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolveClose) => closed.close(resolveClose));
    const run = await runCli(['--number', NUMBER, '--domain', DOMAIN], {
      'api.twilio.com': `http://127.0.0.1:${port}`,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^error: could not reach the Twilio API while looking up \+18089255327: .+\n$/,
    );
    expect(posts(run)).toEqual([]);
  });
});

describe('--help', () => {
  it('exits 0 and gives the fast-failover wait the read timeout decides, and its bound', async () => {
    const run = await runCli(['--help'], {});
    expect(run.code).toBe(0);
    expect(run.sent).toEqual([]);
    // One unwrapped paragraph, so the check does not depend on where the lines break.
    const help = run.stdout.replace(/\s+/g, ' ');
    expect(help).toContain('#ct=1000&rt=3000&tt=4000');
    expect(help).toContain(
      "fails over after about 3 s (at most 4 s) instead of Twilio's default 15 s",
    );
  });
});
