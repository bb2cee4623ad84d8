/**
 * `probe` end to end: the real CLI, the emulator, and the real twilio-run dev server
 * over the built Functions (`npm run build` first). With `--number`, the number's
 * configuration comes from Prism and the OpenAPI response server, as in configure's tests.
 */
import { createServer } from 'node:http';
import twilio from 'twilio';
import { listenOnLoopback, type LoopbackServer } from '../../../tools/emulator/loopback-servers';
import { runProbeCli } from '../../../tools/probe/cli';
import type { ProbeReport } from '../../../tools/probe/probe-table';
import { startDevServer, type RunningDevServer } from '../../support/dev-server';
import {
  EXAMPLE_NUMBER,
  EXAMPLE_NUMBER_SID,
  numberListOverride,
} from '../../support/incoming-number-fixtures';
import {
  startOpenApiResponseServer,
  type RunningOpenApiResponseServer,
} from '../../support/openapi-response-server';
import { startPrism, type RunningPrism } from '../../support/twilio-api-stand-in';
import { prismVerdicts, runCli, TEST_CREDENTIALS, type CliRun } from '../configure/cli-harness';

const SIGNING_TOKEN = 'probe-signing-token-0123456789ab';

let dev: RunningDevServer;
let failing: LoopbackServer;
let failingUrl: string;
let signed: LoopbackServer;
let signedUrl: string;
let apiPrism: RunningPrism;
let messagingPrism: RunningPrism;
const overlays: RunningOpenApiResponseServer[] = [];
/** The Functions run in-process (forkProcess: false): their log lines land here. */
let functionLogs: jest.SpyInstance;
/** /events logs the unsigned probe delivery it refuses as a warning. */
let functionWarnings: jest.SpyInstance;

beforeAll(async () => {
  functionLogs = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  functionWarnings = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  [dev, apiPrism, messagingPrism] = await Promise.all([
    startDevServer({ forkProcess: false }),
    startPrism('api.twilio.com'),
    startPrism('messaging.twilio.com'),
  ]);
  // A primary that is down: every request gets HTTP 500.
  failing = await listenOnLoopback(
    createServer((_request, response) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('down');
    }),
  );
  failingUrl = failing.baseUrl;
  // A stand-in for a deployed .protected Function: Twilio's gateway refuses (403) any
  // request whose X-Twilio-Signature does not match the account's auth token.
  signed = await listenOnLoopback(
    createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString()));
        const valid = twilio.validateRequest(
          SIGNING_TOKEN,
          String(request.headers['x-twilio-signature'] ?? ''),
          `${signedUrl}${request.url ?? '/'}`,
          request.method === 'POST' ? params : {},
        );
        if (!valid) {
          response.writeHead(403, { 'content-type': 'text/plain' });
          response.end('invalid signature');
          return;
        }
        response.writeHead(200, { 'content-type': 'text/xml' });
        response.end('<Response><Say>signed</Say></Response>');
      });
    }),
  );
  signedUrl = signed.baseUrl;
}, 60000);

afterAll(async () => {
  functionLogs.mockRestore();
  functionWarnings.mockRestore();
  await Promise.all([
    ...overlays.map((overlay) => overlay.close()),
    dev?.close(),
    failing?.close(),
    signed?.close(),
    apiPrism?.close(),
    messagingPrism?.close(),
  ]);
});

function probe(
  argv: readonly string[],
  env: Record<string, string> = {},
  hosts = {},
): Promise<CliRun> {
  return runCli(argv, hosts, { env }, runProbeCli);
}

function parsed(run: CliRun): ProbeReport {
  return JSON.parse(run.stdout) as ProbeReport;
}

describe('probing a service', () => {
  it('passes every check against the local dev server', async () => {
    functionLogs.mockClear();
    const run = await probe(['--base-url', dev.baseUrl, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = parsed(run);
    expect(report.pass).toBe(true);
    expect(
      report.results.map((result) => [
        result.name,
        result.method,
        result.url,
        result.pass,
        result.verbs,
      ]),
    ).toEqual([
      ['voice /primary', 'POST', `${dev.baseUrl}/primary`, true, ['Say', 'Hangup']],
      ['sms /primary', 'POST', `${dev.baseUrl}/primary`, true, []],
      ['voice /fallback', 'POST', `${dev.baseUrl}/fallback`, true, ['Say', 'Hangup']],
      ['sms /fallback', 'POST', `${dev.baseUrl}/fallback`, true, []],
      ['voice /error.xml', 'GET', `${dev.baseUrl}/error.xml`, true, ['Say', 'Hangup']],
      ['sms /error-sms.xml', 'GET', `${dev.baseUrl}/error-sms.xml`, true, []],
      // No token: the unsigned delivery is refused (tests/tools/probe/events-check.test.ts).
      ['sink /events', 'POST', `${dev.baseUrl}/events`, true, []],
    ]);
    for (const result of report.results) expect(result.ms).toEqual(expect.any(Number));
    // The fallback probes reached /fallback as Twilio would call it: with the sample error.
    const fallbackEvents = functionLogs.mock.calls
      .map(([line]) => (typeof line === 'string' && line.startsWith('{') ? JSON.parse(line) : null))
      .filter((event) => event?.event === 'fallback');
    expect(fallbackEvents.map((event) => [event.kind, event.errorCode, event.errorUrl])).toEqual([
      ['voice', 11200, `${dev.baseUrl}/primary`],
      ['sms', 11200, `${dev.baseUrl}/primary`],
    ]);
  });

  it('prints a table with latency and verbs', async () => {
    const run = await probe(['--base-url', dev.baseUrl, '--voice']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`Probing ${dev.baseUrl}`);
    expect(lines[1]).toMatch(/^check\s+result\s+ms\s+verbs\s+method\s+url\s+detail$/);
    expect(lines.slice(3, 6).map((line) => line.split(/\s{2,}/).slice(0, 2))).toEqual([
      ['voice /primary', 'PASS'],
      ['voice /fallback', 'PASS'],
      ['voice /error.xml', 'PASS'],
    ]);
    expect(lines[3]).toMatch(/^voice \/primary\s+PASS\s+\d+\s+Say Hangup\s+POST/);
    expect(lines.at(-1)).toBe(`All 3 checks passed for ${dev.baseUrl}.`);
  });

  it('fails every check, with the error Twilio would report, when the service is down', async () => {
    const run = await probe(['--base-url', failingUrl, '--json']);
    expect(run.code).toBe(1);
    const report = parsed(run);
    expect(report.pass).toBe(false);
    expect(report.results).toHaveLength(7);
    for (const result of report.results) expect(result.pass).toBe(false);
    const twiml = report.results.filter((result) => result.name !== 'sink /events');
    for (const result of twiml) expect(result.detail).toMatch(/^11200 /);
    expect(report.results.at(-1)).toMatchObject({ name: 'sink /events', detail: 'HTTP 500' });
  });

  it.each<[string, string[], Record<string, string>, boolean]>([
    ['--auth-token', ['--auth-token', SIGNING_TOKEN], {}, true],
    ['AUTH_TOKEN from the environment', [], { AUTH_TOKEN: SIGNING_TOKEN }, true],
    ['TWILIO_AUTH_TOKEN from the environment', [], { TWILIO_AUTH_TOKEN: SIGNING_TOKEN }, true],
    ['no token', [], {}, false],
    ['the wrong token', ['--auth-token', 'not-the-token'], {}, false],
  ])('signs requests: %s', async (_name, args, env, pass) => {
    const run = await probe(['--base-url', signedUrl, '--voice', '--json', ...args], env);
    const report = parsed(run);
    expect(report.results.map((result) => result.pass)).toEqual([pass, pass, pass]);
    expect(run.code).toBe(pass ? 0 : 1);
    if (!pass) expect(report.results[0]?.detail).toContain('HTTP 403');
  });
});

describe('probing the URLs configured on a number', () => {
  const NUMBER = EXAMPLE_NUMBER;

  async function apiWith(fields: Record<string, string | null>): Promise<string> {
    const overlay = await startOpenApiResponseServer({
      specFile: 'twilio_api_v2010.json',
      upstream: apiPrism.baseUrl,
      overrides: [numberListOverride(fields)],
    });
    overlays.push(overlay);
    return overlay.baseUrl;
  }

  async function noMembership(): Promise<string> {
    const overlay = await startOpenApiResponseServer({
      specFile: 'twilio_messaging_v1.json',
      upstream: messagingPrism.baseUrl,
      overrides: [
        {
          method: 'GET',
          path: '/v1/Services/{ServiceSid}/PhoneNumbers',
          body: { phone_numbers: [] },
        },
      ],
    });
    overlays.push(overlay);
    return overlay.baseUrl;
  }

  it('probes exactly the configured URLs and methods, and fails a missing fallback', async () => {
    const configured = {
      voice_url: `${dev.baseUrl}/primary#ct=1000&rt=3000&tt=4000`,
      voice_method: 'POST',
      voice_fallback_url: `${dev.baseUrl}/error.xml`,
      voice_fallback_method: 'GET',
      sms_url: `${dev.baseUrl}/primary`,
      sms_method: 'GET',
    };
    const marks = [apiPrism.output().length, messagingPrism.output().length];
    const run = await probe(['--number', NUMBER, '--json'], TEST_CREDENTIALS, {
      'api.twilio.com': await apiWith(configured),
      'messaging.twilio.com': await noMembership(),
    });
    expect(run.code).toBe(1);
    const report = parsed(run);
    expect(report.target).toBe(`${NUMBER} (${EXAMPLE_NUMBER_SID})`);
    expect(
      report.results.map((result) => [result.name, result.method, result.url, result.pass]),
    ).toEqual([
      ['sms SMS Fallback URL', null, null, false],
      ['voice Voice URL', 'POST', configured.voice_url, true],
      ['voice Voice Fallback URL', 'GET', configured.voice_fallback_url, true],
      ['sms SMS URL', 'GET', configured.sms_url, true],
    ]);
    // The API calls it made were valid ones: Prism checked each.
    const api = await prismVerdicts(apiPrism.output, marks[0]!, 1);
    const messaging = await prismVerdicts(messagingPrism.output, marks[1]!, 2);
    expect([api, messaging].map(({ passed, refused }) => ({ passed, refused }))).toEqual([
      { passed: 1, refused: 0 },
      { passed: 2, refused: 0 },
    ]);
  });

  it('passes a number configured by `configure`, and fails one a TwiML App shadows', async () => {
    const configured = {
      voice_url: `${dev.baseUrl}/primary`,
      voice_fallback_url: `${dev.baseUrl}/fallback`,
      sms_url: `${dev.baseUrl}/primary`,
      sms_fallback_url: `${dev.baseUrl}/fallback`,
    };
    const hosts = { 'messaging.twilio.com': await noMembership() };
    const good = await probe(['--number', NUMBER], TEST_CREDENTIALS, {
      ...hosts,
      'api.twilio.com': await apiWith(configured),
    });
    expect(good.stderr).toBe('');
    expect(good.code).toBe(0);
    expect(good.stdout.trimEnd().split('\n').at(-1)).toBe(
      `All 4 checks passed for ${NUMBER} (${EXAMPLE_NUMBER_SID}).`,
    );

    const shadowed = await probe(['--number', NUMBER, '--voice', '--json'], TEST_CREDENTIALS, {
      ...hosts,
      'api.twilio.com': await apiWith({
        ...configured,
        voice_application_sid: 'AP' + '1'.repeat(32),
      }),
    });
    expect(shadowed.code).toBe(1);
    expect(parsed(shadowed).results[0]).toMatchObject({
      name: 'voice routing',
      pass: false,
      detail: expect.stringContaining('--clear-voice-application'),
    });
  });

  it('needs credentials to read the number', async () => {
    const run = await probe(['--number', NUMBER], {});
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: missing Twilio credentials: .+\n$/);
    expect(run.sent).toEqual([]);
  });
});

describe('a primary that redirects to a URL nothing may fetch', () => {
  it('fails that check (11216) and still runs every other check', async () => {
    const server = await listenOnLoopback(
      createServer((request, response) => {
        if (request.url === '/primary') {
          response.writeHead(302, { location: 'ftp://files.example.com/voice.xml' }).end();
          return;
        }
        response.writeHead(200, { 'content-type': 'text/xml' });
        response.end('<Response><Say>ok</Say></Response>');
      }),
    );
    try {
      const run = await probe(['--base-url', server.baseUrl, '--json']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      expect(
        parsed(run).results.map((result) => [result.name, result.pass, result.detail.slice(0, 5)]),
      ).toEqual([
        ['voice /primary', false, '11216'],
        ['sms /primary', false, '11216'],
        // This server answers voice TwiML everywhere (no answer to a message, whatever
        // the path), and 200 to an unsigned delivery.
        ['voice /fallback', true, ''],
        ['sms /fallback', false, 'not m'],
        ['voice /error.xml', true, ''],
        ['sms /error-sms.xml', false, 'not m'],
        ['sink /events', false, 'HTTP '],
      ]);
    } finally {
      await server.close();
    }
  });
});

describe('usage errors exit 2 and request nothing', () => {
  it.each([
    [[], 'error: give exactly one of --base-url <url>, --domain <host> or --number <number>'],
    [
      ['--base-url', 'http://admin:hunter2@127.0.0.1:1/'],
      'error: --base-url "http://REDACTED:REDACTED@127.0.0.1:1/" must not carry credentials',
    ],
    [['--domain', 'h.twil.io', '--number', '+14155550100'], 'error: give exactly one of'],
  ])('%j', async (argv, message) => {
    const run = await probe(argv);
    expect(run.code).toBe(2);
    expect(run.stderr.startsWith(message)).toBe(true);
    expect(run.stdout).toBe('');
  });
});
