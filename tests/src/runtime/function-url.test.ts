import { functionUrl } from '../../../src/runtime/function-url';

describe('functionUrl', () => {
  it.each([
    ['guard-1234-dev.twil.io', '/fallback', {}, 'https://guard-1234-dev.twil.io/fallback'],
    [
      'guard-1234-dev.twil.io',
      '/fallback',
      { recoveryStep: 'dial-ended' },
      'https://guard-1234-dev.twil.io/fallback?recoveryStep=dial-ended',
    ],
    ['Calls.Example.COM', '/primary', {}, 'https://calls.example.com/primary'],
    ['localhost:3000', '/primary', {}, 'http://localhost:3000/primary'],
    ['127.0.0.1:41234', '/fallback', { a: '+1 2' }, 'http://127.0.0.1:41234/fallback?a=%2B1+2'],
    ['localhost', '/primary', {}, 'http://localhost/primary'],
    ['[::1]:3000', '/fallback', {}, 'http://[::1]:3000/fallback'],
    ['[::1]', '/primary', {}, 'http://[::1]/primary'],
    // A public host that merely starts like a local one is https.
    ['localhost.example.com', '/primary', {}, 'https://localhost.example.com/primary'],
  ])('%s + %s %j → %s', (domainName, path, query, expected) => {
    const url = functionUrl({ path, domainName }, query);
    expect(url).toBe(expected);
    expect(new URL(url).href).toBe(expected);
  });

  it.each([undefined, '', '   ', 'evil.example.com/x?', 'user@evil.example.com', 'a b'])(
    'falls back to the path alone when DOMAIN_NAME is %j',
    (domainName) => {
      expect(functionUrl({ path: '/fallback', domainName }, { recoveryStep: 'dial-ended' })).toBe(
        '/fallback?recoveryStep=dial-ended',
      );
    },
  );
});
