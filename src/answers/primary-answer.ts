import type { AppConfig } from '../config/variables';
import type { WebhookRequest } from '../request/webhook-request';
import type { TwimlClasses, TwimlDocument } from '../runtime/twiml';
import { say } from './say';

/** What the primary Function should send back. */
export type PrimaryAnswer =
  | { readonly type: 'twiml'; readonly twiml: TwimlDocument }
  /** The failover drill: fail on purpose so Twilio requests the Fallback URL. */
  | { readonly type: 'drill-failure'; readonly status: 500; readonly body: string };

/** `<Dial action>` statuses that mean nobody took the forwarded call. */
const UNANSWERED_DIAL_STATUSES = new Set(['busy', 'no-answer', 'failed', 'canceled']);

/**
 * Decides the primary's answer for a call or a message.
 *
 * @param selfPath the Function's own path (`context.PATH`), used as the `<Dial action>`
 *   so the outcome of a forwarded call comes back here.
 */
export function answerPrimary(
  twiml: TwimlClasses,
  config: AppConfig,
  request: WebhookRequest,
  selfPath: string,
): PrimaryAnswer {
  if (config.failoverDrillNumber !== undefined && request.from === config.failoverDrillNumber) {
    return {
      type: 'drill-failure',
      status: 500,
      body: 'Failover drill: this caller is configured to exercise the Fallback URL.',
    };
  }
  return request.kind === 'sms'
    ? { type: 'twiml', twiml: answerMessage(twiml, config) }
    : { type: 'twiml', twiml: answerCall(twiml, config, request, selfPath) };
}

function answerMessage(twiml: TwimlClasses, config: AppConfig): TwimlDocument {
  const response = new twiml.MessagingResponse();
  if (config.smsAutoReply !== '') response.message(config.smsAutoReply);
  return response;
}

function answerCall(
  twiml: TwimlClasses,
  config: AppConfig,
  request: WebhookRequest,
  selfPath: string,
): TwimlDocument {
  const response = new twiml.VoiceResponse();
  if (request.dialCallStatus !== undefined) {
    // Twilio came back from the <Dial> below: the forwarded call has ended.
    if (UNANSWERED_DIAL_STATUSES.has(request.dialCallStatus)) {
      say(response, config, config.noAnswerMessage);
    }
    response.hangup();
    return response;
  }
  say(response, config, config.greetingMessage);
  if (config.forwardTo === undefined) {
    response.hangup();
    return response;
  }
  const dial = response.dial({
    timeout: config.forwardTimeoutSeconds,
    action: selfPath,
    method: 'POST',
    ...(config.forwardCallerId !== undefined ? { callerId: config.forwardCallerId } : {}),
  });
  dial.number(config.forwardTo);
  return response;
}
