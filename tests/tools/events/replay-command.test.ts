/**
 * `npm run simulate -- --events-url ...`: one signed Event Streams delivery, checked
 * at a loopback server the way /events checks it (twilio-node's
 * validateRequestWithBody over the URL requested and the raw body).
 */
import { validateRequestWithBody } from 'twilio/lib/webhooks/webhooks';
import { readErrorLogEvent } from '../../../src/events/error-log-event';
import { runReplayCommand } from '../../../tools/events/replay-command';
import {
  startAlertEndpoint,
  refusedUrl,
  type RunningAlertEndpoint,
} from '../../support/alert-endpoint';

const TOKEN = 'replay-auth-token-0123456789';
let sink: RunningAlertEndpoint;
beforeAll(async () => {
  sink = await startAlertEndpoint();
});
afterAll(() => sink.close());
beforeEach(() => {
  sink.received.length = 0;
  sink.behaviour = { type: 'answer', status: 200 };
});

async function run(args: string[], env: Record<string, string> = { AUTH_TOKEN: TOKEN }) {
  let stdout = '';
  let stderr = '';
  const exitCode = await runReplayCommand(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env,
  });
  return { exitCode, stdout, stderr };
}

it('sends --count identical error events, signed with AUTH_TOKEN over the URL and body', async () => {
  const result = await run([
    '--events-url',
    `${sink.baseUrl}/events`,
    '--error-code',
    '11205',
    '--error-url',
    'https://app.example.com/voice',
    '--count',
    '3',
  ]);
  expect(result.exitCode).toBe(0);
  expect(result.stdout).toMatch(/answered HTTP 200/);
  expect(sink.received).toHaveLength(1);
  const [received] = sink.received;
  const url = `${sink.baseUrl}${received!.path}`;
  const signature = String(received!.headers['x-twilio-signature']);
  expect(received!.headers['content-type']).toBe('application/json');
  expect(validateRequestWithBody(TOKEN, signature, url, received!.text)).toBe(true);
  expect(validateRequestWithBody('another-token-0123456789', signature, url, received!.text)).toBe(
    false,
  );
  const events = (received!.json as unknown[]).map(readErrorLogEvent);
  expect(events).toHaveLength(3);
  expect(
    events.every(
      (read) =>
        read.ok &&
        read.event.errorCode === '11205' &&
        read.event.webhookUrl === 'https://app.example.com/voice' &&
        read.event.probe, // marked: /events pages nobody for a replay
    ),
  ).toBe(true);
});

it('exits 1 when /events refuses the delivery', async () => {
  sink.behaviour = { type: 'answer', status: 403 };
  const result = await run(['--events-url', `${sink.baseUrl}/events`]);
  expect(result.exitCode).toBe(1);
  expect(result.stdout).toMatch(/HTTP 403/);
});

it('exits 1 with one line when /events cannot be reached', async () => {
  const result = await run(['--events-url', await refusedUrl('/events')]);
  expect(result.exitCode).toBe(1);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(/could not deliver/);
});

it.each([
  [['--events-url', 'localhost:3000/events'], /--events-url/],
  [['--events-url', 'http://localhost:3000/events', '--count', '0'], /--count/],
  [['--events-url', 'http://localhost:3000/events', '--error-code', 'abc'], /--error-code/],
  [['--events-url', 'http://localhost:3000/events', '--level', 'LOUD'], /--level/],
  [['--events-url', 'http://localhost:3000/events', '--auth-token', ' '], /--auth-token/],
])('refuses %j (exit 2, nothing sent)', async (args, message) => {
  const result = await run(args);
  expect(result.exitCode).toBe(2);
  expect(result.stderr).toMatch(message);
  expect(sink.received).toEqual([]);
});

// `npm run simulate -- --help` points here: help must not need a valid URL first.
it.each([
  [['--events-url', '--help']],
  [['--events-url', 'x', '--help']],
  [['--help', '--events-url']],
  [['--events-url', 'http://127.0.0.1:3000/events', '-h']],
])('%j prints the replay help (exit 0, nothing sent)', async (args) => {
  const result = await run(args);
  expect(result.exitCode).toBe(0);
  expect(result.stderr).toBe('');
  expect(result.stdout).toMatch(/^Usage: simulate --events-url \[options\]/);
  expect(result.stdout).toContain('--count <n>');
  expect(sink.received).toEqual([]);
});
