/**
 * `probe` and Twilio's Webhook Rules: where a Webhook Rule applies a Setting to a
 * number's primary URL, Twilio connects to it with the Setting's timeouts and retries
 * and ignores the URL's `#ct=…` fragment
 * (https://www.twilio.com/docs/usage/webhooks/webhooks-connection-overrides), so the
 * probe emulates that primary with the Setting's values (rule-connection.ts) and its
 * check says so. One note per primary a Rule decides, with the Setting's values; one
 * line when the API is not enabled or not reachable (the fragment is then emulated as
 * before). A Rule is never a failed check in itself: it changes how long Twilio waits,
 * and the check then shows whether the primary answers within that wait.
 */
import type { TwilioClient } from '../twilio-client/create-client';
import { decideWebhookRule } from '../twilio-client/decide-webhook-rule';
import type { NumberSnapshot } from '../twilio-client/number-snapshot';
import { readWebhookConfiguration } from '../twilio-client/read-webhook-rules';
import { ruleConnection } from '../twilio-client/rule-connection';
import { ruleDecisionLine, ruleEmulationText } from '../twilio-client/webhook-rule-lines';
import type { Channel, Channels, EmulatedConnection } from './probe-checks';

export interface PrimaryRules {
  readonly notes: readonly string[];
  /** Per channel, how its primary is emulated when a Rule's Setting decides it. */
  readonly emulated: Partial<Record<Channel, EmulatedConnection>>;
}

export async function primaryWebhookRules(
  client: TwilioClient,
  number: NumberSnapshot,
  channels: Channels,
): Promise<PrimaryRules> {
  const primaries = (['voice', 'sms'] as const)
    .filter((channel) => channels[channel])
    .map((channel) => ({ channel, url: channel === 'voice' ? number.voiceUrl : number.smsUrl }))
    .filter((primary): primary is { channel: Channel; url: string } => primary.url !== null);
  if (primaries.length === 0) return { notes: [], emulated: {} };
  const configuration = await readWebhookConfiguration(client);
  if (!configuration.available) return { notes: [configuration.reason], emulated: {} };
  const notes: string[] = [];
  const emulated: Partial<Record<Channel, EmulatedConnection>> = {};
  for (const { channel, url } of primaries) {
    const decision = decideWebhookRule(configuration.rules, configuration.settings, url);
    if (!decision) continue;
    const line = ruleDecisionLine(`${channel} primary`, url, decision);
    const connection = ruleConnection(url, decision);
    if (connection === undefined) {
      // The Rule's Setting is not in the list: its values are unknown, the fragment is all there is.
      notes.push(
        `${line} (this probe waited as the fragment says: the Setting's values are unknown)`,
      );
      continue;
    }
    emulated[channel] = {
      url: connection.url,
      detail: ruleEmulationText(url, decision, connection),
    };
    notes.push(
      connection.split
        ? `${line} (this probe waited as the slower Setting of the split says)`
        : `${line} (this probe waited as the Setting says, as Twilio does)`,
    );
  }
  return { notes, emulated };
}
