import { fallbackAlert, floodKeyOf, voicemailAlert } from '../../../src/alerts/alert';
import {
  alertSmsBody,
  alertText,
  alertWebhookBody,
  type AlertMessage,
} from '../../../src/alerts/alert-message';
import { explainErrorCode } from '../../../src/errors/explain-error';
import { readErrorUrl } from '../../../src/request/error-url';
import { readFallbackRequest } from '../../../src/request/fallback-request';

const CALL_SID = 'CA' + '1'.repeat(32);
const NOW = Date.UTC(2026, 0, 2, 3, 4, 5);

function alertFor(event: Record<string, string>) {
  return fallbackAlert(readFallbackRequest(event), NOW);
}

describe('fallbackAlert', () => {
  it('carries the facts, with ErrorUrl query values and credentials redacted', () => {
    const alert = alertFor({
      CallSid: CALL_SID,
      From: '+14155550100',
      To: '+14155550199',
      ErrorCode: '11200',
      ErrorUrl: 'https://user:pw@App.Example.com:8443/voice?token=s3cret&x=1#rt=3000',
    });
    expect(alert).toEqual({
      kind: 'fallback',
      time: '2026-01-02T03:04:05.000Z',
      errorCode: 11200,
      errorName: 'HTTP retrieval failure',
      explanation: expect.any(String),
      docsUrl: 'https://www.twilio.com/docs/api/errors/11200',
      errorUrl:
        'https://REDACTED:REDACTED@app.example.com:8443/voice?token=REDACTED&x=REDACTED#rt=3000',
      failingHost: 'app.example.com:8443',
      callSid: CALL_SID,
      messageSid: null,
      from: '+14155550100',
      to: '+14155550199',
      recordingUrl: null,
      recordingSeconds: null,
      floodKey: '11200@app.example.com:8443',
    });
    expect(JSON.stringify(alert)).not.toMatch(/s3cret|pw@/);
  });

  it.each([
    ['<!channel> http://evil', null],
    ['client:alice', 'client:alice'],
    ['sip:bob@example.com', 'sip:bob@example.com'],
    ['x'.repeat(65), null],
  ])('reduces From %j to %j', (from, expected) => {
    expect(alertFor({ CallSid: CALL_SID, From: from, ErrorCode: '11200' }).from).toBe(expected);
  });
});

describe('flood keys', () => {
  it.each([
    [11200, 'app.example.com', '11200@app.example.com'],
    [11205, 'app.example.com', '11205@app.example.com'],
    [11200, null, '11200@unknown-host'],
    [11200, '[::1]:8080', '11200@_::1_:8080'],
  ] as const)('code %p, host %p → %p', (code, host, key) => {
    expect(floodKeyOf(code, host)).toBe(key);
  });

  it.each([
    ['https://A.example.com/x?y=1', 'a.example.com'],
    ['ftp://a.example.com/', null],
    ['not a url', null],
    [undefined, null],
  ])('failing host of %p is %p', (url, host) => {
    expect(readErrorUrl(url)?.failingHost ?? null).toBe(host);
  });
});

describe('alert messages', () => {
  const alert = alertFor({
    CallSid: CALL_SID,
    From: '+14155550100',
    To: '+14155550199',
    ErrorCode: '11205',
    ErrorUrl: 'https://app.example.com/voice?key=abc',
  });
  const message: AlertMessage = { alert, suppressed: 41, windowSeconds: 300 };

  it('gives the webhook every field and a Slack/Teams-ready text', () => {
    const body = alertWebhookBody(message);
    expect(body).toMatchObject({
      alert: 'fallback',
      errorCode: 11205,
      errorName: 'HTTP connection failure',
      errorUrl: 'https://app.example.com/voice?key=REDACTED',
      callSid: CALL_SID,
      from: '+14155550100',
      to: '+14155550199',
      time: '2026-01-02T03:04:05.000Z',
      suppressed: 41,
      windowSeconds: 300,
    });
    expect(body).not.toHaveProperty('floodKey');
    expect(body.text.split('\n')).toEqual([
      'Fallback answered: 11205 HTTP connection failure at app.example.com',
      `Call ${CALL_SID} from +14155550100 to +14155550199 at 2026-01-02T03:04:05.000Z`,
      'Failing URL: https://app.example.com/voice?key=REDACTED',
      alert.explanation,
      '41 similar alert(s) suppressed since the last one (window 300 s).',
      'https://www.twilio.com/docs/api/errors/11205',
    ]);
    expect(JSON.stringify(body)).not.toContain('abc');
  });

  it('leaves out the suppressed line when nothing was suppressed', () => {
    expect(alertText({ ...message, suppressed: 0 })).not.toMatch(/suppressed/);
  });

  it('keeps the SMS short and without the failing URL', () => {
    const sms = alertSmsBody(message);
    expect(sms).toBe(
      `Fallback answered: 11205 HTTP connection failure at app.example.com Call ${CALL_SID}. 41 similar suppressed. Details in the Function logs.`,
    );
    expect(sms.length).toBeLessThanOrEqual(300);
  });

  it('cuts a long SMS at 300 GSM-7 characters, so it fits in two segments', () => {
    const longHost = `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.example.com`;
    const alert = alertFor({
      CallSid: CALL_SID,
      ErrorCode: '11205',
      ErrorUrl: `https://${longHost}/voice`,
    });
    const sms = alertSmsBody({ alert, suppressed: 12345, windowSeconds: 300 });
    expect(sms).toHaveLength(300);
    expect(sms.endsWith('...')).toBe(true);
    expect(gsm7Septets(sms)).toBeLessThanOrEqual(2 * 153);
  });

  it('links the recording in a voicemail alert', () => {
    const voicemail = voicemailAlert(
      {
        callSid: CALL_SID,
        caller: '+14155550100',
        recordingUrl: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1',
        recordingSeconds: 42,
        explanation: explainErrorCode('11200'),
      },
      NOW,
    );
    const text = alertText({ alert: voicemail, suppressed: 0, windowSeconds: 300 });
    expect(text).toContain(
      'Voicemail left during a primary failure (11200 HTTP retrieval failure)',
    );
    expect(text).toContain(
      'Recording (42 s): https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1',
    );
    expect(voicemail.floodKey).toBeNull();
  });
});

/**
 * Septets `text` takes in the GSM-7 alphabet (extension characters take two), or
 * Infinity when a character is outside it and the whole SMS would go out as UCS-2.
 * Only the ASCII part of the alphabet is listed: alerts are built from ASCII.
 */
function gsm7Septets(text: string): number {
  const extension = '^{}\\[~]|';
  let septets = 0;
  for (const char of text) {
    if (extension.includes(char)) septets += 2;
    else if (/^[\x20-\x7e\n\r]$/.test(char) && char !== '`') septets += 1;
    else return Number.POSITIVE_INFINITY;
  }
  return septets;
}
