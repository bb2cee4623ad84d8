/**
 * The probe's `/events` check: judged from what the sink answers, and end to end
 * through `npm run probe` against the real twilio-run dev server (`npm run build`
 * first), with an alert endpoint on loopback that must never be paged.
 */
import { createServer } from 'node:http';
import { listenOnLoopback, type LoopbackServer } from '../../../tools/emulator/loopback-servers';
import { runProbeCli } from '../../../tools/probe/cli';
import { EVENTS_CHECK_NAME, judgeEventsAnswer } from '../../../tools/probe/events-check';
import type { ProbeReport } from '../../../tools/probe/probe-table';
import { startAlertEndpoint, type RunningAlertEndpoint } from '../../support/alert-endpoint';
import { startDevServer, type RunningDevServer } from '../../support/dev-server';
import { runCli, type CliRun } from '../configure/cli-harness';

const AUTH_TOKEN = 'probe-events-token-0123456789abcd';
const READ = JSON.stringify({ received: 1, accepted: 0, alerts: [] });

describe('judgeEventsAnswer', () => {
  it.each<[string, boolean, Parameters<typeof judgeEventsAnswer>[1], boolean, RegExp, boolean?]>([
    ['signed, read, nobody paged', true, { status: 200, body: READ }, true, /paged nobody/],
    [
      'signed, but the marker ignored',
      true,
      { status: 200, body: JSON.stringify({ received: 1, accepted: 1, alerts: [{}] }) },
      false,
      /taken for a real one \(accepted 1\)/,
    ],
    [
      'signed, 200 without reading it',
      true,
      { status: 200, body: '{"error":"internal error; logged"}' },
      false,
      /without reading the delivery/,
    ],
    ['signed, refused (403)', true, { status: 403, body: '' }, false, /auth token is not/],
    [
      'signed, refused by the local server (403)',
      true,
      { status: 403, body: '' },
      false,
      /AUTH_TOKEN of its \.env, over the URL npm start printed/,
      true,
    ],
    ['signed, refused (400)', true, { status: 400, body: '' }, false, /refused \(HTTP 400\)/],
    ['unsigned, refused (400, the gateway)', false, { status: 400, body: '' }, true, /refused/],
    ['unsigned, refused (403, the Function)', false, { status: 403, body: '' }, true, /refused/],
    ['unsigned, accepted', false, { status: 200, body: READ }, false, /anyone could page/],
    ['not deployed', false, { status: 404, body: '' }, false, /not deployed/],
    ['signed, not deployed', true, { status: 404, body: '' }, false, /not deployed/],
    ['a server error', true, { status: 500, body: '' }, false, /^HTTP 500$/],
    ['nothing answered', true, { error: 'ECONNREFUSED' }, false, /^no answer: ECONNREFUSED$/],
  ])('%s', (_name, signed, answer, pass, detail, local = false) => {
    const judged = judgeEventsAnswer(signed, answer, local);
    expect(judged.pass).toBe(pass);
    expect(judged.detail).toMatch(detail);
  });
});

describe('npm run probe: the /events row', () => {
  let dev: RunningDevServer;
  let pager: RunningAlertEndpoint;
  /** Answers 200 to anything: a sink that checks no signature. */
  let open: LoopbackServer;

  beforeAll(async () => {
    pager = await startAlertEndpoint();
    [dev, open] = await Promise.all([
      startDevServer({
        forkProcess: false,
        env: { AUTH_TOKEN, ALERT_WEBHOOK_URL: `${pager.baseUrl}/hook` },
      }),
      listenOnLoopback(
        createServer((_request, response) => {
          response.writeHead(200, { 'content-type': 'text/xml' });
          response.end('<Response><Say>open</Say></Response>');
        }),
      ),
    ]);
  }, 60000);
  afterAll(async () => {
    await Promise.all([dev?.close(), pager?.close(), open?.close()]);
  });
  beforeEach(() => {
    pager.received.length = 0;
    // The Functions run in-process and log every request: keep the test output quiet.
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  function probe(argv: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
    return runCli(argv, {}, { env }, runProbeCli);
  }
  const eventsRow = (run: CliRun) =>
    (JSON.parse(run.stdout) as ProbeReport).results.find((r) => r.name === EVENTS_CHECK_NAME);

  it.each<[string, string[], Record<string, string>, boolean, RegExp, number]>([
    ['signed with the right token', [], { AUTH_TOKEN }, true, /paged nobody/, 0],
    ['no token: unsigned, refused', [], {}, true, /unsigned delivery refused \(HTTP 403\)/, 0],
    ['the wrong token', ['--auth-token', 'not-the-token'], {}, false, /HTTP 403/, 1],
  ])('%s', async (_name, args, env, pass, detail, code) => {
    const run = await probe(['--base-url', dev.baseUrl, '--json', ...args], env);
    expect(run.stderr).toBe('');
    const row = eventsRow(run);
    expect(row).toMatchObject({ url: `${dev.baseUrl}/events`, method: 'POST', pass, verbs: [] });
    expect(row?.detail).toMatch(detail);
    expect(run.code).toBe(code);
    // Whatever the probe sent, nobody was paged.
    expect(pager.received).toEqual([]);
  });

  it('is the last row of the table, after both static fallbacks', async () => {
    const run = await probe(['--base-url', dev.baseUrl], { AUTH_TOKEN });
    expect(run.code).toBe(0);
    const rows = run.stdout
      .trimEnd()
      .split('\n')
      .slice(3, -1)
      .map((line) => line.split(/\s{2,}/).slice(0, 2));
    expect(rows.slice(-3)).toEqual([
      ['voice /error.xml', 'PASS'],
      ['sms /error-sms.xml', 'PASS'],
      [EVENTS_CHECK_NAME, 'PASS'],
    ]);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(`All 7 checks passed for ${dev.baseUrl}.`);
  });

  it.each([['--voice'], ['--sms']])(
    'is left out with %s alone (it is neither channel)',
    async (flag) => {
      const run = await probe(['--base-url', dev.baseUrl, '--json', flag], { AUTH_TOKEN });
      expect(run.code).toBe(0);
      expect(eventsRow(run)).toBeUndefined();
    },
  );

  it('fails a sink that accepts an unsigned delivery, and /error-sms.xml answered with voice TwiML', async () => {
    const run = await probe(['--base-url', open.baseUrl, '--json']);
    expect(run.code).toBe(1);
    const results = (JSON.parse(run.stdout) as ProbeReport).results;
    expect(results.find((r) => r.name === 'sms /error-sms.xml')).toMatchObject({
      pass: false,
      detail:
        'not messaging TwiML: <Say> in the answer to an SMS (a message takes <Message> and <Redirect> only)',
    });
    expect(eventsRow(run)).toMatchObject({ pass: false });
    expect(eventsRow(run)?.detail).toMatch(/anyone could page/);
  });
});
