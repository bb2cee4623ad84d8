import { chooseRecovery } from '../../../src/recovery/choose-recovery';
import { endpointOf } from '../../../src/recovery/fallback-location';
import { readConfig } from '../../../src/config/read-config';
import { readErrorUrl } from '../../../src/request/error-url';

const SELF = { path: '/fallback', domainName: 'guard-1234-dev.twil.io' };
const STANDBY = 'https://standby.example.com/voice';
const DIAL = { RECOVERY_MODE: 'dial', RECOVERY_DIAL_NUMBER: '+14155550100' };
const REDIRECT = { RECOVERY_MODE: 'redirect', RECOVERY_REDIRECT_URL: STANDBY };
const CALLED = '+14155550199';
/** Voicemail needs someone to hear of the recordings: an alert channel. */
const VOICEMAIL = { RECOVERY_MODE: 'voicemail', ALERT_WEBHOOK_URL: 'https://hooks.example.com/a' };

function choose(env: Record<string, string>, code: number | null, errorUrl?: string) {
  return chooseRecovery(readConfig(env).config, code, readErrorUrl(errorUrl), SELF, CALLED);
}

describe('chooseRecovery', () => {
  it.each([
    ['message', {}, 11200, 'https://app.example.com/voice', 'message', undefined],
    ['dial', DIAL, 11200, 'https://app.example.com/voice', 'dial', undefined],
    ['voicemail', VOICEMAIL, 11205, undefined, 'voicemail', undefined],
    ['redirect', REDIRECT, 11200, 'https://app.example.com/voice', 'redirect', undefined],
    ['redirect without ErrorCode', REDIRECT, null, undefined, 'message', /no ErrorCode/],
    ['dial without ErrorCode', DIAL, null, undefined, 'message', /no ErrorCode/],
    [
      'redirect when the standby failed',
      REDIRECT,
      11200,
      'https://STANDBY.example.com/voice/?x=1#rt=1',
      'message',
      /ErrorUrl is RECOVERY_REDIRECT_URL/,
    ],
    [
      'redirect when the standby failed on another port',
      REDIRECT,
      11205,
      'http://standby.example.com:8080/voice',
      'message',
      /RECOVERY_REDIRECT_URL/,
    ],
    [
      'redirect when another path of the standby failed',
      REDIRECT,
      11200,
      'https://standby.example.com/other',
      'redirect',
      undefined,
    ],
    [
      'dial when the fallback itself failed',
      DIAL,
      11200,
      'https://guard-1234-dev.twil.io/fallback?recoveryStep=dial-ended',
      'message',
      /ErrorUrl is this fallback/,
    ],
    [
      'dial when a recovery callback failed on another domain',
      DIAL,
      11200,
      'https://guard.example.com/fallback?recoveryStep=dial-ended',
      'message',
      /ErrorUrl is this fallback/,
    ],
    [
      'redirect when a recovery callback failed on another domain',
      REDIRECT,
      11200,
      'https://guard.example.com/x?CallSid=CA1&recoveryStep=',
      'message',
      /ErrorUrl is this fallback/,
    ],
    [
      'dial when the primary failed and its URL has a recoveryStep-like fragment only',
      DIAL,
      11200,
      'https://app.example.com/voice#recoveryStep=x',
      'dial',
      undefined,
    ],
    [
      'voicemail when the fallback itself failed',
      VOICEMAIL,
      11200,
      'https://guard-1234-dev.twil.io/fallback',
      'message',
      /this fallback/,
    ],
  ] as const)('%s → %s', (_label, env, code, errorUrl, mode, note) => {
    const choice = choose(env, code, errorUrl);
    expect(choice.mode).toBe(mode);
    expect(choice.problems).toEqual([]);
    if (note) expect(choice.note).toMatch(note);
    else expect(choice.note).toBeUndefined();
  });

  it.each([
    [{ RECOVERY_MODE: 'dial' }, /RECOVERY_DIAL_NUMBER is unset/],
    [{ RECOVERY_MODE: 'dial', RECOVERY_DIAL_NUMBER: ' ' }, /RECOVERY_DIAL_NUMBER is unset/],
    [{ RECOVERY_MODE: 'redirect' }, /RECOVERY_REDIRECT_URL is unset/],
    [{ RECOVERY_MODE: 'voicemail' }, /voicemail but no alert channel is configured/],
    [
      // A channel configured by halves is no channel.
      { RECOVERY_MODE: 'voicemail', ALERT_SMS_TO: '+14155550123' },
      /voicemail but no alert channel is configured/,
    ],
    [
      {
        RECOVERY_MODE: 'redirect',
        RECOVERY_REDIRECT_URL: 'https://guard-1234-dev.twil.io/fallback?x=1',
      },
      /RECOVERY_REDIRECT_URL is this fallback \(a loop\)/,
    ],
  ])('a misconfigured mode %j falls back to the message and names the problem', (env, reason) => {
    const choice = choose(env, 11200, 'https://app.example.com/voice');
    expect(choice.mode).toBe('message');
    expect(choice.problems).toEqual([
      {
        variable: 'RECOVERY_MODE',
        reason: expect.stringMatching(reason),
        consequence: 'callers get FALLBACK_MESSAGE',
      },
    ]);
  });

  it('does not dial the number being called (it would reach the failing primary again)', () => {
    const choice = chooseRecovery(
      readConfig({ RECOVERY_MODE: 'dial', RECOVERY_DIAL_NUMBER: CALLED }).config,
      11200,
      readErrorUrl('https://app.example.com/voice'),
      SELF,
      CALLED,
    );
    expect(choice.mode).toBe('message');
    expect(choice.problems).toEqual([
      {
        variable: 'RECOVERY_DIAL_NUMBER',
        reason: expect.stringMatching(/number being called/),
        consequence: expect.stringMatching(/FALLBACK_MESSAGE/),
      },
    ]);
  });

  it.each([
    ['another number', '+14155550123', 'dial'],
    ['no To at all', undefined, 'dial'],
  ])('dials when the call is to %s', (_label, to, mode) => {
    const choice = chooseRecovery(
      readConfig(DIAL).config,
      11200,
      readErrorUrl('https://app.example.com/voice'),
      SELF,
      to,
    );
    expect(choice).toEqual({ mode, problems: [] });
  });

  it.each([
    ['https://elsewhere.example.com/fallback', 'dial'],
    ['https://elsewhere.example.com/fallback?recoveryStep=dial-ended', 'message'],
  ])('without a domain from the runtime, ErrorUrl %s → %s', (errorUrl, mode) => {
    const choice = chooseRecovery(
      readConfig(DIAL).config,
      11200,
      readErrorUrl(errorUrl),
      { path: '/fallback' },
      CALLED,
    );
    expect(choice.mode).toBe(mode);
  });
});

describe('endpointOf', () => {
  it.each([
    ['https://A.example.com/x/?q=1#f', 'a.example.com/x'],
    ['http://a.example.com:8080/x', 'a.example.com/x'],
    ['https://a.example.com', 'a.example.com'],
    ['mailto:x@example.com', undefined],
    ['not a url', undefined],
  ])('%s → %s', (url, endpoint) => {
    expect(endpointOf(url)).toBe(endpoint);
  });
});
