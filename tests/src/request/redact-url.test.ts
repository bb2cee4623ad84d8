import {
  isSecretPathSegment,
  MAX_LOGGED_URL_LENGTH,
  redactUrl,
} from '../../../src/request/redact-url';

describe('redactUrl', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['https://example.com/voice', 'https://example.com/voice'],
    [
      'https://example.com/voice?token=s3cret&user=bob&token=again',
      'https://example.com/voice?token=REDACTED&user=REDACTED',
    ],
    ['https://admin:hunter2@example.com/x', 'https://REDACTED:REDACTED@example.com/x'],
    [
      'https://example.com/primary?sig=abc#ct=1000&rt=3000',
      'https://example.com/primary?sig=REDACTED#ct=1000&rt=3000',
    ],
    ['not a url', '(not a URL)'],
    ['javascript:alert(1)', '(not an http(s) URL)'],
  ])('redacts %j', (raw, expected) => {
    expect(redactUrl(raw)).toBe(expected);
  });

  // A key with no value, or an overlong one, may itself be the secret.
  it.each([
    ['https://example.com/voice?s3cr3tToken123', 'https://example.com/voice?REDACTED'],
    ['https://example.com/voice?s3cr3tToken123=', 'https://example.com/voice?REDACTED'],
    [
      'https://example.com/voice?a=1&s3cr3tToken123&other',
      'https://example.com/voice?a=REDACTED&REDACTED',
    ],
    [`https://example.com/voice?${'k'.repeat(33)}=v`, 'https://example.com/voice?REDACTED'],
    [
      `https://example.com/voice?${'k'.repeat(32)}=v`,
      `https://example.com/voice?${'k'.repeat(32)}=REDACTED`,
    ],
  ])('redacts a query key that could be a secret: %s', (raw, expected) => {
    expect(redactUrl(raw)).toBe(expected);
  });

  // The fragment keeps Twilio's connection overrides, and nothing else.
  it.each([
    ['#ct=1000&rt=3000&tt=4000&rc=1&rp=ct,rt,5xx', '#ct=1000&rt=3000&tt=4000&rc=1&rp=ct,rt,5xx'],
    ['#e=dublin&sni=y', '#e=dublin&sni=y'],
    ['#ct=1000&token=s3cret', '#ct=1000'],
    ['#s3cr3tToken123', ''],
    ['#access_token=abc.def.ghi', ''],
    ['#ct=1000&rt=' + 'x'.repeat(33), '#ct=1000'],
    ['#ct=1000&rt=a%20b', '#ct=1000'],
    ['#ct=1000&rt=<script>', '#ct=1000'],
    ['#ct=1000&ct=2000', '#ct=1000'],
    ['#CT=1000', ''],
  ])('fragment %s keeps %j', (fragment, kept) => {
    expect(redactUrl(`https://example.com/primary${fragment}`)).toBe(
      `https://example.com/primary${kept}`,
    );
  });

  it('never lets a query value through, and bounds the length', () => {
    const secret = 'tok_' + 'x'.repeat(5000);
    const redacted = redactUrl(`https://example.com/a?key=${secret}&${'k'.repeat(2000)}=v`);
    expect(redacted).not.toContain('tok_');
    expect(redacted).not.toContain('kkk');
    expect(redacted!.length).toBeLessThanOrEqual(MAX_LOGGED_URL_LENGTH + 1);
  });

  // Many webhook URLs carry their token in the path: such segments go, names stay.
  it.each([
    ['https://example.com/voice', 'https://example.com/voice'],
    [
      'https://api.twilio.com/2010-04-01/Accounts/ACME/Calls',
      'https://api.twilio.com/2010-04-01/Accounts/ACME/Calls',
    ],
    ['https://example.com/v1/order-status/12345', 'https://example.com/v1/order-status/12345'],
    [
      'https://example.com/hooks/incoming-webhook-for-alerts',
      'https://example.com/hooks/incoming-webhook-for-alerts',
    ],
    ['https://example.com/12345678901234567890', 'https://example.com/12345678901234567890'],
    [
      'https://hooks.slack.com/services/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',
      'https://hooks.slack.com/services/T0123ABCD/B0456EFGH/REDACTED',
    ],
    [
      'https://discord.com/api/webhooks/123456789012345678/Xy12-abcDEF_ghi34JKLmno56pqrSTUvwx78',
      'https://discord.com/api/webhooks/123456789012345678/REDACTED',
    ],
    [
      'https://app.example.com/t/4f9a8b7c6d5e4f3a2b1c/voice?x=1',
      'https://app.example.com/t/REDACTED/voice?x=REDACTED',
    ],
  ])('path of %s becomes %s', (raw, expected) => {
    expect(redactUrl(raw)).toBe(expected);
  });

  it.each([
    ['voice', false],
    ['2010-04-01', false],
    ['T0123ABCD', false],
    ['incoming-webhook-for-alerts', false],
    ['12345678901234567890', false],
    ['aBcD1234eFgH5678iJkL9012', true],
    ['a1'.repeat(10), true],
    ['a1'.repeat(9) + 'a', false],
  ])('isSecretPathSegment(%j) is %s', (segment, secret) => {
    expect(isSecretPathSegment(segment)).toBe(secret);
  });
});
