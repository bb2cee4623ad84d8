import { say } from '../answers/say';
import type { AppConfig } from '../config/variables';
import { UNANSWERED_DIAL_STATUSES } from '../request/dial-call-status';
import type { VoiceResponse } from '../runtime/twiml';
import type { FallbackLocation } from './fallback-location';
import type { RecoveryMode } from './recovery-modes';
import { recoveryStepUrl } from './recovery-steps';

export type RecoveryConfig = Pick<
  AppConfig,
  | 'sayVoice'
  | 'sayLanguage'
  | 'fallbackMessage'
  | 'recoveryDialNumber'
  | 'recoveryDialTimeoutSeconds'
  | 'recoveryDialMessage'
  | 'recoveryRedirectUrl'
  | 'voicemailPrompt'
  | 'voicemailMaxSeconds'
>;

/** What the voicemail's recording status callback carries back for the alert. */
export interface VoicemailContext {
  readonly errorCode: number | null;
  readonly caller: string | null;
}

/**
 * Writes the call's answer for `mode` into `response`. The mode was chosen by
 * chooseRecovery, so its setting is present; should it not be, the message is the
 * answer (never a half-built document).
 */
export function recoverCall(
  response: VoiceResponse,
  config: RecoveryConfig,
  mode: RecoveryMode,
  location: FallbackLocation,
  voicemail: VoicemailContext,
): void {
  if (mode === 'dial' && config.recoveryDialNumber !== undefined) {
    say(response, config, config.recoveryDialMessage);
    // The action comes back to this fallback with DialCallStatus: see answerDialEnded.
    const dial = response.dial({
      timeout: config.recoveryDialTimeoutSeconds,
      action: recoveryStepUrl(location, 'dial-ended'),
      method: 'POST',
    });
    dial.number(config.recoveryDialNumber);
    return;
  }
  if (mode === 'voicemail') {
    say(response, config, config.voicemailPrompt);
    const extra: Record<string, string> = {};
    if (voicemail.errorCode !== null) extra.errorCode = String(voicemail.errorCode);
    if (voicemail.caller !== null) extra.caller = voicemail.caller;
    response.record({
      maxLength: config.voicemailMaxSeconds,
      playBeep: true,
      // Without an action Twilio would request this document's URL (the fallback)
      // again after recording, and the caller would hear the prompt a second time.
      action: recoveryStepUrl(location, 'voicemail-ended'),
      method: 'POST',
      recordingStatusCallback: recoveryStepUrl(location, 'recording-ready', extra),
      recordingStatusCallbackMethod: 'POST',
    });
    // Reached only when nothing was recorded (Twilio then skips the action).
    say(response, config, config.fallbackMessage);
    response.hangup();
    return;
  }
  if (mode === 'redirect' && config.recoveryRedirectUrl !== undefined) {
    response.redirect({ method: 'POST' }, config.recoveryRedirectUrl);
    return;
  }
  speakFallbackMessage(response, config);
}

/** The message every mode falls back to: FALLBACK_MESSAGE, then hang up. */
export function speakFallbackMessage(
  response: VoiceResponse,
  config: Pick<AppConfig, 'sayVoice' | 'sayLanguage' | 'fallbackMessage'>,
): void {
  say(response, config, config.fallbackMessage);
  response.hangup();
}

/** After the backup number's call ended: the message when nobody answered, then hang up. */
export function answerDialEnded(
  response: VoiceResponse,
  config: RecoveryConfig,
  dialCallStatus: string | undefined,
): void {
  if (dialCallStatus === undefined || UNANSWERED_DIAL_STATUSES.has(dialCallStatus)) {
    say(response, config, config.fallbackMessage);
  }
  response.hangup();
}
