import { isHttpUrl, parseUrl, readHttpUrl } from '../../../src/request/http-url';

describe('parseUrl', () => {
  it.each([
    ['https://example.com/a?b=1#c', undefined, 'https://example.com/a?b=1#c'],
    ['ftp://example.com/file', undefined, 'ftp://example.com/file'],
    ['  https://example.com/x  ', undefined, 'https://example.com/x'],
    ['/next', 'https://example.com/doc', 'https://example.com/next'],
  ])('parses %j (base %j) as %s', (text, base, href) => {
    expect(parseUrl(text, base)?.href).toBe(href);
  });

  it.each(['', 'not a url', '/relative', '\u00a0https://example.com/'])(
    'gives undefined for %j',
    (text) => {
      expect(parseUrl(text)).toBeUndefined();
    },
  );
});

describe('isHttpUrl', () => {
  it.each([
    ['http://example.com/', true],
    ['https://example.com/', true],
    ['ftp://example.com/', false],
    ['mailto:ops@example.com', false],
  ])('%s → %s', (text, expected) => {
    expect(isHttpUrl(new URL(text))).toBe(expected);
  });
});

describe('readHttpUrl', () => {
  it.each([
    [undefined, 'missing'],
    ['   ', 'missing'],
    ['not a url', 'not-url'],
    ['ftp://example.com/', 'not-http'],
    [' https://example.com/x ', 'https://example.com/x'],
  ])('%j → %s', (raw, expected) => {
    const result = readHttpUrl(raw);
    expect(result instanceof URL ? result.href : result).toBe(expected);
  });
});
