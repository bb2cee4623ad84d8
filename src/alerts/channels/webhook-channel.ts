import { alertWebhookBody } from '../alert-message';
import type { AlertChannel } from './alert-channel';
import { postJson } from './http-post';

/** A JSON POST to `url`; Slack and Teams incoming webhooks show its `text` field. */
export function webhookChannel(url: string, fetchImpl: typeof fetch): AlertChannel {
  return {
    name: 'webhook',
    send: (message, signal) => postJson(fetchImpl, url, alertWebhookBody(message), signal),
  };
}
