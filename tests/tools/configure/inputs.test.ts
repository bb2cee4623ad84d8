/** Parsing of what the user types: the number, the domain, the fast-failover timeouts. */
import {
  fastFailoverUrl,
  parseTimeout,
  typicalFailoverMs,
  worstCaseFailoverMs,
} from '../../../tools/configure/fast-failover';
import { functionUrls, parseFunctionDomain } from '../../../tools/cli/function-domain';
import { parseNumberTarget } from '../../../tools/twilio-client/number-target';

describe('parseNumberTarget', () => {
  it.each([
    ['+14155550100', { kind: 'e164', phoneNumber: '+14155550100' }],
    [' +1 (415) 555-0100 ', { kind: 'e164', phoneNumber: '+14155550100' }],
    ['+44.20.7946.0958', { kind: 'e164', phoneNumber: '+442079460958' }],
    ['PN' + 'a'.repeat(32), { kind: 'sid', sid: 'PN' + 'a'.repeat(32) }],
    [
      'PN' + 'ABCDEF0123456789'.repeat(2),
      { kind: 'sid', sid: 'PN' + 'ABCDEF0123456789'.repeat(2) },
    ],
  ])('accepts %j', (raw, expected) => {
    expect(parseNumberTarget(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    '14155550100',
    '+04155550100',
    '+1415555010012345',
    '+1415ABC0100',
    'PN123',
    'PN' + 'g'.repeat(32),
    'CA' + 'a'.repeat(32),
    '',
  ])('refuses %j, naming it', (raw) => {
    const parsed = parseNumberTarget(raw);
    expect(parsed).toEqual({ ok: false, reason: expect.stringContaining(`"${raw}"`) });
  });
});

describe('parseFunctionDomain', () => {
  it.each([
    ['my-service-1234-dev.twil.io', 'my-service-1234-dev.twil.io'],
    ['  My-Service-1234-DEV.twil.io. ', 'my-service-1234-dev.twil.io'],
    ['example.com', 'example.com'],
  ])('accepts %j as %j', (raw, host) => {
    expect(parseFunctionDomain(raw)).toEqual({ ok: true, value: host });
  });

  it.each([
    ['https://x-1234-dev.twil.io', 'remove the scheme'],
    ['x-1234-dev.twil.io/primary', 'remove the path'],
    ['x-1234-dev.twil.io?a=1', 'remove the path'],
    ['user@x-1234-dev.twil.io', 'remove the credentials'],
    ['x-1234-dev.twil.io:443', 'remove the port'],
    ['localhost', 'not a public host name'],
    ['-x.twil.io', '"-x" is not a valid DNS label'],
    ['x_y.twil.io', '"x_y" is not a valid DNS label'],
    ['x..twil.io', '"" is not a valid DNS label'],
    ['', 'it is empty'],
    [`${'a'.repeat(64)}.twil.io`, 'is not a valid DNS label'],
  ])('refuses %j: %s', (raw, why) => {
    const parsed = parseFunctionDomain(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(why);
  });

  it('builds the service URLs from a base', () => {
    expect(functionUrls('https://x-1234-dev.twil.io/')).toEqual({
      primary: 'https://x-1234-dev.twil.io/primary',
      fallback: 'https://x-1234-dev.twil.io/fallback',
      staticFallback: 'https://x-1234-dev.twil.io/error.xml',
      staticSmsFallback: 'https://x-1234-dev.twil.io/error-sms.xml',
      events: 'https://x-1234-dev.twil.io/events',
    });
  });
});

describe('fast failover timeouts', () => {
  it.each([
    ['ct', '100', 100],
    ['ct', '10000', 10000],
    ['rt', '15000', 15000],
    ['tt', ' 4000 ', 4000],
  ] as const)('%s accepts %j', (field, raw, value) => {
    expect(parseTimeout(field, raw)).toEqual({ ok: true, value });
  });

  it.each([
    ['ct', '99', '--connect-timeout "99" is out of range: Twilio accepts ct from 100 to 10000 ms'],
    [
      'ct',
      '10001',
      '--connect-timeout "10001" is out of range: Twilio accepts ct from 100 to 10000 ms',
    ],
    [
      'rt',
      '15001',
      '--read-timeout "15001" is out of range: Twilio accepts rt from 100 to 15000 ms',
    ],
    [
      'tt',
      '4s',
      '--total-timeout "4s" is not a whole number of milliseconds (Twilio accepts tt from 100 to 15000)',
    ],
    [
      'ct',
      '1e3',
      '--connect-timeout "1e3" is not a whole number of milliseconds (Twilio accepts ct from 100 to 10000)',
    ],
    [
      'rt',
      '-1',
      // A negative number is out of range, not "not a whole number".
      '--read-timeout "-1" is out of range: Twilio accepts rt from 100 to 15000 ms',
    ],
    [
      'rt',
      '3000.5',
      '--read-timeout "3000.5" is not a whole number of milliseconds (Twilio accepts rt from 100 to 15000)',
    ],
  ] as const)('%s refuses %j', (field, raw, reason) => {
    expect(parseTimeout(field, raw)).toEqual({ ok: false, reason });
  });

  it('writes ct, rt, tt as the URL fragment', () => {
    expect(fastFailoverUrl('https://h.twil.io/primary', { ct: 1000, rt: 3000, tt: 4000 })).toBe(
      'https://h.twil.io/primary#ct=1000&rt=3000&tt=4000',
    );
  });

  it.each([
    [{ ct: 1000, rt: 3000, tt: 4000 }, 4000],
    [{ ct: 1000, rt: 3000, tt: 2500 }, 2500],
    [{ ct: 5000, rt: 15000, tt: 15000 }, 15000],
  ])('a hung primary fails over after %j → %i ms', (timeouts, ms) => {
    expect(worstCaseFailoverMs(timeouts)).toBe(ms);
  });

  it.each([
    [{ ct: 1000, rt: 3000, tt: 4000 }, 3000],
    [{ ct: 1000, rt: 3000, tt: 2500 }, 2500],
    [{ ct: 5000, rt: 15000, tt: 15000 }, 15000],
  ])('a hung primary that connects at once usually fails over after %j → %i ms', (timeouts, ms) => {
    expect(typicalFailoverMs(timeouts)).toBe(ms);
  });
});
