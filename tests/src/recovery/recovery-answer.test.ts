/** The TwiML each recovery mode and each recovery callback answers with. */
import { replyToFallbackRequest } from '../../../src/answers/fallback-answer';
import { readConfig } from '../../../src/config/read-config';
import { DEFAULT_FALLBACK_MESSAGE } from '../../../src/config/variables';
import { readFallbackRequest } from '../../../src/request/fallback-request';
import { parseTwiml, verbsOf, type TwimlNode } from '../../support/twiml-parse';
import { twiml } from '../../support/twilio-globals';

const CALL_SID = 'CA' + '4'.repeat(32);
const SELF = { path: '/fallback', domainName: 'guard-1234-dev.twil.io' };
const FAILED_CALL = {
  CallSid: CALL_SID,
  From: '+14155550100',
  To: '+14155550199',
  ErrorCode: '11200',
  ErrorUrl: 'https://app.example.com/voice?token=abc',
};

/** The fallback builds an alert record only when a channel will send it (see fallbackPlan). */
const ALERT_CHANNEL = { ALERT_WEBHOOK_URL: 'https://hooks.example.com/alerts' };

function reply(env: Record<string, string>, event: Record<string, unknown>) {
  const config = readConfig({ ...ALERT_CHANNEL, ...env }).config;
  const result = replyToFallbackRequest(twiml, config, readFallbackRequest(event), SELF, 0);
  return { ...result, root: parseTwiml(result.twiml.toString()) };
}

function child(root: TwimlNode, index: number): TwimlNode {
  const node = root.children[index];
  if (!node) throw new Error(`no child ${index} in ${verbsOf(root).join(',')}`);
  return node;
}

describe('recovery modes', () => {
  it('message: the fallback message, then hang up', () => {
    const { root, logLine } = reply({}, FAILED_CALL);
    expect(verbsOf(root)).toEqual(['Say', 'Hangup']);
    expect(child(root, 0).text).toBe(DEFAULT_FALLBACK_MESSAGE);
    expect(logLine).toMatchObject({ event: 'fallback', outcome: 'message' });
  });

  it('dial: a short apology, then the backup number with a timeout and an action back here', () => {
    const { root, logLine } = reply(
      {
        RECOVERY_MODE: 'dial',
        RECOVERY_DIAL_NUMBER: '+14155550142',
        RECOVERY_DIAL_TIMEOUT_SECONDS: '15',
      },
      FAILED_CALL,
    );
    expect(verbsOf(root)).toEqual(['Say', 'Dial', 'Number']);
    expect(child(root, 0).text).toMatch(/connect you/);
    expect(child(root, 1).attributes).toEqual({
      timeout: '15',
      action: 'https://guard-1234-dev.twil.io/fallback?recoveryStep=dial-ended',
      method: 'POST',
    });
    expect(child(child(root, 1), 0).text).toBe('+14155550142');
    expect(logLine).toMatchObject({ outcome: 'dial' });
  });

  it('voicemail: the prompt, a bounded recording with callbacks back here, the message if nothing was recorded', () => {
    const { root } = reply(
      {
        RECOVERY_MODE: 'voicemail',
        VOICEMAIL_MAX_SECONDS: '90',
        ALERT_WEBHOOK_URL: 'https://hooks.example.com/a',
      },
      FAILED_CALL,
    );
    expect(verbsOf(root)).toEqual(['Say', 'Record', 'Say', 'Hangup']);
    expect(child(root, 0).text).toMatch(/leave a message/);
    expect(child(root, 1).attributes).toEqual({
      maxLength: '90',
      playBeep: 'true',
      action: 'https://guard-1234-dev.twil.io/fallback?recoveryStep=voicemail-ended',
      method: 'POST',
      recordingStatusCallback:
        'https://guard-1234-dev.twil.io/fallback?recoveryStep=recording-ready&errorCode=11200&caller=%2B14155550100',
      recordingStatusCallbackMethod: 'POST',
    });
    expect(child(root, 2).text).toBe(DEFAULT_FALLBACK_MESSAGE);
  });

  it('redirect: to the standby URL, nothing else', () => {
    const { root } = reply(
      {
        RECOVERY_MODE: 'redirect',
        RECOVERY_REDIRECT_URL: 'https://standby.example.com/voice?app=2',
      },
      FAILED_CALL,
    );
    expect(verbsOf(root)).toEqual(['Redirect']);
    expect(child(root, 0)).toMatchObject({
      text: 'https://standby.example.com/voice?app=2',
      attributes: { method: 'POST' },
    });
  });

  it('redirect loop guard: the standby failed too, so the message', () => {
    const { root, logLine } = reply(
      { RECOVERY_MODE: 'redirect', RECOVERY_REDIRECT_URL: 'https://standby.example.com/voice' },
      { ...FAILED_CALL, ErrorUrl: 'https://standby.example.com/voice?CallSid=x' },
    );
    expect(verbsOf(root)).toEqual(['Say', 'Hangup']);
    expect(logLine).toMatchObject({
      outcome: 'message',
      outcomeNote: expect.stringMatching(/loop guard/),
    });
  });

  it('reports a misconfigured mode as a problem and answers the message', () => {
    const { root, problems } = reply({ RECOVERY_MODE: 'dial' }, FAILED_CALL);
    expect(verbsOf(root)).toEqual(['Say', 'Hangup']);
    expect(problems).toEqual([
      {
        variable: 'RECOVERY_MODE',
        reason: 'is dial but RECOVERY_DIAL_NUMBER is unset',
        consequence: 'callers get FALLBACK_MESSAGE',
      },
    ]);
  });

  it('dial to the number being called: the message, and RECOVERY_DIAL_NUMBER reported', () => {
    const { root, problems, logLine } = reply(
      { RECOVERY_MODE: 'dial', RECOVERY_DIAL_NUMBER: FAILED_CALL.To },
      FAILED_CALL,
    );
    expect(verbsOf(root)).toEqual(['Say', 'Hangup']);
    expect(child(root, 0).text).toBe(DEFAULT_FALLBACK_MESSAGE);
    expect(logLine).toMatchObject({ outcome: 'message' });
    expect(problems.map((problem) => problem.variable)).toEqual(['RECOVERY_DIAL_NUMBER']);
  });

  it('alerts on a fallback request, not on a request without ErrorCode', () => {
    expect(reply({}, FAILED_CALL).alert).toMatchObject({ kind: 'fallback', errorCode: 11200 });
    expect(reply({}, { CallSid: CALL_SID }).alert).toBeUndefined();
  });
});

describe('messaging never loops', () => {
  const MESSAGE = {
    MessageSid: 'SM' + '5'.repeat(32),
    From: '+14155550100',
    To: '+14155550199',
    ErrorCode: '12100',
  };
  it.each([
    ['an ordinary sender gets the apology', {}, MESSAGE, ['Message'], 'reply'],
    ['the number texting itself gets silence', {}, { ...MESSAGE, From: MESSAGE.To }, [], 'silence'],
    ['the alert sender gets silence', { ALERT_SMS_FROM: '+14155550100' }, MESSAGE, [], 'silence'],
  ])('%s', (_label, env, event, verbs, outcome) => {
    const { root, logLine, alert } = reply(
      { FALLBACK_SMS_REPLY: 'Sorry, try later.', ...env },
      event,
    );
    expect(verbsOf(root)).toEqual(verbs);
    expect(logLine).toMatchObject({ outcome });
    expect(alert).toMatchObject({ kind: 'fallback', messageSid: MESSAGE.MessageSid });
  });

  it('ignores RECOVERY_MODE: a message is never redirected or dialled', () => {
    const { root } = reply(
      { RECOVERY_MODE: 'redirect', RECOVERY_REDIRECT_URL: 'https://standby.example.com/sms' },
      MESSAGE,
    );
    expect(verbsOf(root)).toEqual([]);
  });
});

describe('recovery callbacks', () => {
  it.each([
    ['no-answer', ['Say', 'Hangup']],
    ['busy', ['Say', 'Hangup']],
    ['failed', ['Say', 'Hangup']],
    ['completed', ['Hangup']],
  ])('dial-ended with DialCallStatus=%s', (status, verbs) => {
    const { root, logLine, alert } = reply(
      {},
      { recoveryStep: 'dial-ended', CallSid: CALL_SID, DialCallStatus: status },
    );
    expect(verbsOf(root)).toEqual(verbs);
    expect(logLine).toEqual({
      event: 'recovery-step',
      step: 'dial-ended',
      callSid: CALL_SID,
      dialCallStatus: status,
    });
    expect(alert).toBeUndefined();
  });

  it('voicemail-ended hangs up', () => {
    const { root } = reply({}, { recoveryStep: 'voicemail-ended', CallSid: CALL_SID });
    expect(verbsOf(root)).toEqual(['Hangup']);
  });

  const RECORDING = {
    recoveryStep: 'recording-ready',
    errorCode: '11205',
    caller: '+14155550100',
    CallSid: CALL_SID,
    RecordingSid: 'RE' + '6'.repeat(32),
    RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/AC${'0'.repeat(32)}/Recordings/RE${'6'.repeat(32)}`,
    RecordingStatus: 'completed',
    RecordingDuration: '17',
  };

  it('recording-ready answers an empty Response and alerts with the recording link', () => {
    const { root, alert, twiml: document } = reply({}, RECORDING);
    expect(document.toString()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    expect(root.children).toEqual([]);
    expect(alert).toMatchObject({
      kind: 'voicemail',
      errorCode: 11205,
      callSid: CALL_SID,
      from: '+14155550100',
      recordingUrl: RECORDING.RecordingUrl,
      recordingSeconds: 17,
      floodKey: null,
    });
  });

  it.each([
    [
      'a recording URL off twilio.com',
      { RecordingUrl: 'https://evil.example.com/r.mp3' },
      /not a Twilio recording link/,
    ],
    [
      'plain http',
      { RecordingUrl: RECORDING.RecordingUrl.replace('https:', 'http:') },
      /not a Twilio recording link/,
    ],
    ['nothing recorded', { RecordingStatus: 'absent' }, /nothing was recorded/],
  ])('recording-ready with %s logs why and does not alert', (_label, change, note) => {
    const { root, alert, logLine } = reply({}, { ...RECORDING, ...change });
    expect(root.children).toEqual([]);
    expect(alert).toBeUndefined();
    expect(logLine).toMatchObject({ event: 'recovery-step', note: expect.stringMatching(note) });
  });

  it('treats an unknown step value as an ordinary fallback request', () => {
    const { logLine } = reply({}, { ...FAILED_CALL, recoveryStep: 'launch-missiles' });
    expect(logLine).toMatchObject({ event: 'fallback' });
  });
});
