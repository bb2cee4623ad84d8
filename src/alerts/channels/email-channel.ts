import { alertText, alertTitle } from '../alert-message';
import type { AlertChannel } from './alert-channel';
import { postJson } from './http-post';

export interface EmailSettings {
  readonly apiUrl: string;
  readonly apiKey: string;
  readonly to: readonly string[];
  readonly from: string;
}

/**
 * E-mail through SendGrid's v3 Mail Send API (POST /v3/mail/send, bearer key,
 * answers 202 Accepted). One personalization: every recipient sees the others.
 */
export function emailChannel(settings: EmailSettings, fetchImpl: typeof fetch): AlertChannel {
  return {
    name: 'email',
    send: (message, signal) =>
      postJson(
        fetchImpl,
        `${settings.apiUrl}/v3/mail/send`,
        {
          personalizations: [{ to: settings.to.map((email) => ({ email })) }],
          from: { email: settings.from },
          subject: alertTitle(message),
          content: [{ type: 'text/plain', value: alertText(message) }],
        },
        signal,
        { authorization: `Bearer ${settings.apiKey}` },
      ),
  };
}
