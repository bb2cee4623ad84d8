import type { AppConfig } from '../config/variables';
import type { WebhookRequest } from '../request/webhook-request';

/**
 * A reply to a message that one of our own numbers sent (the number to itself, or
 * the alert sender) would start an SMS ping-pong between Twilio numbers, each
 * auto-reply triggering the next: never reply to those. Returns why, or `undefined`
 * for an ordinary sender.
 */
export function fromOwnNumber(
  request: Pick<WebhookRequest, 'from' | 'to'>,
  config: Pick<AppConfig, 'alertSmsFrom'>,
): string | undefined {
  if (request.from === undefined || request.from === '') return undefined;
  if (request.from === request.to) return 'no reply: the message came from the number itself';
  if (request.from === config.alertSmsFrom) {
    return 'no reply: the message came from ALERT_SMS_FROM';
  }
  return undefined;
}
