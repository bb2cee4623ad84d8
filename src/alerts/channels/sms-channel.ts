import { alertSmsBody } from '../alert-message';
import type { MessagesClient } from '../alert-services';
import { raceAbort } from '../time-budget';
import type { AlertChannel } from './alert-channel';

export interface SmsSettings {
  readonly to: string;
  /** An E.164 number (`from`) or a Messaging Service SID (`messagingServiceSid`). */
  readonly sender: string;
}

/**
 * An SMS through twilio-node's messages.create. The client is created on first
 * use, so a fallback with no SMS channel never touches it; twilio-node cannot be
 * cancelled, so the request is raced against the budget and left behind.
 */
export function smsChannel(settings: SmsSettings, client: () => MessagesClient): AlertChannel {
  return {
    name: 'sms',
    send: async (message, signal) => {
      const sender = settings.sender.startsWith('MG')
        ? { messagingServiceSid: settings.sender }
        : { from: settings.sender };
      const created = await raceAbort(
        client().messages.create({ to: settings.to, body: alertSmsBody(message), ...sender }),
        signal,
      );
      return created.sid;
    },
  };
}
