import { fromOwnNumber } from '../../../src/answers/own-number';

const NUMBER = '+14155550199';
const SENDER = '+14155550111';

describe('fromOwnNumber', () => {
  it.each([
    ['an ordinary sender', { from: '+14155550100', to: NUMBER }, SENDER, undefined],
    ['the number itself', { from: NUMBER, to: NUMBER }, SENDER, /number itself/],
    ['ALERT_SMS_FROM', { from: SENDER, to: NUMBER }, SENDER, /ALERT_SMS_FROM/],
    ['no sender', { from: undefined, to: NUMBER }, SENDER, undefined],
    ['an empty sender', { from: '', to: '' }, undefined, undefined],
    [
      'a Messaging Service as ALERT_SMS_FROM',
      { from: '+14155550100', to: NUMBER },
      'MG' + 'a'.repeat(32),
      undefined,
    ],
  ])('%s', (_label, request, alertSmsFrom, why) => {
    const reason = fromOwnNumber(request, { alertSmsFrom });
    if (why === undefined) expect(reason).toBeUndefined();
    else expect(reason).toMatch(why);
  });
});
