import { fallbackAlert, safeContact, type Alert } from '../alerts/alert';
import { alertConfigProblems } from '../alerts/alert-channels';
import type { ConfigProblem } from '../config/read-config';
import type { AppConfig } from '../config/variables';
import { explainErrorCode } from '../errors/explain-error';
import { fallbackRecord, type FallbackRecord } from '../logging/fallback-record';
import { readParam, type RawEvent } from '../request/read-param';
import { redactUrl } from '../request/redact-url';
import { DIAL_COMPLETED } from '../request/dial-call-status';
import { readWebhookRequest } from '../request/webhook-request';
import type { TwimlClasses, TwimlDocument } from '../runtime/twiml';
import { chooseRecovery } from '../recovery/choose-recovery';
import type { FallbackLocation } from '../recovery/fallback-location';
import { recoverCall } from '../recovery/recovery-answer';
import { answerRecoveryStep } from '../recovery/recovery-step-answer';
import { readRecoveryStep } from '../recovery/recovery-steps';
import { fromOwnNumber } from './own-number';

/**
 * How the fallback answered: a recovery mode for a call, `hangup` for a call that
 * had already ended normally, a reply or silence for a message.
 */
export type FallbackOutcome = AppConfig['recoveryMode'] | 'hangup' | 'reply' | 'silence';

export interface FallbackAnswer {
  readonly twiml: TwimlDocument;
  /** What to log for this invocation. */
  readonly record: FallbackRecord;
  readonly outcome: FallbackOutcome;
  /** Why the outcome is not what the configuration asks for (a loop guard, say). */
  readonly outcomeNote: string | undefined;
  /** The alert to send before answering; `undefined` for a request with no ErrorCode. */
  readonly alert: Alert | undefined;
  /** Alert or recovery settings that cannot work as configured. */
  readonly problems: readonly ConfigProblem[];
}

/**
 * Reads `ErrorCode` / `ErrorUrl`, explains them, and answers the caller or texter
 * (with the configured recovery for a call). No request text reaches the TwiML:
 * the answer is built only from configuration.
 *
 * @param location where the fallback is served (`context.PATH`, `context.DOMAIN_NAME`):
 *   recovery callbacks come back to the path, and the loop guard compares against both.
 *   Required: a silent default without the domain would quietly weaken the loop guard.
 */
export function answerFallback(
  twiml: TwimlClasses,
  config: AppConfig,
  event: RawEvent,
  location: FallbackLocation,
  nowMs: number = Date.now(),
): FallbackAnswer {
  const request = readWebhookRequest(event);
  const rawErrorUrl = readParam(event, 'ErrorUrl');
  const explanation = explainErrorCode(readParam(event, 'ErrorCode'));
  const record = fallbackRecord(request, explanation, redactUrl(rawErrorUrl));
  const alert =
    explanation.code !== null ? fallbackAlert(request, explanation, rawErrorUrl, nowMs) : undefined;
  const alertProblems = alertConfigProblems(config);

  if (request.kind === 'sms') {
    const response = new twiml.MessagingResponse();
    const ownSender = fromOwnNumber(request, config);
    const reply = config.fallbackSmsReply !== '' && !ownSender;
    if (reply) response.message(config.fallbackSmsReply);
    return {
      twiml: response,
      record,
      outcome: reply ? 'reply' : 'silence',
      outcomeNote: ownSender && config.fallbackSmsReply !== '' ? ownSender : undefined,
      alert,
      problems: alertProblems,
    };
  }

  const response = new twiml.VoiceResponse();
  if (request.dialCallStatus === DIAL_COMPLETED) {
    // The primary's own <Dial action> callback failed after the forwarded call was
    // answered and ended: the conversation is over, recovering would ring back or
    // speak to nobody.
    response.hangup();
    return {
      twiml: response,
      record,
      outcome: 'hangup',
      outcomeNote: 'the dialled call had completed: no recovery',
      alert,
      problems: alertProblems,
    };
  }
  const choice = chooseRecovery(config, explanation.code, rawErrorUrl, location, request.to);
  recoverCall(response, config, choice.mode, location, {
    errorCode: explanation.code,
    caller: safeContact(request.from),
  });
  return {
    twiml: response,
    record,
    outcome: choice.mode,
    outcomeNote: choice.note,
    alert,
    problems: [...alertProblems, ...choice.problems],
  };
}

/** Everything the fallback Function needs to do for one request. */
export interface FallbackReply {
  readonly twiml: TwimlDocument;
  /** The one structured line to log (never the event, an SMS body or a query value). */
  readonly logLine: Readonly<Record<string, unknown>>;
  readonly alert: Alert | undefined;
  readonly problems: readonly ConfigProblem[];
}

/**
 * The fallback Function's core: a recovery callback (`?recoveryStep=...`) or a
 * fallback request proper.
 */
export function replyToFallbackRequest(
  twiml: TwimlClasses,
  config: AppConfig,
  event: RawEvent,
  location: FallbackLocation,
  nowMs: number = Date.now(),
): FallbackReply {
  const step = readRecoveryStep(event);
  if (step !== undefined) return answerRecoveryStep(twiml, config, step, event, nowMs);
  const answer = answerFallback(twiml, config, event, location, nowMs);
  return {
    twiml: answer.twiml,
    logLine: {
      ...answer.record,
      outcome: answer.outcome,
      ...(answer.outcomeNote !== undefined ? { outcomeNote: answer.outcomeNote } : {}),
    },
    alert: answer.alert,
    problems: answer.problems,
  };
}
