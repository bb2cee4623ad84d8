import { readHttpUrl } from '../request/http-url';
import { readParam, readSid, type RawEvent } from '../request/read-param';
import { functionUrl, type FunctionLocation } from '../runtime/function-url';

/**
 * Requests Twilio makes back to the fallback during a recovery, told apart from a
 * real fallback request by a query flag on the URLs the recovery TwiML hands out
 * (the runtime merges query parameters into `event`):
 * - `dial-ended`: the `<Dial action>`, with DialCallStatus.
 * - `voicemail-ended`: the `<Record action>`, once the caller finished recording.
 * - `recording-ready`: the `<Record recordingStatusCallback>`, with RecordingUrl.
 */
export const RECOVERY_STEPS = ['dial-ended', 'voicemail-ended', 'recording-ready'] as const;
export type RecoveryStep = (typeof RECOVERY_STEPS)[number];

export const RECOVERY_STEP_PARAM = 'recoveryStep';

function readRecoveryStep(event: RawEvent): RecoveryStep | undefined {
  const value = readParam(event, RECOVERY_STEP_PARAM)?.trim();
  return RECOVERY_STEPS.find((step) => step === value);
}

/**
/** The fallback's own absolute URL for `step`, on the domain the request arrived on. */
export function recoveryStepUrl(
  location: FunctionLocation,
  step: RecoveryStep,
  extra: Readonly<Record<string, string>> = {},
): string {
  return functionUrl(location, { [RECOVERY_STEP_PARAM]: step, ...extra });
}

/** What a recording status callback tells about the voicemail. */
export interface RecordingReady {
  readonly callSid: string | undefined;
  readonly recordingSid: string | undefined;
  /** Only an https URL on a twilio.com host: anything else is not Twilio's recording link. */
  readonly recordingUrl: string | undefined;
  readonly recordingSeconds: number | undefined;
  /** `completed`, `absent` (nothing recorded) or `failed`. */
  readonly status: string | undefined;
}

/**
 * A recovery callback as the fallback reads it: the step, and for
 * `recording-ready` what the callback and the `<Record>`'s own query carried.
 */
export interface RecoveryStepRequest {
  readonly step: RecoveryStep;
  readonly recording: RecordingReady;
  /** The `errorCode` the voicemail's callback URL carried (raw). */
  readonly voicemailErrorCode: string | undefined;
  /** The `caller` the voicemail's callback URL carried (raw, trimmed). */
  readonly voicemailCaller: string | undefined;
}

export function readRecoveryStepRequest(event: RawEvent): RecoveryStepRequest | undefined {
  const step = readRecoveryStep(event);
  if (step === undefined) return undefined;
  return {
    step,
    recording: readRecordingReady(event),
    voicemailErrorCode: readParam(event, 'errorCode'),
    voicemailCaller: readParam(event, 'caller')?.trim(),
  };
}

function readRecordingReady(event: RawEvent): RecordingReady {
  const duration = readParam(event, 'RecordingDuration')?.trim();
  return {
    callSid: readSid(event, 'CallSid'),
    recordingSid: readSid(event, 'RecordingSid'),
    recordingUrl: twilioRecordingUrl(readParam(event, 'RecordingUrl')),
    recordingSeconds:
      duration !== undefined && /^\d{1,6}$/.test(duration) ? Number(duration) : undefined,
    status: readParam(event, 'RecordingStatus')?.trim().slice(0, 20),
  };
}

function twilioRecordingUrl(raw: string | undefined): string | undefined {
  const url = readHttpUrl(raw);
  if (typeof url === 'string') return undefined;
  const host = url.hostname.toLowerCase();
  const onTwilio = host === 'twilio.com' || host.endsWith('.twilio.com');
  return url.protocol === 'https:' && onTwilio && url.username === '' ? url.toString() : undefined;
}
