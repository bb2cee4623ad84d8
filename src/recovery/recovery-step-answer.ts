import { safeContact, voicemailAlert, type Alert } from '../alerts/alert';
import type { AppConfig } from '../config/variables';
import { explainErrorCode } from '../errors/explain-error';
import type { FallbackRequest } from '../request/fallback-request';
import type { TwimlClasses, TwimlDocument } from '../runtime/twiml';
import { answerDialEnded } from './recovery-answer';
import type { RecoveryStepRequest } from './recovery-steps';

export interface RecoveryStepReply {
  readonly twiml: TwimlDocument;
  readonly logLine: Readonly<Record<string, unknown>>;
  readonly alert: Alert | undefined;
  readonly problems: readonly [];
}

/**
 * Answers Twilio coming back to the fallback during a recovery. None of these is a
 * failure of the primary, so none is alerted as one: only a finished voicemail is
 * (with its recording link), and never for a probe.
 */
export function answerRecoveryStep(
  twiml: TwimlClasses,
  config: AppConfig,
  request: FallbackRequest,
  { step, recording, voicemailCaller, voicemailErrorCode }: RecoveryStepRequest,
  nowMs: number,
): RecoveryStepReply {
  const callSid = request.callSid ?? null;
  const probe = request.probe ? { probe: true } : {};
  const response = new twiml.VoiceResponse();

  if (step === 'dial-ended') {
    const { dialCallStatus } = request;
    answerDialEnded(response, config, dialCallStatus);
    return reply(response, { step, callSid, dialCallStatus: dialCallStatus ?? null, ...probe });
  }

  if (step === 'voicemail-ended') {
    response.hangup();
    return reply(response, { step, callSid, ...probe });
  }

  // recording-ready: a status callback; Twilio ignores the body, an empty
  // <Response/> is the polite answer.
  const line = {
    step,
    callSid: recording.callSid ?? null,
    recordingSid: recording.recordingSid ?? null,
    recordingStatus: recording.status ?? null,
    recordingSeconds: recording.recordingSeconds ?? null,
    ...probe,
  };
  if (request.probe) return reply(response, { ...line, note: 'no alert: a probe' });
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
      caller: safeContact(voicemailCaller),
      recordingUrl: recording.recordingUrl,
      recordingSeconds: recording.recordingSeconds ?? null,
      explanation: explainErrorCode(voicemailErrorCode),
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
