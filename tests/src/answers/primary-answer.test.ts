import { answerPrimary } from '../../../src/answers/primary-answer';
import { readConfig } from '../../../src/config/read-config';
import { readWebhookRequest } from '../../../src/request/webhook-request';
import { parseTwiml, verbsOf } from '../../support/twiml-parse';
import { twiml } from '../../support/twilio-globals';

const CALL = { CallSid: 'CA' + '1'.repeat(32), From: '+14155550100', To: '+14155550199' };
const MESSAGE = { MessageSid: 'SM' + '2'.repeat(32), From: '+14155550100', Body: 'hi' };

function answer(env: Record<string, string>, event: Record<string, unknown>) {
  const { config } = readConfig(env);
  return answerPrimary(twiml, config, readWebhookRequest(event), '/primary');
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
      action: '/primary',
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
