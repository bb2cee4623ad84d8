/**
 * `probe` and Twilio's Webhook Rules: the probe sends the number's primary through the
 * emulator with the timeouts of its `#ct=…` fragment, but where a Webhook Rule applies
 * a Setting to that URL Twilio uses the Setting's timeouts instead
 * (https://www.twilio.com/docs/usage/webhooks/webhooks-connection-overrides). One line
 * per primary a Rule decides, with the Setting's values; one line when the API is not
 * enabled or not reachable. Never a failed check: the Rule changes how long Twilio
 * waits, not whether the primary answers.
 */
import type { TwilioClient } from '../twilio-client/create-client';
import { decideWebhookRule } from '../twilio-client/decide-webhook-rule';
import type { NumberSnapshot } from '../twilio-client/number-snapshot';
import { readWebhookConfiguration } from '../twilio-client/read-webhook-rules';
import { ruleDecisionLine } from '../twilio-client/webhook-rule-lines';
import type { Channels } from './probe-checks';

export async function webhookRuleNotes(
  client: TwilioClient,
  number: NumberSnapshot,
  channels: Channels,
): Promise<string[]> {
  const primaries = (['voice', 'sms'] as const)
    .filter((channel) => channels[channel])
    .map((channel) => ({ channel, url: channel === 'voice' ? number.voiceUrl : number.smsUrl }))
    .filter(
      (primary): primary is { channel: 'voice' | 'sms'; url: string } => primary.url !== null,
    );
  if (primaries.length === 0) return [];
  const configuration = await readWebhookConfiguration(client);
  if (!configuration.available) return [configuration.reason];
  const notes: string[] = [];
  for (const { channel, url } of primaries) {
    const decision = decideWebhookRule(configuration.rules, configuration.settings, url);
    if (decision) {
      notes.push(
        `${ruleDecisionLine(`${channel} primary`, url, decision)} (this probe waited as the fragment says; Twilio waits as the Setting says)`,
      );
    }
  }
  return notes;
}
