import { nextHop, type NextHopContext } from '../../../tools/emulator/next-hop';
import { checkTwimlAnswer } from '../../../tools/emulator/twiml-document';

function verbsOf(xml: string) {
  const check = checkTwimlAnswer('voice', {
    contentType: 'text/xml',
    body: Buffer.from(xml),
    bodyTooLarge: false,
  });
  if (!check.ok) throw new Error(check.detail);
  return check.verbs;
}

const context: NextHopContext = {
  documentUrl: 'https://app.test/ivr/menu?lang=en',
  kind: 'voice',
  digits: '2',
  accountSid: 'AC00000000000000000000000000000000',
};

describe('nextHop', () => {
  it.each([
    ['<Response><Say>Hi</Say></Response>', {}, { type: 'end', reason: 'end of the document' }],
    [
      '<Response><Hangup/><Redirect>/x</Redirect></Response>',
      {},
      { type: 'end', reason: '<Hangup> ends the call' },
    ],
    ['<Response><Reject/></Response>', {}, { type: 'end', reason: '<Reject> ends the call' }],
    [
      '<Response><Say>Hi</Say><Redirect>next</Redirect></Response>',
      {},
      { type: 'redirect', url: 'https://app.test/ivr/next', method: 'POST', params: {} },
    ],
    [
      '<Response><Redirect method="get">https://other.test/a#rt=500</Redirect></Response>',
      {},
      { type: 'redirect', url: 'https://other.test/a#rt=500', method: 'GET' },
    ],
    [
      '<Response><Gather action="/choose" method="GET"/></Response>',
      {},
      {
        type: 'action',
        url: 'https://app.test/choose',
        method: 'GET',
        params: { Digits: '2', FinishedOnKey: '' },
        usedDigits: true,
      },
    ],
    [
      '<Response><Gather><Say>Press</Say></Gather></Response>',
      {},
      { type: 'action', url: 'https://app.test/ivr/menu?lang=en', method: 'POST' },
    ],
    [
      '<Response><Gather action="/choose"/><Redirect>/again</Redirect></Response>',
      { digits: undefined },
      { type: 'redirect', url: 'https://app.test/again' },
    ],
    [
      '<Response><Dial action="/after"><Number>+14155550100</Number></Dial></Response>',
      {},
      { type: 'end', reason: '<Dial action> is not followed: the dialed call is not emulated' },
    ],
    [
      '<Response><Redirect>mailto:ops@example.com</Redirect></Response>',
      {},
      // Not the end of the call: requesting it fails with 11100 (see simulate.test.ts).
      { type: 'redirect', url: 'mailto:ops@example.com' },
    ],
    [
      '<Response><Redirect>http://[::1</Redirect></Response>',
      {},
      { type: 'redirect', url: 'http://[::1' },
    ],
    [
      '<Response><Gather action="/choose"/></Response>',
      { kind: 'sms' as const },
      { type: 'end', reason: 'end of the document' },
    ],
  ])('%s', (xml, overrides, expected) => {
    expect(nextHop(verbsOf(xml), { ...context, ...overrides })).toMatchObject(expected);
  });
});
