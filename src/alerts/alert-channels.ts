import type { ConfigProblem } from '../config/read-config';
import type { AppConfig } from '../config/variables';
import type { AlertServices } from './alert-services';
import type { AlertChannel } from './channels/alert-channel';
import { emailChannel } from './channels/email-channel';
import { pagerDutyChannel } from './channels/pagerduty-channel';
import { smsChannel } from './channels/sms-channel';
import { webhookChannel } from './channels/webhook-channel';

/** The settings that decide which channels are on. */
export type ChannelConfig = Pick<
  AppConfig,
  | 'alertSmsTo'
  | 'alertSmsFrom'
  | 'alertWebhookUrl'
  | 'sendgridApiKey'
  | 'alertEmailTo'
  | 'alertEmailFrom'
  | 'sendgridApiUrl'
  | 'pagerdutyRoutingKey'
  | 'pagerdutyEventsUrl'
>;

/** A channel whose every setting is present: what builds it from the runtime's services. */
type ConfiguredChannel = (services: AlertServices) => AlertChannel;

/**
 * Each channel's one rule: when every setting it needs is present (and it could
 * deliver), how to build it; otherwise undefined. Listed in the order channels are
 * tried: sms, webhook, email, pagerduty.
 */
const CHANNEL_RULES: readonly ((config: ChannelConfig) => ConfiguredChannel | undefined)[] = [
  (config) => {
    const { alertSmsTo: to, alertSmsFrom: sender } = config;
    return to !== undefined && sender !== undefined && !smsToItsSender(config)
      ? (services) => smsChannel({ to, sender }, services.twilioClient)
      : undefined;
  },
  ({ alertWebhookUrl: url }) =>
    url !== undefined ? (services) => webhookChannel(url, services.fetch) : undefined,
  ({ sendgridApiUrl: apiUrl, sendgridApiKey: apiKey, alertEmailTo: to, alertEmailFrom: from }) =>
    apiKey !== undefined && from !== undefined && to.length > 0
      ? (services) => emailChannel({ apiUrl, apiKey, to, from }, services.fetch)
      : undefined,
  ({ pagerdutyEventsUrl: eventsUrl, pagerdutyRoutingKey: routingKey }) =>
    routingKey !== undefined
      ? (services) => pagerDutyChannel({ eventsUrl, routingKey }, services.fetch)
      : undefined,
];

/** Whether any alert would be sent at all (voicemail needs one: see chooseRecovery). */
export function hasAlertChannel(config: ChannelConfig): boolean {
  return CHANNEL_RULES.some((rule) => rule(config) !== undefined);
}

/** The channels whose every setting is present, in a fixed order (sms, webhook, email, pagerduty). */
export function alertChannels(config: ChannelConfig, services: AlertServices): AlertChannel[] {
  const channels: AlertChannel[] = [];
  for (const rule of CHANNEL_RULES) {
    const build = rule(config);
    if (build) channels.push(build(services));
  }
  return channels;
}

/**
 * Twilio refuses a message whose To and From are the same number (error 21266):
 * such an SMS channel could never deliver, so it is off and reported instead.
 */
function smsToItsSender(config: ChannelConfig): boolean {
  return config.alertSmsTo !== undefined && config.alertSmsTo === config.alertSmsFrom;
}

/**
 * A channel configured by halves (or impossibly) is off; say what is wrong rather
 * than leave the user wondering why no alert came.
 */
export function alertConfigProblems(config: ChannelConfig): ConfigProblem[] {
  const sameNumber: ConfigProblem[] = smsToItsSender(config)
    ? [
        {
          variable: 'ALERT_SMS_TO',
          reason: 'is the same number as ALERT_SMS_FROM (Twilio refuses that, error 21266)',
          consequence: 'no SMS alerts',
        },
      ]
    : [];
  return [
    ...sameNumber,
    ...missingHalves('no SMS alerts', {
      ALERT_SMS_TO: config.alertSmsTo !== undefined,
      ALERT_SMS_FROM: config.alertSmsFrom !== undefined,
    }),
    ...missingHalves('no e-mail alerts', {
      SENDGRID_API_KEY: config.sendgridApiKey !== undefined,
      ALERT_EMAIL_TO: config.alertEmailTo.length > 0,
      ALERT_EMAIL_FROM: config.alertEmailFrom !== undefined,
    }),
  ];
}

function missingHalves(consequence: string, isSet: Record<string, boolean>): ConfigProblem[] {
  const set = Object.keys(isSet).filter((name) => isSet[name]);
  if (set.length === 0) return [];
  return Object.keys(isSet)
    .filter((name) => !isSet[name])
    .map((variable) => ({
      variable,
      reason: `is unset while ${set.join(' and ')} is set`,
      consequence,
    }));
}
