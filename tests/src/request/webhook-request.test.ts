import { MAX_PARAM_LENGTH, readParam, readStatusToken } from '../../../src/request/read-param';
import { readWebhookRequest } from '../../../src/request/webhook-request';

const CALL_SID = 'CA' + 'a'.repeat(32);
const MESSAGE_SID = 'SM' + 'b'.repeat(32);

describe('readWebhookRequest', () => {
  it.each([
    [{ CallSid: CALL_SID }, 'voice'],
    [{ MessageSid: MESSAGE_SID }, 'sms'],
    [{ SmsSid: MESSAGE_SID }, 'sms'],
    [{ SmsMessageSid: MESSAGE_SID }, 'sms'],
    [{ CallSid: CALL_SID, MessageSid: MESSAGE_SID }, 'voice'],
    [{}, 'voice'],
    [{ MessageSid: 'not-a-sid' }, 'voice'],
    [{ MessageSid: { nested: MESSAGE_SID } }, 'voice'],
    [{ MessageSid: [MESSAGE_SID, 'x'] }, 'sms'],
  ])('%j is a %s request', (event, kind) => {
    expect(readWebhookRequest(event).kind).toBe(kind);
  });

  it('reads the caller, the direction and a dial outcome', () => {
    const request = readWebhookRequest({
      CallSid: CALL_SID,
      From: ' +14155550100 ',
      To: '+14155550199',
      Direction: 'inbound',
      DialCallStatus: 'no-answer',
    });
    expect(request).toMatchObject({
      kind: 'voice',
      callSid: CALL_SID,
      from: '+14155550100',
      to: '+14155550199',
      direction: 'inbound',
      dialCallStatus: 'no-answer',
    });
  });

  it.each([
    ['Direction', 'direction'],
    ['DialCallStatus', 'dialCallStatus'],
  ] as const)('drops a %s that is not a status word', (param, field) => {
    expect(readWebhookRequest({ [param]: 'in"bound\n{}' })[field]).toBeUndefined();
  });
});

describe('readStatusToken', () => {
  it.each([
    ['no-answer', 'no-answer'],
    [' completed ', 'completed'],
    ['outbound-dial', 'outbound-dial'],
    ['Completed', undefined],
    ['no answer', undefined],
    ['busy<Say>', undefined],
    ['x'.repeat(21), undefined],
    ['', undefined],
  ])('reads %j as %j', (value, expected) => {
    expect(readStatusToken({ S: value }, 'S')).toBe(expected);
  });
});

describe('readParam', () => {
  it.each([
    [{ A: 'x' }, 'x'],
    [{ A: ['y', 'z'] }, 'y'],
    [{ A: [1, 'z'] }, 'z'],
    [{ A: 5 }, undefined],
    [{ A: { b: 'c' } }, undefined],
    [{ A: null }, undefined],
    [{}, undefined],
  ])('reads %j', (event, expected) => {
    expect(readParam(event, 'A')).toBe(expected);
  });

  it('truncates absurdly long values', () => {
    expect(readParam({ A: 'x'.repeat(100000) }, 'A')).toHaveLength(MAX_PARAM_LENGTH);
  });
});
