import type { ConfigProblem } from '../config/read-config';
import type { AppConfig } from '../config/variables';
import { UNANSWERED_DIAL_STATUSES } from '../request/dial-call-status';
import type { WebhookRequest } from '../request/webhook-request';
import { functionUrl, type FunctionLocation } from '../runtime/function-url';
import type { TwimlClasses, TwimlDocument } from '../runtime/twiml';
import { fromOwnNumber } from './own-number';
import { say } from './say';

/** What the primary Function should send back. */
export type PrimaryAnswer =
  | {
      readonly type: 'twiml';
      readonly twiml: TwimlDocument;
      /** Settings that cannot work as configured, for reportConfigProblems. */
      readonly problems: readonly ConfigProblem[];
    }
  /** The failover drill: fail on purpose so Twilio requests the Fallback URL. */
  | {
      readonly type: 'drill-failure';
      readonly status: 500;
      readonly body: string;
      readonly problems: readonly ConfigProblem[];
    };

/**
 * Decides the primary's answer for a call or a message.
 *
 * @param self where the Function is served (`context.PATH`, `context.DOMAIN_NAME`): the
 *   `<Dial action>` is its absolute URL, so the outcome of a forwarded call comes back here.
 */
export function answerPrimary(
  twiml: TwimlClasses,
  config: AppConfig,
  request: WebhookRequest,
  self: FunctionLocation,
): PrimaryAnswer {
  if (config.failoverDrillNumber !== undefined && request.from === config.failoverDrillNumber) {
    return {
      type: 'drill-failure',
      status: 500,
      body: 'Failover drill: this caller is configured to exercise the Fallback URL.',
      problems: [],
    };
  }
  if (request.kind === 'sms') {
    return { type: 'twiml', twiml: answerMessage(twiml, config, request), problems: [] };
  }
  return answerCall(twiml, config, request, self);
}

function answerMessage(
  twiml: TwimlClasses,
  config: AppConfig,
  request: WebhookRequest,
): TwimlDocument {
  const response = new twiml.MessagingResponse();
  if (config.smsAutoReply !== '' && fromOwnNumber(request, config) === undefined) {
    response.message(config.smsAutoReply);
  }
  return response;
}

function answerCall(
  twiml: TwimlClasses,
  config: AppConfig,
  request: WebhookRequest,
  self: FunctionLocation,
): PrimaryAnswer {
  const response = new twiml.VoiceResponse();
  if (request.dialCallStatus !== undefined) {
    // Twilio came back from the <Dial> below: the forwarded call has ended.
    if (UNANSWERED_DIAL_STATUSES.has(request.dialCallStatus)) {
      say(response, config, config.noAnswerMessage);
    }
    response.hangup();
    return { type: 'twiml', twiml: response, problems: [] };
  }
  say(response, config, config.greetingMessage);
  if (config.forwardTo === undefined) {
    response.hangup();
    return { type: 'twiml', twiml: response, problems: [] };
  }
  if (config.forwardTo === request.to) {
    // Dialling the number being called comes straight back here: each leg would
    // greet and dial again, a loop that ties up the number's channels.
    response.hangup();
    return {
      type: 'twiml',
      twiml: response,
      problems: [
        {
          variable: 'FORWARD_TO',
          reason: 'is the number being called (forwarding would loop)',
          consequence: 'callers are greeted and the call ends',
        },
      ],
    };
  }
  const dial = response.dial({
    timeout: config.forwardTimeoutSeconds,
    action: functionUrl(self),
    method: 'POST',
    ...(config.forwardCallerId !== undefined ? { callerId: config.forwardCallerId } : {}),
  });
  dial.number(config.forwardTo);
  return { type: 'twiml', twiml: response, problems: [] };
}
