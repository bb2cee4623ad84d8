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
 * Each address once, compared without regard to case (the first spelling is kept):
 * SendGrid's Mail Send reference requires every address of a personalization to be
 * unique across to, cc and bcc, and refuses the request otherwise
 * (https://www.twilio.com/docs/sendgrid/api-reference/mail-send/mail-send): one address
 * repeated in ALERT_EMAIL_TO would lose the whole e-mail alert.
 */
function uniqueRecipients(addresses: readonly string[]): string[] {
  const seen = new Set<string>();
  return addresses.filter((address) => {
    const key = address.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * E-mail through SendGrid's v3 Mail Send API (POST /v3/mail/send, bearer key,
 * answers 202 Accepted). One personalization: every recipient sees the others.
 */
export function emailChannel(settings: EmailSettings, fetchImpl: typeof fetch): AlertChannel {
  const to = uniqueRecipients(settings.to).map((email) => ({ email }));
  return {
    name: 'email',
    send: (message, signal) =>
      postJson(
        fetchImpl,
        `${settings.apiUrl}/v3/mail/send`,
        {
          personalizations: [{ to }],
          from: { email: settings.from },
          subject: alertTitle(message),
          content: [{ type: 'text/plain', value: alertText(message) }],
        },
        signal,
        { authorization: `Bearer ${settings.apiKey}` },
      ),
  };
}
