/**
 * `configure --fast-failover auto` end to end: the real CLI, Prism serving Twilio's
 * OpenAPI file for the number, and a real loopback primary with controlled latency
 * that the tool measures before it writes anything.
 */
import twilio from 'twilio';
import { EXAMPLE_NUMBER, numberListOverride } from '../../support/incoming-number-fixtures';
import {
  startOpenApiResponseServer,
  type RunningOpenApiResponseServer,
} from '../../support/openapi-response-server';
import { startPrism, TEST_AUTH_TOKEN, type RunningPrism } from '../../support/twilio-api-stand-in';
import { PROBE_MARKER_PARAMS } from '../../../src/request/probe-marker';
import { startPacedServer, type TestServer } from '../emulator/misbehaving-servers';
import { runCli, type CliRun } from './cli-harness';

const DOMAIN = 'guard-1234-dev.twil.io';
/** The one slow answer of every measurement: 3 × 434 ms is just above 1300 ms. */
const SLOWEST_MS = 434;

let apiPrism: RunningPrism;
let primary: TestServer | undefined;
let overlay: RunningOpenApiResponseServer | undefined;

beforeAll(async () => {
  apiPrism = await startPrism('api.twilio.com');
}, 60000);

afterEach(closeServers);

afterAll(async () => {
  await apiPrism?.close();
});

/** The number's Voice URL is the paced primary; every request but the last answers at once. */
async function runAgainstPrimary(
  argv: readonly string[],
  failAt?: number,
  samples = 20,
): Promise<CliRun & { voiceUrl: string }> {
  primary = await startPacedServer((index) => (index === samples - 1 ? SLOWEST_MS : 0), failAt);
  const voiceUrl = `${primary.baseUrl}/paced`;
  overlay = await startOpenApiResponseServer({
    specFile: 'twilio_api_v2010.json',
    upstream: apiPrism.baseUrl,
    overrides: [numberListOverride({ voice_url: voiceUrl, voice_method: 'POST' })],
  });
  const run = await runCli(
    [
      '--number',
      EXAMPLE_NUMBER,
      '--domain',
      DOMAIN,
      '--voice',
      '--keep-primary',
      '--fast-failover',
      'auto',
      ...(argv.includes('--samples') ? [] : ['--samples', String(samples)]),
      ...argv,
    ],
    { 'api.twilio.com': overlay.baseUrl },
  );
  return { ...run, voiceUrl };
}

const posts = (run: CliRun) => run.sent.filter((request) => request.method === 'POST');

function printedP99(stdout: string): number {
  const match = /p99 (\d+) ms/.exec(stdout);
  if (!match) throw new Error(`no p99 in: ${stdout}`);
  return Number(match[1]);
}

const ruleRt = (p99: number) => Math.max(1000, Math.ceil((3 * p99) / 100) * 100);

describe('configure --fast-failover auto', () => {
  it('--dry-run measures with signed, probe-marked requests and proposes, writing nothing', async () => {
    const run = await runAgainstPrimary(['--dry-run']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(posts(run)).toEqual([]);
    const requests = primary?.requests ?? [];
    expect(requests).toHaveLength(20);
    for (const request of requests) {
      expect(request.params).toMatchObject(PROBE_MARKER_PARAMS);
      const signature = String(request.headers['x-twilio-signature']);
      expect(twilio.validateRequest(TEST_AUTH_TOKEN, signature, run.voiceUrl, request.params)).toBe(
        true,
      );
    }
    const p99 = printedP99(run.stdout);
    // The slowest answer took at least its delay; the rule is applied to what was measured.
    expect(p99).toBeGreaterThanOrEqual(SLOWEST_MS);
    const rt = ruleRt(p99);
    expect(run.stdout).toContain(`Measured ${run.voiceUrl}: 20/20 TwiML answers`);
    expect(run.stdout).toContain(`Proposed: ct=1000 rt=${rt} tt=${1000 + rt} rc=1\n`);
    expect(run.stdout).toContain(
      `Worst-case caller wait when the primary hangs: ${1000 + rt} ms tuned, 4000 ms with fixed --fast-failover, 15000 ms with Twilio's defaults.`,
    );
    expect(run.stdout).toContain(`${run.voiceUrl}#ct=1000&rt=${rt}&tt=${1000 + rt}`);
  }, 30000);

  it('writes the tuned overrides on the primary URL; a pinned --read-timeout wins', async () => {
    const tuned = await runAgainstPrimary([]);
    expect(tuned.code).toBe(0);
    const rt = ruleRt(printedP99(tuned.stdout));
    expect(posts(tuned).map((request) => request.data)).toEqual([
      expect.objectContaining({ VoiceUrl: `${tuned.voiceUrl}#ct=1000&rt=${rt}&tt=${1000 + rt}` }),
    ]);
    await closeServers();
    const pinned = await runAgainstPrimary(['--read-timeout', '5000']);
    expect(pinned.code).toBe(0);
    expect(pinned.stdout).toContain('Proposed: ct=1000 rt=5000 tt=6000 rc=1 (pinned by flag: rt)');
    expect(posts(pinned).map((request) => request.data)).toEqual([
      expect.objectContaining({ VoiceUrl: `${pinned.voiceUrl}#ct=1000&rt=5000&tt=6000` }),
    ]);
  }, 30000);

  it('refuses, writes nothing and stops measuring when the primary fails during the measurement', async () => {
    const run = await runAgainstPrimary([], 4);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'error: --fast-failover auto: not tuned, nothing changed: the primary failed during the measurement (HTTP 500, 11200 HTTP retrieval failure): fix it first, tuning timeouts to a failing primary would hide the failure\n',
    );
    expect(run.stdout).toBe('');
    expect(posts(run)).toEqual([]);
    expect(primary?.requests).toHaveLength(5);
  }, 30000);

  it.each([
    [['--samples', '5'], '--samples "5" must be a whole number from 20'],
    [['--samples', 'many'], '--samples "many" must be a whole number from 20'],
  ])(
    'names a bad %j in one line and measures nothing',
    async (extra, message) => {
      const run = await runAgainstPrimary(extra);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(primary?.requests).toEqual([]);
      expect(run.sent).toEqual([]);
    },
    30000,
  );
});

async function closeServers(): Promise<void> {
  await Promise.all([primary?.close(), overlay?.close()]);
  primary = undefined;
  overlay = undefined;
}
