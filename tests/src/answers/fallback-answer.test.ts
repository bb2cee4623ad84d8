import { answerFallback } from '../../../src/answers/fallback-answer';
import { fallbackRecord } from '../../../src/logging/fallback-record';
import { readConfig } from '../../../src/config/read-config';
import { DEFAULT_FALLBACK_MESSAGE } from '../../../src/config/variables';
import { PROBE_MARKER_PARAM, PROBE_MARKER_PARAMS } from '../../../src/request/probe-marker';
import { readFallbackRequest } from '../../../src/request/fallback-request';
import { parseTwiml, verbsOf } from '../../support/twiml-parse';
import { twiml } from '../../support/twilio-globals';

const CALL_SID = 'CA' + '1'.repeat(32);
const MESSAGE_SID = 'SM' + '2'.repeat(32);
const SELF = { path: '/fallback', domainName: 'guard-1234-dev.twil.io' };

/**
 * An alert channel, on in every case below unless the case turns it off: the fallback
 * builds an alert record only when it will send one (see fallbackPlan).
 */
const ALERT_CHANNEL = { ALERT_WEBHOOK_URL: 'https://hooks.example.com/alerts' };

function fallback(env: Record<string, string>, event: Record<string, unknown>) {
  const config = readConfig({ ...ALERT_CHANNEL, ...env }).config;
  const request = readFallbackRequest(event);
  const answer = answerFallback(twiml, config, request, SELF);
  return {
    root: parseTwiml(answer.twiml.toString()),
    record: fallbackRecord(request),
    outcome: answer.outcome,
    alert: answer.alert,
  };
}

/** Each recovery mode with the settings it needs (voicemail: an alert channel). */
const EVERY_RECOVERY_MODE: [string, Record<string, string>][] = [
  ['message', {}],
  ['dial', { RECOVERY_MODE: 'dial', RECOVERY_DIAL_NUMBER: '+14155550142' }],
  ['voicemail', { RECOVERY_MODE: 'voicemail', ALERT_WEBHOOK_URL: 'https://hooks.example.com/a' }],
  [
    'redirect',
    { RECOVERY_MODE: 'redirect', RECOVERY_REDIRECT_URL: 'https://standby.example.com/v' },
  ],
];

describe('answerFallback', () => {
  // A probe checks the real answer: the same TwiML, logged as a probe, never alerted.
  describe.each([
    ...EVERY_RECOVERY_MODE,
    ['sms reply', { FALLBACK_SMS_REPLY: 'Sorry, try again later.' }],
  ])('a probe-marked request with RECOVERY_MODE=%s', (label, env) => {
    const failed =
      label === 'sms reply'
        ? { MessageSid: MESSAGE_SID, ErrorCode: '11200', ErrorUrl: 'https://app.example.com/sms' }
        : { CallSid: CALL_SID, ErrorCode: '11200', ErrorUrl: 'https://app.example.com/voice' };

    it('gets the same answer as a real one, is logged as a probe and alerts nobody', () => {
      const real = fallback(env, failed);
      const probe = fallback(env, { ...failed, ...PROBE_MARKER_PARAMS });
      expect(probe.root).toEqual(real.root);
      expect(probe.outcome).toBe(real.outcome);
      expect(real.alert).toMatchObject({ kind: 'fallback', errorCode: 11200 });
      expect(probe.alert).toBeUndefined();
      expect(probe.record).toEqual({ ...real.record, probe: true });
      expect(real.record).not.toHaveProperty('probe');
    });
  });

  it.each([['0'], ['true'], ['']])('a marker with another value (%j) is not a probe', (value) => {
    const { alert, record } = fallback(
      {},
      { CallSid: CALL_SID, ErrorCode: '11200', [PROBE_MARKER_PARAM]: value },
    );
    expect(alert).toMatchObject({ kind: 'fallback' });
    expect(record).not.toHaveProperty('probe');
  });

  /** Each channel alone, with every setting it needs (and no other channel on). */
  const EACH_CHANNEL: [string, Record<string, string>][] = [
    ['SMS', { ALERT_SMS_TO: '+14155550111', ALERT_SMS_FROM: '+14155550122' }],
    ['webhook', { ALERT_WEBHOOK_URL: 'https://hooks.example.com/alerts' }],
    [
      'e-mail',
      {
        SENDGRID_API_KEY: 'SG.test-key-0123456789',
        ALERT_EMAIL_TO: 'oncall@example.com',
        ALERT_EMAIL_FROM: 'guard@example.com',
      },
    ],
    ['PagerDuty', { PAGERDUTY_ROUTING_KEY: 'R0UT1NGKEY' }],
  ];
  const failedCall = {
    CallSid: CALL_SID,
    ErrorCode: '11200',
    ErrorUrl: 'https://app.example.com/v',
  };
  const failedMessage = { ...failedCall, CallSid: undefined, MessageSid: MESSAGE_SID };

  describe.each(EACH_CHANNEL)('with only the %s channel on', (_channel, channelEnv) => {
    const alone = { ALERT_WEBHOOK_URL: '', ...channelEnv };
    it.each([
      ['unset (inline)', {}, true],
      ['inline', { ALERT_MODE: 'inline' }, true],
      ['both', { ALERT_MODE: 'both' }, true],
      ['events', { ALERT_MODE: 'events' }, false],
    ])('ALERT_MODE %s: the fallback builds its alert %p', (_mode, modeEnv, sent) => {
      for (const event of [failedCall, failedMessage]) {
        const { alert } = fallback({ ...alone, ...modeEnv }, event);
        if (sent) expect(alert).toMatchObject({ kind: 'fallback', errorCode: 11200 });
        else expect(alert).toBeUndefined();
      }
    });
  });

  it.each([
    ['no alert channel is on', { ALERT_WEBHOOK_URL: '' }],
    ['ALERT_MODE=events (/events alerts instead)', { ALERT_MODE: 'events' }],
  ])('builds no alert when %s, and answers the same', (_label, env) => {
    const failed = { CallSid: CALL_SID, ErrorCode: '11200', ErrorUrl: 'https://app.example.com/v' };
    const quiet = fallback(env, failed);
    const alerting = fallback({}, failed);
    expect(quiet.alert).toBeUndefined();
    expect(alerting.alert).toMatchObject({ kind: 'fallback', errorCode: 11200 });
    expect(quiet.root).toEqual(alerting.root);
    expect(quiet.record).toEqual(alerting.record);
  });

  it('apologises to a caller with the default message and hangs up', () => {
    const { root } = fallback({}, { CallSid: CALL_SID, ErrorCode: '11200' });
    expect(verbsOf(root)).toEqual(['Say', 'Hangup']);
    expect(root.children[0]?.text).toBe(DEFAULT_FALLBACK_MESSAGE);
  });

  it('uses the configured message, voice and language', () => {
    const { root } = fallback(
      { FALLBACK_MESSAGE: 'Un problème est survenu.', SAY_LANGUAGE: 'fr-FR', SAY_VOICE: 'man' },
      { CallSid: CALL_SID },
    );
    expect(root.children[0]).toMatchObject({
      text: 'Un problème est survenu.',
      attributes: { voice: 'man', language: 'fr-FR' },
    });
  });

  it.each([
    [{}, []],
    [{ FALLBACK_SMS_REPLY: 'Sorry, try again later.' }, ['Message']],
  ])('answers a message with env %j: %j', (env, verbs) => {
    const { root } = fallback(env, { MessageSid: MESSAGE_SID, Body: 'secret body' });
    expect(verbsOf(root)).toEqual(verbs);
  });

  it('builds one log record from ErrorCode and a redacted ErrorUrl', () => {
    const { record } = fallback(
      {},
      {
        CallSid: CALL_SID,
        Direction: 'inbound',
        ErrorCode: '11205',
        ErrorUrl: 'https://app.example.com/voice?token=abc123',
        From: '+14155550100',
      },
    );
    expect(record).toEqual({
      event: 'fallback',
      kind: 'voice',
      errorCode: 11205,
      errorStatus: 'known',
      errorName: 'HTTP connection failure',
      explanation: expect.stringContaining('could not connect'),
      docsUrl: 'https://www.twilio.com/docs/api/errors/11205',
      errorUrl: 'https://app.example.com/voice?token=REDACTED',
      callSid: CALL_SID,
      messageSid: null,
      direction: 'inbound',
    });
  });

  it('never logs an SMS body or the caller', () => {
    const { record } = fallback(
      {},
      { MessageSid: MESSAGE_SID, Body: 'my PIN is 4321', From: '+14155550100', ErrorCode: '12100' },
    );
    const line = JSON.stringify(record);
    expect(line).not.toContain('4321');
    expect(line).not.toContain('+14155550100');
    expect(record.messageSid).toBe(MESSAGE_SID);
  });

  it('keeps request text out of the TwiML', () => {
    const hostile = '</Say><Redirect>https://evil.example</Redirect><Say>';
    const { root } = fallback(
      {},
      { CallSid: CALL_SID, ErrorUrl: hostile, From: hostile, ErrorCode: hostile, Body: hostile },
    );
    expect(verbsOf(root)).toEqual(['Say', 'Hangup']);
    expect(root.children[0]?.text).toBe(DEFAULT_FALLBACK_MESSAGE);
  });

  // The primary's own <Dial action> failed after the forwarded call was answered and
  // ended: Twilio comes here with ErrorCode and DialCallStatus=completed.
  describe.each(EVERY_RECOVERY_MODE)('RECOVERY_MODE=%s', (mode, env) => {
    const DIAL_ACTION_FAILED = {
      CallSid: CALL_SID,
      ErrorCode: '11200',
      ErrorUrl: 'https://app.example.com/voice',
      To: '+14155550199',
    };

    it('just hangs up a call whose dialled leg completed, and still alerts', () => {
      const { root, outcome, alert } = fallback(env, {
        ...DIAL_ACTION_FAILED,
        DialCallStatus: 'completed',
      });
      expect(verbsOf(root)).toEqual(['Hangup']);
      expect(outcome).toBe('hangup');
      expect(alert).toMatchObject({ kind: 'fallback', errorCode: 11200 });
    });

    it('recovers a call whose dialled leg was not answered (the caller is still there)', () => {
      const { outcome } = fallback(env, { ...DIAL_ACTION_FAILED, DialCallStatus: 'no-answer' });
      expect(outcome).toBe(mode);
    });
  });
});
