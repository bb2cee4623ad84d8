/**
 * A probe pages nobody: the built fallback under the real twilio-run dev server (one
 * warm process, as a deployed instance keeps its flood control between requests),
 * an alert webhook on loopback, and the probe's own checks sent through the
 * emulator exactly as `npm run probe` sends them.
 */
import request from 'supertest';
import type { AlertWebhookBody } from '../../src/alerts/alert-message';
import { PROBE_MARKER_PARAMS } from '../../src/request/probe-marker';
import { simulate } from '../../tools/emulator/simulate';
import { serviceChecks } from '../../tools/probe/probe-checks';
import { startAlertEndpoint, type RunningAlertEndpoint } from '../support/alert-endpoint';
import { startDevServer, type RunningDevServer } from '../support/dev-server';
import { parseTwiml, verbsOf } from '../support/twiml-parse';

let webhook: RunningAlertEndpoint;
let server: RunningDevServer | undefined;
let logs: jest.SpyInstance[];

beforeEach(async () => {
  webhook = await startAlertEndpoint();
  // In-process (no fork): the Function's logs reach this process, and its flood
  // control lives from one request to the next, as in a warm deployed instance.
  server = await startDevServer({
    env: { ALERT_WEBHOOK_URL: `${webhook.baseUrl}/hook`, ALERT_BUDGET_MS: '1000' },
    forkProcess: false,
  });
  logs = (['log', 'warn', 'error'] as const).map((level) =>
    jest.spyOn(console, level).mockImplementation(() => undefined),
  );
});
afterEach(async () => {
  logs.forEach((spy) => spy.mockRestore());
  await Promise.all([webhook.close(), server?.close()]);
});

function fallbackLines(): Record<string, unknown>[] {
  return logs
    .flatMap((spy) => spy.mock.calls.map((call) => String(call[0])))
    .filter((text) => text.startsWith('{'))
    .map((text) => JSON.parse(text) as Record<string, unknown>)
    .filter((line) => line.event === 'fallback');
}

it('the probe’s fallback checks get the real answer, alert nobody, and leave the flood window to the next real failure', async () => {
  const baseUrl = server!.baseUrl;
  const fallbackChecks = serviceChecks(baseUrl, { voice: true, sms: true }).filter(
    (check) => check.url === `${baseUrl}/fallback`,
  );
  expect(fallbackChecks.map((check) => check.kind)).toEqual(['voice', 'sms']);

  // What `npm run probe` does for each check (tools/probe/run-probe.ts).
  const reports = [];
  for (const check of fallbackChecks) {
    reports.push(
      await simulate({
        url: check.url,
        method: check.method,
        kind: check.kind,
        extraParams: { ...check.extraParams },
      }),
    );
  }
  expect(reports.map((report) => report.callerGets)).toEqual(['primary-twiml', 'primary-twiml']);
  expect(webhook.received).toEqual([]);
  const probeLines = fallbackLines();
  expect(probeLines).toHaveLength(2);
  expect(probeLines).toEqual([
    expect.objectContaining({ kind: 'voice', errorCode: 11200, probe: true }),
    expect.objectContaining({ kind: 'sms', errorCode: 11200, probe: true }),
  ]);

  // Twilio's real request for the same failure, right after: same answer, alerted.
  const realFailure = {
    CallSid: 'CA' + '5'.repeat(32),
    From: '+14155550100',
    To: '+14155550199',
    ErrorCode: '11200',
    ErrorUrl: `${baseUrl}/primary`,
  };
  const real = await request(baseUrl).post('/fallback').type('form').send(realFailure);
  expect(real.status).toBe(200);
  expect(parseTwiml(real.text)).toEqual(parseTwiml(reports[0]!.twiml ?? ''));
  expect(verbsOf(parseTwiml(real.text))).toEqual(['Say', 'Hangup']);
  expect(webhook.received).toHaveLength(1);
  expect(webhook.received[0]!.json as AlertWebhookBody).toMatchObject({
    alert: 'fallback',
    errorCode: 11200,
    suppressed: 0,
  });
  expect(fallbackLines()[2]).not.toHaveProperty('probe');
});

it('a probe-marked request right after a real one is still answered alike and counts nothing', async () => {
  const baseUrl = server!.baseUrl;
  const failure = {
    CallSid: 'CA' + '6'.repeat(32),
    ErrorCode: '11205',
    ErrorUrl: 'https://app.example.com/voice',
  };
  const real = await request(baseUrl).post('/fallback').type('form').send(failure);
  const probe = await request(baseUrl)
    .post('/fallback')
    .type('form')
    .send({ ...failure, ...PROBE_MARKER_PARAMS });
  expect(probe.text).toBe(real.text);
  expect(webhook.received).toHaveLength(1);
  // The probe was neither sent nor counted as a suppression.
  const events = logs
    .flatMap((spy) => spy.mock.calls.map((call) => String(call[0])))
    .filter((text) => text.startsWith('{'))
    .map((text) => (JSON.parse(text) as { event: string }).event);
  expect(events).not.toContain('alert-suppressed');
  expect(events.filter((event) => event === 'alert-sent')).toHaveLength(1);
});
