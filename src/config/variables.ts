import {
  parseE164,
  parseIntegerInRange,
  parseLanguage,
  parseText,
  parseVoice,
  type Parsed,
} from './validators';
import {
  parseBaseUrl,
  parseChoice,
  parseEmail,
  parseEmailList,
  parseHttpUrl,
  parseSecret,
  parseSid,
  parseSmsSender,
} from './alert-validators';
import { RECOVERY_MODES, type RecoveryMode } from '../recovery/recovery-modes';
import { ALERT_MODES, type AlertMode } from '../alerts/alert-mode';
import { MIN_LEVEL_CHOICES, type MinLevelChoice } from '../events/error-log-event';

/**
 * Every environment variable the Functions read, with its default, in one place.
 * What each is for is in `variable-docs.ts` (kept out of the bundles); `.env.example`
 * and the README table are generated from both (`npm run docs:config`).
 */
export interface VariableSpec<T> {
  /** Name in `.env` / the Service's environment. */
  readonly name: string;
  /** Used when the variable is unset, empty, or malformed. */
  readonly defaultValue: T;
  readonly parse: (raw: string) => Parsed<T>;
}

function spec<T>(s: VariableSpec<T>): VariableSpec<T> {
  return s;
}

function optional<T>(parse: (raw: string) => Parsed<T>) {
  return (raw: string): Parsed<T | undefined> => parse(raw);
}

export const DEFAULT_FALLBACK_MESSAGE =
  'An application error has occurred. Please call back later.';

export const variables = {
  greetingMessage: spec({
    name: 'GREETING_MESSAGE',
    defaultValue: 'Thank you for calling.',
    parse: parseText,
  }),
  sayVoice: spec({
    name: 'SAY_VOICE',
    defaultValue: 'Polly.Joanna',
    parse: parseVoice,
  }),
  sayLanguage: spec({
    name: 'SAY_LANGUAGE',
    defaultValue: 'en-US',
    parse: parseLanguage,
  }),
  forwardTo: spec<string | undefined>({
    name: 'FORWARD_TO',
    defaultValue: undefined,
    parse: optional(parseE164),
  }),
  forwardTimeoutSeconds: spec({
    name: 'FORWARD_TIMEOUT_SECONDS',
    defaultValue: 20,
    parse: parseIntegerInRange(5, 600),
  }),
  forwardCallerId: spec<string | undefined>({
    name: 'FORWARD_CALLER_ID',
    defaultValue: undefined,
    parse: optional(parseE164),
  }),
  noAnswerMessage: spec({
    name: 'NO_ANSWER_MESSAGE',
    defaultValue: 'Sorry, nobody is available to take your call. Please try again later.',
    parse: parseText,
  }),
  smsAutoReply: spec({
    name: 'SMS_AUTO_REPLY',
    defaultValue: '',
    parse: parseText,
  }),
  failoverDrillNumber: spec<string | undefined>({
    name: 'FAILOVER_DRILL_NUMBER',
    defaultValue: undefined,
    parse: optional(parseE164),
  }),
  fallbackMessage: spec({
    name: 'FALLBACK_MESSAGE',
    defaultValue: DEFAULT_FALLBACK_MESSAGE,
    parse: parseText,
  }),
  fallbackSmsReply: spec({
    name: 'FALLBACK_SMS_REPLY',
    defaultValue: '',
    parse: parseText,
  }),
  // --- Alerts (src/alerts): channels, time budget, flood control ---
  alertSmsTo: spec<string | undefined>({
    name: 'ALERT_SMS_TO',
    defaultValue: undefined,
    parse: optional(parseE164),
  }),
  alertSmsFrom: spec<string | undefined>({
    name: 'ALERT_SMS_FROM',
    defaultValue: undefined,
    parse: optional(parseSmsSender),
  }),
  alertWebhookUrl: spec<string | undefined>({
    name: 'ALERT_WEBHOOK_URL',
    defaultValue: undefined,
    parse: optional(parseHttpUrl),
  }),
  sendgridApiKey: spec<string | undefined>({
    name: 'SENDGRID_API_KEY',
    defaultValue: undefined,
    parse: optional(parseSecret),
  }),
  alertEmailTo: spec<readonly string[]>({
    name: 'ALERT_EMAIL_TO',
    defaultValue: [],
    parse: parseEmailList,
  }),
  alertEmailFrom: spec<string | undefined>({
    name: 'ALERT_EMAIL_FROM',
    defaultValue: undefined,
    parse: optional(parseEmail),
  }),
  sendgridApiUrl: spec({
    name: 'SENDGRID_API_URL',
    defaultValue: 'https://api.sendgrid.com',
    parse: parseBaseUrl,
  }),
  alertBudgetMs: spec({
    name: 'ALERT_BUDGET_MS',
    defaultValue: 1000,
    parse: parseIntegerInRange(200, 3000),
  }),
  alertWindowSeconds: spec({
    name: 'ALERT_WINDOW_SECONDS',
    defaultValue: 300,
    parse: parseIntegerInRange(10, 86400),
  }),
  syncServiceSid: spec<string | undefined>({
    name: 'SYNC_SERVICE_SID',
    defaultValue: undefined,
    parse: optional(parseSid('IS', 'Sync Service')),
  }),
  pagerdutyRoutingKey: spec<string | undefined>({
    name: 'PAGERDUTY_ROUTING_KEY',
    defaultValue: undefined,
    parse: optional(parseSecret),
  }),
  pagerdutyEventsUrl: spec({
    name: 'PAGERDUTY_EVENTS_URL',
    defaultValue: 'https://events.pagerduty.com/v2/enqueue',
    parse: parseHttpUrl,
  }),
  alertMode: spec<AlertMode>({
    name: 'ALERT_MODE',
    defaultValue: 'inline',
    parse: parseChoice(ALERT_MODES),
  }),
  alertMinLevel: spec<MinLevelChoice>({
    name: 'ALERT_MIN_LEVEL',
    defaultValue: 'error',
    parse: parseChoice(MIN_LEVEL_CHOICES),
  }),
  // --- Recovery (src/recovery): what a caller gets beyond the message ---
  recoveryMode: spec<RecoveryMode>({
    name: 'RECOVERY_MODE',
    defaultValue: 'message',
    parse: parseChoice(RECOVERY_MODES),
  }),
  recoveryDialNumber: spec<string | undefined>({
    name: 'RECOVERY_DIAL_NUMBER',
    defaultValue: undefined,
    parse: optional(parseE164),
  }),
  recoveryDialTimeoutSeconds: spec({
    name: 'RECOVERY_DIAL_TIMEOUT_SECONDS',
    defaultValue: 20,
    parse: parseIntegerInRange(5, 600),
  }),
  recoveryDialMessage: spec({
    name: 'RECOVERY_DIAL_MESSAGE',
    defaultValue: 'We are having technical difficulties. Please hold while we connect you.',
    parse: parseText,
  }),
  recoveryRedirectUrl: spec<string | undefined>({
    name: 'RECOVERY_REDIRECT_URL',
    defaultValue: undefined,
    parse: optional(parseHttpUrl),
  }),
  voicemailPrompt: spec({
    name: 'VOICEMAIL_PROMPT',
    defaultValue:
      'We are having technical difficulties. Please leave a message after the tone and we will call you back.',
    parse: parseText,
  }),
  voicemailMaxSeconds: spec({
    name: 'VOICEMAIL_MAX_SECONDS',
    defaultValue: 120,
    parse: parseIntegerInRange(5, 3600),
  }),
} as const;

export type Variables = typeof variables;
export type AppConfig = {
  [K in keyof Variables]: Variables[K] extends VariableSpec<infer T> ? T : never;
};
