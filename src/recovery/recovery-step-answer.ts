import { safeContact, voicemailAlert, type Alert } from '../alerts/alert';
import type { AppConfig } from '../config/variables';
import { explainErrorCode } from '../errors/explain-error';
import { readParam, readSid, readStatusToken, type RawEvent } from '../request/read-param';
import type { TwimlClasses, TwimlDocument } from '../runtime/twiml';
import { answerDialEnded } from './recovery-answer';
import { readRecordingReady, type RecoveryStep } from './recovery-steps';

export interface RecoveryStepReply {
  readonly twiml: TwimlDocument;
  readonly logLine: Readonly<Record<string, unknown>>;
  readonly alert: Alert | undefined;
  readonly problems: readonly [];
}

/**
 * Answers Twilio coming back to the fallback during a recovery. None of these is a
 * failure of the primary, so none is alerted as one: only a finished voicemail is
 * (with its recording link).
 */
export function answerRecoveryStep(
  twiml: TwimlClasses,
  config: AppConfig,
  step: RecoveryStep,
  event: RawEvent,
  nowMs: number,
): RecoveryStepReply {
  const callSid = readSid(event, 'CallSid') ?? null;
  const response = new twiml.VoiceResponse();

  if (step === 'dial-ended') {
    const dialCallStatus = readStatusToken(event, 'DialCallStatus');
    answerDialEnded(response, config, dialCallStatus);
    return reply(response, { step, callSid, dialCallStatus: dialCallStatus ?? null });
  }

  if (step === 'voicemail-ended') {
    response.hangup();
    return reply(response, { step, callSid });
  }

  // recording-ready: a status callback; Twilio ignores the body, an empty
  // <Response/> is the polite answer.
  const recording = readRecordingReady(event);
  const line = {
    step,
    callSid: recording.callSid ?? null,
    recordingSid: recording.recordingSid ?? null,
    recordingStatus: recording.status ?? null,
    recordingSeconds: recording.recordingSeconds ?? null,
  };
  const completed = recording.status === undefined || recording.status === 'completed';
  if (!completed || recording.recordingUrl === undefined) {
    return reply(response, {
      ...line,
      note: completed
        ? 'no alert: RecordingUrl is not a Twilio recording link'
        : 'no alert: nothing was recorded',
    });
  }
  const alert = voicemailAlert(
    {
      callSid: recording.callSid ?? null,
      caller: safeContact(readParam(event, 'caller')?.trim()),
      recordingUrl: recording.recordingUrl,
      recordingSeconds: recording.recordingSeconds ?? null,
      explanation: explainErrorCode(readParam(event, 'errorCode')),
    },
    nowMs,
  );
  return reply(response, line, alert);
}

function reply(
  twiml: TwimlDocument,
  fields: Record<string, unknown>,
  alert?: Alert,
): RecoveryStepReply {
  return { twiml, logLine: { event: 'recovery-step', ...fields }, alert, problems: [] };
}
