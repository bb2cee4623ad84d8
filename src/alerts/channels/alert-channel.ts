import type { AlertMessage } from '../alert-message';

export type AlertChannelName = 'sms' | 'webhook' | 'email' | 'pagerduty';

/**
 * One way of telling a person. `send` resolves with a short, log-safe detail
 * (`HTTP 202`, a message SID) or rejects with the reason; it must honour `signal`
 * or be safe to abandon.
 */
export interface AlertChannel {
  readonly name: AlertChannelName;
  send(message: AlertMessage, signal: AbortSignal): Promise<string>;
}
