import { replyToFallbackRequest } from '../../../src/answers/fallback-answer';
import { SharedAnswers, type SharedAnswerName } from '../../../src/answers/shared-answers';
import { readConfig } from '../../../src/config/read-config';
import { DEFAULT_FALLBACK_MESSAGE } from '../../../src/config/variables';
import { readFallbackRequest } from '../../../src/request/fallback-request';
import { resetInstanceState } from '../../../src/runtime/instance-state';
import { parseTwiml, verbsOf } from '../../support/twiml-parse';
import { twiml } from '../../support/twilio-globals';

const SELF = { path: '/fallback', domainName: 'guard-1234-dev.twil.io' };
const CALL = {
  CallSid: 'CA' + '1'.repeat(32),
  From: '+14155550100',
  To: '+14155550199',
  ErrorCode: '11200',
  ErrorUrl: 'https://app.example.com/voice',
};
const MESSAGE = { ...CALL, CallSid: undefined, MessageSid: 'SM' + '2'.repeat(32) };

afterEach(() => resetInstanceState());

describe('SharedAnswers: answers that depend on configuration alone, built once', () => {
  const config = readConfig({
    FALLBACK_MESSAGE: 'Tom & Jerry <are> "out"',
    FALLBACK_SMS_REPLY: 'Back soon & <sorry>',
    SAY_VOICE: 'man',
    SAY_LANGUAGE: 'fr-FR',
  }).config;

  it.each<[SharedAnswerName, string[], string | undefined]>([
    ['message', ['Say', 'Hangup'], 'Tom & Jerry <are> "out"'],
    ['hangup', ['Hangup'], ''],
    ['sms-reply', ['Message'], 'Back soon & <sorry>'],
    ['sms-silence', [], undefined],
  ])(
    '%s: built with twilio’s classes, escaped, the same document every time',
    (name, verbs, text) => {
      const answers = new SharedAnswers(config);
      const first = answers.get(twiml, name);
      const again = answers.get(twiml, name);
      expect(again).toBe(first);
      const isVoice = name === 'message' || name === 'hangup';
      expect(first).toBeInstanceOf(isVoice ? twiml.VoiceResponse : twiml.MessagingResponse);
      // Serializing leaves the document as it was.
      expect(again.toString()).toBe(first.toString());
      const root = parseTwiml(first.toString());
      expect(verbsOf(root)).toEqual(verbs);
      expect(root.children[0]?.text).toBe(text);
      if (name === 'message') {
        expect(root.children[0]?.attributes).toEqual({ voice: 'man', language: 'fr-FR' });
      }
    },
  );

  it('builds anew with other TwiML classes (the runtime’s global vs a test’s)', () => {
    const answers = new SharedAnswers(config);
    const first = answers.get(twiml, 'message');
    class OtherVoiceResponse extends twiml.VoiceResponse {}
    const other = { VoiceResponse: OtherVoiceResponse, MessagingResponse: twiml.MessagingResponse };
    const rebuilt = answers.get(other, 'message');
    expect(rebuilt).not.toBe(first);
    expect(rebuilt).toBeInstanceOf(OtherVoiceResponse);
    expect(rebuilt.toString()).toBe(first.toString());
  });
});

describe('the fallback hands every request the same finished document', () => {
  function reply(env: Record<string, string>, event: Record<string, unknown>) {
    const config = readConfig(env).config;
    return replyToFallbackRequest(twiml, config, readFallbackRequest(event), SELF, 0).twiml;
  }

  it('a message answer stays exactly Say, Hangup however many requests it served', () => {
    const answers = Array.from({ length: 5 }, () => reply({}, CALL));
    // Other answers of the same configuration in between touch no other document.
    const hangup = reply({}, { ...CALL, DialCallStatus: 'completed' });
    const silence = reply({}, MESSAGE);
    const last = reply({}, CALL);
    expect(verbsOf(parseTwiml(hangup.toString()))).toEqual(['Hangup']);
    expect(verbsOf(parseTwiml(silence.toString()))).toEqual([]);
    expect(new Set([...answers, last]).size).toBe(1);
    const root = parseTwiml(last.toString());
    expect(verbsOf(root)).toEqual(['Say', 'Hangup']);
    expect(root.children[0]?.text).toBe(DEFAULT_FALLBACK_MESSAGE);
  });

  it('a new configuration gets its own answer', () => {
    const before = reply({}, CALL);
    const changed = reply({ FALLBACK_MESSAGE: 'We are on it.' }, CALL);
    expect(changed).not.toBe(before);
    expect(parseTwiml(changed.toString()).children[0]?.text).toBe('We are on it.');
    expect(parseTwiml(before.toString()).children[0]?.text).toBe(DEFAULT_FALLBACK_MESSAGE);
  });

  it('answers built from request values (a dial to the request’s domain) are per request', () => {
    const env = { RECOVERY_MODE: 'dial', RECOVERY_DIAL_NUMBER: '+14155550142' };
    expect(reply(env, CALL)).not.toBe(reply(env, CALL));
  });

  it('a message gets the shared reply, or the shared silence for its own number', () => {
    const env = { FALLBACK_SMS_REPLY: 'Sorry, try later.' };
    expect(reply(env, MESSAGE)).toBe(reply(env, MESSAGE));
    const own = reply(env, { ...MESSAGE, From: MESSAGE.To });
    expect(verbsOf(parseTwiml(own.toString()))).toEqual([]);
    expect(verbsOf(parseTwiml(reply(env, MESSAGE).toString()))).toEqual(['Message']);
  });
});
