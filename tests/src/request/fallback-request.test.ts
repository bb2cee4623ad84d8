import { readFallbackRequest } from '../../../src/request/fallback-request';

describe('readFallbackRequest: ErrorUrl parsed once into what the fallback reads', () => {
  it.each([
    [
      'https://User:pw@App.Example.com:8443/hooks/aBcD1234eFgH5678iJkL9012/voice?token=s3cret#ct=1000',
      {
        redacted:
          'https://REDACTED:REDACTED@app.example.com:8443/hooks/REDACTED/voice?token=REDACTED#ct=1000',
        failingHost: 'app.example.com:8443',
        endpoint: 'app.example.com/hooks/aBcD1234eFgH5678iJkL9012/voice',
        carriesRecoveryStep: false,
      },
    ],
    [
      'https://guard.example.com/fallback?recoveryStep=dial-ended',
      {
        redacted: 'https://guard.example.com/fallback?recoveryStep=REDACTED',
        failingHost: 'guard.example.com',
        endpoint: 'guard.example.com/fallback',
        carriesRecoveryStep: true,
      },
    ],
    [
      'ftp://files.example.com/x',
      {
        redacted: '(not an http(s) URL)',
        failingHost: null,
        endpoint: undefined,
        carriesRecoveryStep: false,
      },
    ],
  ])('%s', (errorUrl, expected) => {
    expect(readFallbackRequest({ ErrorUrl: errorUrl }).errorUrl).toEqual(expected);
  });

  it('has no ErrorUrl when the parameter is missing or blank', () => {
    expect(readFallbackRequest({}).errorUrl).toBeUndefined();
    expect(readFallbackRequest({ ErrorUrl: '  ' }).errorUrl).toBeUndefined();
  });
});
