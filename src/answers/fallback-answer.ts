import { fallbackAlert, safeContact, type Alert } from '../alerts/alert';
import type { ConfigProblem } from '../config/read-config';
import type { AppConfig } from '../config/variables';
import { fallbackLogText } from '../logging/fallback-log-text';
import { fallbackRecord } from '../logging/fallback-record';
import { DIAL_COMPLETED } from '../request/dial-call-status';
import type { FallbackRequest } from '../request/fallback-request';
import type { TwimlClasses } from '../runtime/twiml';
import { chooseRecovery } from '../recovery/choose-recovery';
import type { FallbackLocation } from '../recovery/fallback-location';
import { recoverCall } from '../recovery/recovery-answer';
import type { RecoveryMode } from '../recovery/recovery-modes';
import { answerRecoveryStep } from '../recovery/recovery-step-answer';
import { fallbackPlan } from './fallback-plan';
import type { FinishedTwiml } from './shared-answers';
import { fromOwnNumber } from './own-number';

/**
 * How the fallback answered: a recovery mode for a call, `hangup` for a call that
 * had already ended normally, a reply or silence for a message.
 */
export type FallbackOutcome = AppConfig['recoveryMode'] | 'hangup' | 'reply' | 'silence';

export interface FallbackAnswer {
  readonly twiml: FinishedTwiml;
  readonly outcome: FallbackOutcome;
  /** Why the outcome is not what the configuration asks for (a loop guard, say). */
  readonly outcomeNote: string | undefined;
  /**
   * The alert to send before answering; `undefined` with no ErrorCode, for a probe,
   * and whenever the fallback sends no alert (no channel on, or ALERT_MODE=events):
   * the record is built only when it will be sent.
   */
  readonly alert: Alert | undefined;
  /** Alert or recovery settings that cannot work as configured. */
  readonly problems: readonly ConfigProblem[];
}

/**
 * Explains `ErrorCode` / `ErrorUrl` and answers the caller or texter (with the
 * configured recovery for a call). No request text reaches the TwiML: the answer
 * is built only from configuration. A probe (marked by this project's tools) gets
 * exactly the same answer, and no alert.
 *
 * @param location where the fallback is served (`context.PATH`, `context.DOMAIN_NAME`):
 *   recovery callbacks come back to the path, and the loop guard compares against both.
 *   Required: a silent default without the domain would quietly weaken the loop guard.
 */
export function answerFallback(
  twiml: TwimlClasses,
  config: AppConfig,
  request: FallbackRequest,
  location: FallbackLocation,
  nowMs: number = Date.now(),
): FallbackAnswer {
  const plan = fallbackPlan(config);
  const alert =
    plan.sendsFailureAlerts && request.error.code !== null && !request.probe
      ? fallbackAlert(request, nowMs)
      : undefined;
  const alertProblems = plan.alertProblems;

  if (request.kind === 'sms') {
    const ownSender = fromOwnNumber(request, config);
    const reply = config.fallbackSmsReply !== '' && !ownSender;
    return {
      twiml: plan.answers.get(twiml, reply ? 'sms-reply' : 'sms-silence'),
      outcome: reply ? 'reply' : 'silence',
      outcomeNote: ownSender && config.fallbackSmsReply !== '' ? ownSender : undefined,
      alert,
      problems: alertProblems,
    };
  }

  if (request.dialCallStatus === DIAL_COMPLETED) {
    // The primary's own <Dial action> callback failed after the forwarded call was
    // answered and ended: the conversation is over, recovering would ring back or
    // speak to nobody.
    return {
      twiml: plan.answers.get(twiml, 'hangup'),
      outcome: 'hangup',
      outcomeNote: 'the dialled call had completed: no recovery',
      alert,
      problems: alertProblems,
    };
  }
  const choice = chooseRecovery(config, request.error.code, request.errorUrl, location, request.to);
  return {
    twiml:
      choice.mode === 'message'
        ? plan.answers.get(twiml, 'message')
        : recoveryAnswer(twiml, config, choice.mode, location, request),
    outcome: choice.mode,
    outcomeNote: choice.note,
    alert,
    problems: choice.problems.length === 0 ? alertProblems : [...alertProblems, ...choice.problems],
  };
}

/** A recovery other than the message: its callback URLs are on the request's domain. */
function recoveryAnswer(
  twiml: TwimlClasses,
  config: AppConfig,
  mode: RecoveryMode,
  location: FallbackLocation,
  request: FallbackRequest,
): FinishedTwiml {
  const response = new twiml.VoiceResponse();
  recoverCall(response, config, mode, location, {
    errorCode: request.error.code,
    caller: safeContact(request.from),
  });
  return response;
}

/** Everything the fallback Function needs to do for one request. */
export interface FallbackReply {
  readonly twiml: FinishedTwiml;
  /** The one structured line to log (never the event, an SMS body or a query value). */
  readonly logLine: Readonly<Record<string, unknown>>;
  /** `logLine` as the text to write: `JSON.stringify(logLine)`, built cheaper. */
  readonly logText: string;
  readonly alert: Alert | undefined;
  readonly problems: readonly ConfigProblem[];
}

/**
 * The fallback Function's core: a recovery callback (`?recoveryStep=...`) or a
 * fallback request proper, read once at the edge (readFallbackRequest).
 */
export function replyToFallbackRequest(
  twiml: TwimlClasses,
  config: AppConfig,
  request: FallbackRequest,
  location: FallbackLocation,
  nowMs: number = Date.now(),
): FallbackReply {
  if (request.recoveryStep !== undefined) {
    const step = answerRecoveryStep(twiml, config, request, request.recoveryStep, nowMs);
    return { ...step, logText: JSON.stringify(step.logLine) };
  }
  const answer = answerFallback(twiml, config, request, location, nowMs);
  return {
    twiml: answer.twiml,
    // Built only when read (tests, tools): the Function writes `logText`.
    get logLine() {
      // Object.assign, not `{ ...fallbackRecord(request), outcome }`: see readFallbackRequest.
      return Object.assign(
        {} as Record<string, unknown>,
        fallbackRecord(request),
        answer.outcomeNote === undefined
          ? { outcome: answer.outcome }
          : { outcome: answer.outcome, outcomeNote: answer.outcomeNote },
      );
    },
    logText: fallbackLogText(request, answer.outcome, answer.outcomeNote),
    alert: answer.alert,
    problems: answer.problems,
  };
}
