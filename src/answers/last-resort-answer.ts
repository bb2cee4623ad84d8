import { DEFAULT_FALLBACK_MESSAGE } from '../config/variables';
import type { WebhookKind } from '../request/webhook-request';
import type { TwimlClasses, TwimlDocument } from '../runtime/twiml';

/**
 * The answer when something inside a Function failed: it depends on nothing that
 * could have been the cause (no configuration, no request text), so it cannot fail
 * itself, and the caller still hears a message instead of Twilio's stock error.
 */
export function lastResortAnswer(twiml: TwimlClasses, kind: WebhookKind): TwimlDocument {
  if (kind === 'sms') return new twiml.MessagingResponse();
  const response = new twiml.VoiceResponse();
  response.say(DEFAULT_FALLBACK_MESSAGE);
  response.hangup();
  return response;
}
