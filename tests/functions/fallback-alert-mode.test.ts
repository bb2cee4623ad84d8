/**
 * ALERT_MODE through the built fallback bundle: in `events` mode the fallback sends
 * no alert (the `/events` Function does) and gives the caller the same TwiML; a
 * voicemail is still alerted, because no Twilio error event will ever carry it.
 */
import { resolve } from 'node:path';
import type { ServerlessCallback } from '@twilio-labs/serverless-runtime-types/types';
import { startAlertEndpoint, type RunningAlertEndpoint } from '../support/alert-endpoint';
import { PROJECT_ROOT } from '../support/dev-server';
import { installTwilioGlobals } from '../support/twilio-globals';

type Handler = (context: object, event: object, callback: ServerlessCallback) => Promise<void>;

const { handler } = require(resolve(PROJECT_ROOT, 'dist/functions/fallback.protected.js')) as {
  handler: Handler;
};

let webhook: RunningAlertEndpoint;
let hosts = 0;
beforeAll(async () => {
  installTwilioGlobals();
  webhook = await startAlertEndpoint();
});
afterAll(() => webhook.close());

let logs: jest.SpyInstance[];
beforeEach(() => {
  webhook.received.length = 0;
  logs = (['log', 'warn', 'error'] as const).map((level) =>
    jest.spyOn(console, level).mockImplementation(() => undefined),
  );
});
afterEach(() => logs.forEach((spy) => spy.mockRestore()));

function context(mode: string | undefined) {
  return {
    PATH: '/fallback',
    ALERT_WEBHOOK_URL: `${webhook.baseUrl}/hook`,
    ...(mode !== undefined ? { ALERT_MODE: mode } : {}),
    getTwilioClient: () => {
      throw new Error('no credentials in this test');
    },
  };
}

function failedCall() {
  hosts += 1;
  return {
    CallSid: 'CA' + '7'.repeat(32),
    From: '+14155550100',
    To: '+14155550199',
    ErrorCode: '11200',
    ErrorUrl: `https://mode${hosts}.example.com/voice`,
  };
}

async function answer(ctx: object, event: object): Promise<string> {
  let payload: unknown;
  await handler(ctx, event, (error, result) => {
    expect(error).toBeNull();
    payload = result;
  });
  return String(payload);
}

it.each([
  ['unset (inline)', 1, undefined],
  ['inline', 1, 'inline'],
  ['both', 1, 'both'],
  ['events', 0, 'events'],
  ['EVENTS (any case)', 0, 'EVENTS'],
])(
  'ALERT_MODE %s: the fallback sends %i alert(s), and the caller gets the same TwiML',
  async (_label, alerts, mode) => {
    const baseline = await answer({ PATH: '/fallback' }, failedCall());
    const xml = await answer(context(mode), failedCall());
    expect(xml).toBe(baseline);
    expect(webhook.received).toHaveLength(alerts);
  },
);

it('ALERT_MODE=events still alerts a voicemail (only the fallback knows of it)', async () => {
  await answer(context('events'), {
    recoveryStep: 'recording-ready',
    errorCode: '11200',
    caller: '+14155550100',
    CallSid: 'CA' + '7'.repeat(32),
    RecordingSid: 'RE' + '8'.repeat(32),
    RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/AC${'0'.repeat(32)}/Recordings/RE${'8'.repeat(32)}`,
    RecordingStatus: 'completed',
    RecordingDuration: '9',
  });
  expect(webhook.received).toHaveLength(1);
  expect(webhook.received[0]?.json).toMatchObject({ alert: 'voicemail' });
});
