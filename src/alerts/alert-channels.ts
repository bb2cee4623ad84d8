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

/** Which channels have every setting present (and could deliver). */
function channelsOn(
  config: ChannelConfig,
): Record<'sms' | 'webhook' | 'email' | 'pagerduty', boolean> {
  return {
    sms:
      config.alertSmsTo !== undefined &&
      config.alertSmsFrom !== undefined &&
      !smsToItsSender(config),
    webhook: config.alertWebhookUrl !== undefined,
    email:
      config.sendgridApiKey !== undefined &&
      config.alertEmailFrom !== undefined &&
      config.alertEmailTo.length > 0,
    pagerduty: config.pagerdutyRoutingKey !== undefined,
  };
}

/** Whether any alert would be sent at all (voicemail needs one: see chooseRecovery). */
export function hasAlertChannel(config: ChannelConfig): boolean {
  return Object.values(channelsOn(config)).some(Boolean);
}

/** The channels whose every setting is present, in a fixed order (sms, webhook, email, pagerduty). */
export function alertChannels(config: ChannelConfig, services: AlertServices): AlertChannel[] {
  const on = channelsOn(config);
  const channels: AlertChannel[] = [];
  if (on.sms && config.alertSmsTo !== undefined && config.alertSmsFrom !== undefined) {
    channels.push(
      smsChannel({ to: config.alertSmsTo, sender: config.alertSmsFrom }, services.twilioClient),
    );
  }
  if (on.webhook && config.alertWebhookUrl !== undefined) {
    channels.push(webhookChannel(config.alertWebhookUrl, services.fetch));
  }
  if (on.email && config.sendgridApiKey !== undefined && config.alertEmailFrom !== undefined) {
    channels.push(
      emailChannel(
        {
          apiUrl: config.sendgridApiUrl,
          apiKey: config.sendgridApiKey,
          to: config.alertEmailTo,
          from: config.alertEmailFrom,
        },
        services.fetch,
      ),
    );
  }
  if (on.pagerduty && config.pagerdutyRoutingKey !== undefined) {
    channels.push(
      pagerDutyChannel(
        { eventsUrl: config.pagerdutyEventsUrl, routingKey: config.pagerdutyRoutingKey },
        services.fetch,
      ),
    );
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
