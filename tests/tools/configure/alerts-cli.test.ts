/**
 * `configure --alerts`: the real CLI and the real twilio-node client against Prism
 * serving Twilio's Events API description (vendor/twilio-oai/twilio_events_v1.json).
 * Every request must pass Prism's validation; sinks and subscriptions that Prism's
 * static examples never show come from the OpenAPI response server.
 */
import type { ResponseOverride } from '../../support/openapi-response-server';
import { startPrism, type RunningPrism } from '../../support/twilio-api-stand-in';
import { SINK_DESCRIPTION, SUBSCRIPTION_DESCRIPTION } from '../../../tools/configure/alerts-sink';
import { prismOverlays, prismVerdicts, runCli } from './cli-harness';

const DOMAIN = 'guard-1234-dev.twil.io';
const EVENTS_URL = `https://${DOMAIN}/events`;
const SINK_SID = 'DG' + 'b'.repeat(32);
const SUBSCRIPTION_SID = 'DF' + 'c'.repeat(32);

let prism: RunningPrism;
const overlays = prismOverlays();

beforeAll(async () => {
  prism = await startPrism('events.twilio.com');
}, 60000);
afterAll(async () => {
  await Promise.all([overlays.closeAll(), prism?.close()]);
});

const overlay = (...overrides: ResponseOverride[]) =>
  overlays.start('twilio_events_v1.json', prism, overrides);

const OUR_SINK: ResponseOverride = {
  method: 'GET',
  path: '/v1/Sinks',
  body: {
    sinks: [
      {
        sid: SINK_SID,
        description: SINK_DESCRIPTION,
        sink_type: 'webhook',
        status: 'active',
        sink_configuration: { destination: EVENTS_URL, method: 'POST' },
      },
    ],
  },
};
const OUR_SUBSCRIPTION: ResponseOverride = {
  method: 'GET',
  path: '/v1/Subscriptions',
  body: {
    subscriptions: [
      { sid: SUBSCRIPTION_SID, sink_sid: SINK_SID, description: SUBSCRIPTION_DESCRIPTION },
    ],
  },
};

/**
 * Prism reads a form-encoded array with one item (`Types={"type":...}`, what twilio-node
 * and the twilio CLI send, and Twilio accepts) as a string and refuses it. Only that
 * exact, single violation is let through; the test checks the Types value itself.
 */
const SUBSCRIBE: ResponseOverride = {
  method: 'POST',
  path: '/v1/Subscriptions',
  body: {
    sid: SUBSCRIPTION_SID,
    sink_sid: 'DG' + 'a'.repeat(32),
    description: SUBSCRIPTION_DESCRIPTION,
  },
  knownPrismFalseRefusal:
    /"validation":\[\{"location":\["body","Types"\],"severity":"Error","code":"type","message":"Request body property Types must be array"\}\]/,
};

function requests(sent: { method: string; url: string }[]): string[] {
  return sent.map((request) => `${request.method} ${new URL(request.url).pathname}`);
}

// `npm run configure -- --help` points here: help must not need a valid mode first.
it.each([[['--alerts', '--help']], [['--alerts', 'events', '--help']], [['--help', '--alerts']]])(
  '%j prints the alerts help (exit 0, nothing requested)',
  async (argv) => {
    const run = await runCli(argv, { 'events.twilio.com': prism.baseUrl });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^Usage: configure --alerts \[options\]/);
    expect(run.stdout).toContain('--alerts inline       deletes the Sinks');
    expect(run.sent).toEqual([]);
  },
);

describe('refuses bad input before any request (exit 2, one line naming the option)', () => {
  it.each([
    [['--alerts', 'maybe', '--domain', DOMAIN], /--alerts "maybe".*inline, events, both/],
    [['--alerts', 'events'], /--alerts events needs --domain/],
    [
      ['--alerts', 'both', '--domain', 'https://guard.twil.io/'],
      /--domain: invalid domain.*remove the scheme/,
    ],
    [
      ['--alerts', 'events', '--domain', DOMAIN, '--number', '+14155550100'],
      /unknown option '--number'/,
    ],
  ])('%j', async (argv, message) => {
    const run = await runCli(argv, { 'events.twilio.com': prism.baseUrl });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.sent).toEqual([]);
  });
});

it('--alerts events creates the webhook sink at https://<domain>/events and subscribes it to error logs', async () => {
  const base = await overlay(SUBSCRIBE);
  const mark = prism.output().length;
  const run = await runCli(['--alerts', 'events', '--domain', DOMAIN, '--json'], {
    'events.twilio.com': base,
  });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(requests(run.sent)).toEqual([
    'GET /v1/Sinks',
    'POST /v1/Sinks',
    'GET /v1/Subscriptions',
    'POST /v1/Subscriptions',
  ]);
  const [, createSink, , subscribe] = run.sent;
  expect(createSink?.data).toMatchObject({ Description: SINK_DESCRIPTION, SinkType: 'webhook' });
  expect(JSON.parse(String(createSink?.data.SinkConfiguration))).toEqual({
    destination: EVENTS_URL,
    method: 'POST',
  });
  expect(subscribe?.data).toMatchObject({
    Description: SUBSCRIPTION_DESCRIPTION,
    SinkSid: expect.stringMatching(/^DG/),
  });
  expect(
    ([] as unknown[]).concat(subscribe?.data.Types).map((type) => JSON.parse(String(type))),
  ).toEqual([{ type: 'com.twilio.error-logs.error.logged' }]);
  const report = JSON.parse(run.stdout);
  expect(
    report.steps.map((step: { resource: string; action: string }) => [step.resource, step.action]),
  ).toEqual([
    ['sink', 'created'],
    ['subscription', 'created'],
  ]);
  expect(report.next).toMatch(/ALERT_MODE=events/);
  const verdicts = await prismVerdicts(prism.output, mark, 4);
  expect(verdicts).toMatchObject({ passed: 3, refused: 1 });
  expect(verdicts.violations).toEqual(['Request body property Types must be array']);
});

it('--dry-run only reads and says what it would create', async () => {
  const run = await runCli(['--alerts', 'events', '--domain', DOMAIN, '--dry-run'], {
    'events.twilio.com': prism.baseUrl,
  });
  expect(run.code).toBe(0);
  expect(run.sent.every((request) => request.method === 'GET')).toBe(true);
  expect(run.stdout).toMatch(/would create +sink .*https:\/\/guard-1234-dev\.twil\.io\/events/);
  expect(run.stdout).toMatch(/would create +subscription/);
  expect(run.stdout).toMatch(/dry run: nothing was changed/);
});

it('reuses a sink and subscription that already exist (run twice, change once)', async () => {
  const base = await overlay(OUR_SINK, OUR_SUBSCRIPTION);
  const run = await runCli(['--alerts', 'both', '--domain', DOMAIN], { 'events.twilio.com': base });
  expect(run.code).toBe(0);
  expect(requests(run.sent)).toEqual(['GET /v1/Sinks', 'GET /v1/Subscriptions']);
  expect(run.sent[1]?.params).toMatchObject({ SinkSid: SINK_SID });
  expect(run.stdout).toMatch(new RegExp(`reused +sink +${SINK_SID}`));
  expect(run.stdout).toMatch(new RegExp(`reused +subscription +${SUBSCRIPTION_SID}`));
});

it('--alerts inline deletes what it created: the subscriptions, then the sink', async () => {
  const base = await overlay(OUR_SINK, OUR_SUBSCRIPTION);
  const run = await runCli(['--alerts', 'inline', '--domain', DOMAIN], {
    'events.twilio.com': base,
  });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(requests(run.sent)).toEqual([
    'GET /v1/Sinks',
    'GET /v1/Subscriptions',
    `DELETE /v1/Subscriptions/${SUBSCRIPTION_SID}`,
    `DELETE /v1/Sinks/${SINK_SID}`,
  ]);
  expect(run.stdout).toMatch(/ALERT_MODE=inline/);
});

it('--alerts inline leaves sinks it did not create alone', async () => {
  const base = await overlay({
    ...OUR_SINK,
    body: { sinks: [{ sid: SINK_SID, description: 'Someone else’s sink', sink_type: 'webhook' }] },
  });
  const run = await runCli(['--alerts', 'inline'], { 'events.twilio.com': base });
  expect(run.code).toBe(0);
  expect(requests(run.sent)).toEqual(['GET /v1/Sinks']);
  expect(run.stdout).toMatch(/nothing to do/);
});
