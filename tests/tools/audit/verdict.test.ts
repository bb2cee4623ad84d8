/** verdictOf: each channel against each of this project's fallbacks, and the host rules. */
import type { Answerer, Channel } from '../../../tools/audit/answering-resource';
import { verdictOf, type Verdict } from '../../../tools/audit/verdict';

const GUARD = 'https://guard-1234-dev.twil.io';
const APP = 'https://app.example.com';

function numberWith(primaryUrl: string | null, fallbackUrl: string | null): Answerer {
  return {
    kind: 'number',
    sid: 'PN00000000000000000000000000000001',
    label: 'number +14155550101',
    primaryUrl,
    primaryMethod: 'POST',
    fallbackUrl,
    fallbackMethod: fallbackUrl === null ? null : 'GET',
  };
}

describe('verdictOf: this project’s fallbacks, per channel', () => {
  it.each<[string, Channel, string, Verdict]>([
    // /fallback answers both channels.
    ['/fallback', 'voice', `${GUARD}/fallback`, 'protected'],
    ['/fallback', 'sms', `${GUARD}/fallback`, 'protected'],
    // Each static document on its own channel.
    ['the voice document', 'voice', `${GUARD}/error.xml`, 'protected'],
    ['the messaging document', 'sms', `${GUARD}/error-sms.xml`, 'protected'],
    // Each static document on the other channel.
    ['the messaging document', 'voice', `${GUARD}/error-sms.xml`, 'wrong-document'],
    ['the voice document', 'sms', `${GUARD}/error.xml`, 'wrong-document'],
    // A query string or an override fragment does not change the document served.
    [
      'the messaging document with a query',
      'voice',
      `${GUARD}/error-sms.xml?v=2`,
      'wrong-document',
    ],
    ['the voice document with a fragment', 'sms', `${GUARD}/error.xml#rc=1`, 'wrong-document'],
    ['the voice document with a query', 'voice', `${GUARD}/error.xml?v=2`, 'protected'],
    // The host's case is not the path's: the host is matched as Twilio resolves it.
    [
      'the voice document on an upper-case host',
      'sms',
      `${GUARD.toUpperCase().replace('HTTPS', 'https')}/error.xml`,
      'wrong-document',
    ],
    // Off Twilio Functions a path is whatever its host serves: judged by host like any fallback.
    ['/error-sms.xml on the primary’s own host', 'voice', `${APP}/error-sms.xml`, 'same-host'],
    ['/error.xml on the primary’s own host', 'voice', `${APP}/error.xml`, 'same-host'],
    [
      '/error.xml on a third party’s host',
      'sms',
      'https://static.example.net/error.xml',
      'protected',
    ],
    [
      '/error-sms.xml on a third party’s host',
      'voice',
      'https://static.example.net/error-sms.xml',
      'protected',
    ],
  ])('%s on %s (%s): %s', (_, channel, fallbackUrl, verdict) => {
    expect(verdictOf(numberWith(`${APP}/primary`, fallbackUrl), channel)).toBe(verdict);
  });
});

describe('verdictOf: everything else, the same on either channel', () => {
  describe.each<Channel>(['voice', 'sms'])('%s', (channel) => {
    it.each<[string, string | null, string | null, Verdict]>([
      ['another host', `${APP}/primary`, 'https://backup.example.net/f', 'protected'],
      ['the primary’s host', `${APP}/primary`, `${APP}/backup`, 'same-host'],
      [
        'the primary’s host in another case',
        `${APP}/primary`,
        'https://APP.example.com/b',
        'same-host',
      ],
      // Not this project's document: /error-sms.xml/ is another path, judged by its host.
      [
        'a trailing slash on the primary’s host',
        `${APP}/primary`,
        `${APP}/error-sms.xml/`,
        'same-host',
      ],
      ['no fallback', `${APP}/primary`, null, 'no-fallback'],
      ['an unparsable fallback', `${APP}/primary`, 'not a url', 'no-fallback'],
      ['no primary', null, `${GUARD}/error.xml`, 'no-primary'],
    ])('%s: %s → %s … %s', (_, primaryUrl, fallbackUrl, verdict) => {
      expect(verdictOf(numberWith(primaryUrl, fallbackUrl), channel)).toBe(verdict);
    });
  });

  it('a SIP trunk is a trunk, whatever it carries', () => {
    const trunk: Answerer = { ...numberWith(null, null), kind: 'trunk' };
    expect(verdictOf(trunk, 'voice')).toBe('trunk');
  });
});
