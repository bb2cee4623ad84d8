import { MAX_LOGGED_URL_LENGTH, redactUrl } from '../../../src/request/redact-url';

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
});
