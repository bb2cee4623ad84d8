import { answerPrimary } from '../../../src/answers/primary-answer';
import { readConfig } from '../../../src/config/read-config';
import { readWebhookRequest } from '../../../src/request/webhook-request';
import { parseTwiml, verbsOf } from '../../support/twiml-parse';
import { twiml } from '../../support/twilio-globals';

const SELF = { path: '/primary', domainName: 'guard-1234-dev.twil.io' };
const CALL = { CallSid: 'CA' + '1'.repeat(32), From: '+14155550100', To: '+14155550199' };
const MESSAGE = {
  MessageSid: 'SM' + '2'.repeat(32),
  From: '+14155550100',
  To: '+14155550199',
  Body: 'hi',
};

function answer(env: Record<string, string>, event: Record<string, unknown>) {
  const { config } = readConfig(env);
  return answerPrimary(twiml, config, readWebhookRequest(event), SELF);
}

function twimlOf(env: Record<string, string>, event: Record<string, unknown>) {
  const result = answer(env, event);
  if (result.type !== 'twiml') throw new Error(`expected TwiML, got ${result.type}`);
  return parseTwiml(result.twiml.toString());
}

describe('answerPrimary, voice', () => {
  it('greets and hangs up when no forwarding number is set', () => {
    const root = twimlOf({}, CALL);
    expect(verbsOf(root)).toEqual(['Say', 'Hangup']);
    expect(root.children[0]).toMatchObject({
      text: 'Thank you for calling.',
      attributes: { voice: 'Polly.Joanna', language: 'en-US' },
    });
  });

  it('greets and forwards with timeout, caller ID and an action that comes back here', () => {
    const root = twimlOf(
      {
        GREETING_MESSAGE: 'Connecting you now.',
        FORWARD_TO: '+14155550111',
        FORWARD_TIMEOUT_SECONDS: '15',
        FORWARD_CALLER_ID: '+14155550199',
        SAY_VOICE: 'woman',
        SAY_LANGUAGE: 'en-GB',
      },
      CALL,
    );
    expect(verbsOf(root)).toEqual(['Say', 'Dial', 'Number']);
    expect(root.children[0]).toMatchObject({
      text: 'Connecting you now.',
      attributes: { voice: 'woman', language: 'en-GB' },
    });
    expect(root.children[1]?.attributes).toEqual({
      timeout: '15',
      action: 'https://guard-1234-dev.twil.io/primary',
      method: 'POST',
      callerId: '+14155550199',
    });
    expect(root.children[1]?.children[0]?.text).toBe('+14155550111');
  });

  it('forwards without a callerId attribute when none is configured', () => {
    const root = twimlOf({ FORWARD_TO: '+14155550111' }, CALL);
    expect(root.children[1]?.attributes).not.toHaveProperty('callerId');
  });

  it.each(['no-answer', 'busy', 'failed', 'canceled'])(
    'says the no-answer message when the forwarded call ended %s',
    (status) => {
      const root = twimlOf(
        { FORWARD_TO: '+14155550111', NO_ANSWER_MESSAGE: 'Nobody here.' },
        { ...CALL, DialCallStatus: status },
      );
      expect(verbsOf(root)).toEqual(['Say', 'Hangup']);
      expect(root.children[0]?.text).toBe('Nobody here.');
    },
  );

  it('just hangs up after a forwarded call that was answered', () => {
    const root = twimlOf({ FORWARD_TO: '+14155550111' }, { ...CALL, DialCallStatus: 'completed' });
    expect(verbsOf(root)).toEqual(['Hangup']);
  });

  it('does not dial the number being called: greets, hangs up and reports FORWARD_TO', () => {
    const result = answer({ FORWARD_TO: CALL.To }, CALL);
    if (result.type !== 'twiml') throw new Error(`expected TwiML, got ${result.type}`);
    expect(verbsOf(parseTwiml(result.twiml.toString()))).toEqual(['Say', 'Hangup']);
    expect(result.problems).toEqual([
      {
        variable: 'FORWARD_TO',
        reason: expect.stringMatching(/number being called/),
        consequence: expect.stringMatching(/greeted/),
      },
    ]);
  });

  it('reports no problem when forwarding elsewhere', () => {
    expect(answer({ FORWARD_TO: '+14155550111' }, CALL).problems).toEqual([]);
  });

  // Read through the same validation as Direction and the fallback's dial-ended step:
  // anything but a status word is no dial outcome.
  it.each([
    ['free text', 'no-answer<Say>', ['Say', 'Dial', 'Number']],
    ['capitals', 'BUSY', ['Say', 'Dial', 'Number']],
    ['padding', ' busy ', ['Say', 'Hangup']],
  ])('reads a DialCallStatus with %s as a status word or not at all', (_label, status, verbs) => {
    const root = twimlOf(
      { FORWARD_TO: '+14155550111', NO_ANSWER_MESSAGE: 'Nobody here.' },
      { ...CALL, DialCallStatus: status },
    );
    expect(verbsOf(root)).toEqual(verbs);
  });

  it('ignores a malformed forwarding number and still answers', () => {
    const root = twimlOf({ FORWARD_TO: 'call bob' }, CALL);
    expect(verbsOf(root)).toEqual(['Say', 'Hangup']);
  });
});

describe('answerPrimary, messaging', () => {
  it('replies with the auto-reply', () => {
    const root = twimlOf({ SMS_AUTO_REPLY: 'Thanks, we got it & will reply <soon>.' }, MESSAGE);
    expect(root.name).toBe('Response');
    expect(verbsOf(root)).toEqual(['Message']);
    expect(root.children[0]?.text).toBe('Thanks, we got it & will reply <soon>.');
  });

  it('stays silent without an auto-reply', () => {
    const root = twimlOf({}, MESSAGE);
    expect(verbsOf(root)).toEqual([]);
  });

  // An auto-reply to one of our own numbers would answer itself forever.
  it.each([
    ['an ordinary sender', {}, MESSAGE, ['Message']],
    ['the number texting itself', {}, { ...MESSAGE, From: MESSAGE.To }, []],
    ['the alert sender', { ALERT_SMS_FROM: MESSAGE.From }, MESSAGE, []],
  ])('auto-replies to %s: %j', (_label, env, event, verbs) => {
    const result = answer({ SMS_AUTO_REPLY: 'Thanks.', ...env }, event);
    if (result.type !== 'twiml') throw new Error(`expected TwiML, got ${result.type}`);
    expect(result.twiml.toString()).toBe(
      verbs.length === 0
        ? '<?xml version="1.0" encoding="UTF-8"?><Response/>'
        : '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Thanks.</Message></Response>',
    );
  });
});

describe('answerPrimary, failover drill', () => {
  const env = { FAILOVER_DRILL_NUMBER: '+14155550100' };

  it.each([
    ['a call', CALL],
    ['a message', MESSAGE],
  ])('fails %s from the drill number with HTTP 500', (_label, event) => {
    expect(answer(env, event)).toMatchObject({ type: 'drill-failure', status: 500 });
  });

  it('serves every other caller normally', () => {
    expect(answer(env, { ...CALL, From: '+14155550123' }).type).toBe('twiml');
  });

  it('never drills on a request with no caller', () => {
    expect(answer(env, { CallSid: CALL.CallSid }).type).toBe('twiml');
  });
});
