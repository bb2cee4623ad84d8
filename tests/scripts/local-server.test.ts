/**
 * `npm start` serves like a warm deployed instance: one process, each Function
 * loaded once, so flood control's in-memory window holds across requests (no Sync
 * locally). Started exactly as `npm start` starts it (tests/support/npm-start.ts),
 * with the env file the Functions read given through `--env`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AlertWebhookBody } from '../../src/alerts/alert-message';
import { startAlertEndpoint, type RunningAlertEndpoint } from '../support/alert-endpoint';
import {
  spawnNpmStart,
  startLocalServer,
  type RunningLocalServer,
  type StartedProcess,
} from '../support/npm-start';
import { makeTempDir } from '../support/temp-dir';
import { parseTwiml, verbsOf } from '../support/twiml-parse';

const FAILURES = 30;

/** What Twilio sends the fallback after the primary failed: the same failure every time. */
function failedCall(index: number): URLSearchParams {
  return new URLSearchParams({
    CallSid: `CA${String(index).padStart(32, '0')}`,
    AccountSid: `AC${'0'.repeat(32)}`,
    From: '+14155550100',
    To: '+14155550199',
    ErrorCode: '11200',
    ErrorUrl: 'https://app.example.com/voice',
  });
}

const processes: StartedProcess[] = [];
afterEach(async () => {
  await Promise.all(processes.splice(0).map((started) => started.stop()));
});

describe('npm start', () => {
  let webhook: RunningAlertEndpoint;
  let server: RunningLocalServer;

  beforeAll(async () => {
    webhook = await startAlertEndpoint();
    const dir = makeTempDir('npm-start');
    const envFile = join(dir, '.env');
    writeFileSync(envFile, `ALERT_WEBHOOK_URL=${webhook.baseUrl}/hook\n`);
    server = await startLocalServer(['--port', '0', '--env', envFile]);
  });
  afterAll(async () => {
    await server?.stop();
    await webhook?.close();
  });

  it(`sends 1 alert for ${FAILURES} identical fallback failures, and answers each with TwiML`, async () => {
    for (let index = 0; index < FAILURES; index += 1) {
      const response = await fetch(`${server.baseUrl}/fallback`, {
        method: 'POST',
        body: failedCall(index),
      });
      expect(response.status).toBe(200);
      expect(verbsOf(parseTwiml(await response.text()))).toEqual(['Say', 'Hangup']);
    }
    // Alerts are sent (or abandoned) before the fallback answers: all are in by now.
    expect(webhook.received).toHaveLength(1);
    const alert = webhook.received[0]!.json as AlertWebhookBody;
    expect(alert).toMatchObject({ errorCode: 11200, failingHost: 'app.example.com' });
  });

  it('listens on 127.0.0.1 unless told otherwise', () => {
    expect(new URL(server.baseUrl).hostname).toBe('127.0.0.1');
  });
});

describe('npm start refuses, in one line and without waiting for a terminal', () => {
  it.each([
    [['--port', 'abc'], 2, /^error: --port "abc" is not a whole number$/],
    [['--port', '70000'], 2, /^error: --port "70000" is outside 0\.\.65535$/],
    [['--port', '-1'], 2, /^error: .*-1/],
    [['--host', 'everywhere'], 2, /^error: --host "everywhere" is not an IP address/],
    [['--no-such-flag'], 2, /^error: unknown option '--no-such-flag'$/],
    [['--port', '3000', '--port', '3001'], 2, /--port .*given twice \("3000", then "3001"\)$/],
    // twilio-run would serve without it: every setting silently at its default.
    [
      ['--env', 'no-such.env'],
      2,
      /^error: --env "no-such\.env" is not a file \(looked for \/.+\)$/,
    ],
  ])('%j: exit %i', async (args, exitCode, line) => {
    const started = spawnNpmStart(args);
    processes.push(started);
    expect(await started.exited).toBe(exitCode);
    const { stdout, stderr } = started.output();
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(line)]);
    expect(stdout).toBe('');
  });

  it('a port in use: exit 1 naming it, no prompt', async () => {
    const busy = await startAlertEndpoint();
    try {
      const port = new URL(busy.baseUrl).port;
      const started = spawnNpmStart(['--port', port]);
      processes.push(started);
      expect(await started.exited).toBe(1);
      expect(started.output().stderr.trim().split('\n')).toEqual([
        `error: 127.0.0.1:${port} is already in use (another \`npm start\`?): stop it, or pick a free port with --port`,
      ]);
    } finally {
      await busy.close();
    }
  });
});
