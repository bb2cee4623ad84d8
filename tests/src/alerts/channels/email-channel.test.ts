/** The e-mail channel against a SendGrid stand-in on loopback: exactly what is sent. */
import { alertChannels } from '../../../../src/alerts/alert-channels';
import { fallbackAlert } from '../../../../src/alerts/alert';
import { readConfig } from '../../../../src/config/read-config';
import { readFallbackRequest } from '../../../../src/request/fallback-request';
import { startAlertEndpoint, type RunningAlertEndpoint } from '../../../support/alert-endpoint';

let sendgrid: RunningAlertEndpoint;
beforeAll(async () => {
  sendgrid = await startAlertEndpoint({ type: 'answer', status: 202 });
});
afterAll(() => sendgrid.close());
beforeEach(() => {
  sendgrid.received.length = 0;
});

async function sendEmail(alertEmailTo: string) {
  const { config } = readConfig({
    SENDGRID_API_KEY: 'SG.test-key-0123456789',
    SENDGRID_API_URL: sendgrid.baseUrl,
    ALERT_EMAIL_TO: alertEmailTo,
    ALERT_EMAIL_FROM: 'alerts@example.com',
  });
  const services = {
    twilioClient: () => {
      throw new Error('no SMS in this test');
    },
    syncService: () => {
      throw new Error('no Sync in this test');
    },
    fetch: (input: string | URL | Request, init?: RequestInit) => fetch(input, init),
    now: () => 0,
  };
  const [email] = alertChannels(config, services);
  if (email?.name !== 'email') throw new Error('expected the e-mail channel');
  const alert = fallbackAlert(
    readFallbackRequest({
      CallSid: 'CA' + '1'.repeat(32),
      ErrorCode: '11200',
      ErrorUrl: 'https://app.example.com/voice',
    }),
    0,
  );
  await email.send({ alert, suppressed: 0, windowSeconds: 300 }, AbortSignal.timeout(5000));
  expect(sendgrid.received).toHaveLength(1);
  const body = sendgrid.received[0]?.json as { personalizations: { to: { email: string }[] }[] };
  return body.personalizations;
}

describe('e-mail alert recipients', () => {
  it.each([
    [
      'OnCall@Example.com, oncall@example.com,backup@example.com ,BACKUP@EXAMPLE.COM',
      ['OnCall@Example.com', 'backup@example.com'],
    ],
    ['oncall@example.com,oncall@example.com', ['oncall@example.com']],
    ['a@example.com,b@example.com', ['a@example.com', 'b@example.com']],
  ])('ALERT_EMAIL_TO=%j sends one personalization to %j', async (raw, expected) => {
    const personalizations = await sendEmail(raw);
    expect(personalizations).toEqual([{ to: expected.map((email) => ({ email })) }]);
  });
});
