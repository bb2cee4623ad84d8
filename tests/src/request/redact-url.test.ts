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

  it('never lets a query value through, and bounds the length', () => {
    const secret = 'tok_' + 'x'.repeat(5000);
    const redacted = redactUrl(`https://example.com/a?key=${secret}&${'k'.repeat(2000)}=v`);
    expect(redacted).not.toContain('tok_');
    expect(redacted!.length).toBeLessThanOrEqual(MAX_LOGGED_URL_LENGTH + 1);
  });
});
