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

/**
 * Every environment variable the Functions read, with its default, in one place.
 * `.env.example` and the README table document exactly these (a test keeps them in step).
 */
export interface VariableSpec<T> {
  /** Name in `.env` / the Service's environment. */
  readonly name: string;
  readonly description: string;
  /** What a valid value looks like, for `.env.example` and the README. */
  readonly format: string;
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
    description: 'What the primary says to every caller before forwarding or hanging up.',
    format: 'text, at most 1000 characters',
    defaultValue: 'Thank you for calling.',
    parse: parseText,
  }),
  sayVoice: spec({
    name: 'SAY_VOICE',
    description: 'Voice for every spoken message (primary and fallback).',
    format: 'man | woman | alice | Polly.<Name> | Google.<name>',
    defaultValue: 'Polly.Joanna',
    parse: parseVoice,
  }),
  sayLanguage: spec({
    name: 'SAY_LANGUAGE',
    description: 'Language of every spoken message.',
    format: 'BCP 47 tag, e.g. en-US',
    defaultValue: 'en-US',
    parse: parseLanguage,
  }),
  forwardTo: spec<string | undefined>({
    name: 'FORWARD_TO',
    description:
      'Number the primary forwards calls to after the greeting. Unset: greet and hang up.',
    format: 'E.164, e.g. +14155550100',
    defaultValue: undefined,
    parse: optional(parseE164),
  }),
  forwardTimeoutSeconds: spec({
    name: 'FORWARD_TIMEOUT_SECONDS',
    description: 'How long the forwarded number rings before the no-answer message.',
    format: 'whole seconds, 5..600',
    defaultValue: 20,
    parse: parseIntegerInRange(5, 600),
  }),
  forwardCallerId: spec<string | undefined>({
    name: 'FORWARD_CALLER_ID',
    description:
      'Caller ID shown on forwarded calls; must be a Twilio number or verified caller ID. Unset: the caller’s own number.',
    format: 'E.164',
    defaultValue: undefined,
    parse: optional(parseE164),
  }),
  noAnswerMessage: spec({
    name: 'NO_ANSWER_MESSAGE',
    description: 'Spoken when the forwarded number is busy, fails or does not answer.',
    format: 'text, at most 1000 characters',
    defaultValue: 'Sorry, nobody is available to take your call. Please try again later.',
    parse: parseText,
  }),
  smsAutoReply: spec({
    name: 'SMS_AUTO_REPLY',
    description: 'Reply the primary sends to every incoming message. Empty: no reply.',
    format: 'text, at most 1000 characters',
    defaultValue: '',
    parse: parseText,
  }),
  failoverDrillNumber: spec<string | undefined>({
    name: 'FAILOVER_DRILL_NUMBER',
    description:
      'Calls and messages from this number make the primary fail on purpose (HTTP 500), so a real call exercises the real fallback. Everyone else is served normally.',
    format: 'E.164',
    defaultValue: undefined,
    parse: optional(parseE164),
  }),
  fallbackMessage: spec({
    name: 'FALLBACK_MESSAGE',
    description: 'What the fallback says to a caller when the primary failed.',
    format: 'text, at most 1000 characters',
    defaultValue: DEFAULT_FALLBACK_MESSAGE,
    parse: parseText,
  }),
  fallbackSmsReply: spec({
    name: 'FALLBACK_SMS_REPLY',
    description: 'Reply the fallback sends to a message the primary failed on. Empty: no reply.',
    format: 'text, at most 1000 characters',
    defaultValue: '',
    parse: parseText,
  }),
  // --- Alerts (src/alerts): channels, time budget, flood control ---
  alertSmsTo: spec<string | undefined>({
    name: 'ALERT_SMS_TO',
    description:
      'On-call number for SMS alerts; needs ALERT_SMS_FROM (locally also ACCOUNT_SID, AUTH_TOKEN).',
    format: 'E.164',
    defaultValue: undefined,
    parse: optional(parseE164),
  }),
  alertSmsFrom: spec<string | undefined>({
    name: 'ALERT_SMS_FROM',
    description: 'Sender of the SMS alert: one of your Twilio numbers, or a Messaging Service.',
    format: 'E.164, or a Messaging Service SID (MG + 32 hex digits)',
    defaultValue: undefined,
    parse: optional(parseSmsSender),
  }),
  alertWebhookUrl: spec<string | undefined>({
    name: 'ALERT_WEBHOOK_URL',
    description:
      'Gets each alert as a JSON POST (Slack/Teams incoming webhooks show its `text`). A secret.',
    format: 'http(s) URL; https when deployed',
    defaultValue: undefined,
    parse: optional(parseHttpUrl),
  }),
  sendgridApiKey: spec<string | undefined>({
    name: 'SENDGRID_API_KEY',
    description:
      'SendGrid key (Mail Send) for e-mail alerts; needs ALERT_EMAIL_TO, ALERT_EMAIL_FROM. A secret.',
    format: 'SendGrid API key, SG.…',
    defaultValue: undefined,
    parse: optional(parseSecret),
  }),
  alertEmailTo: spec<readonly string[]>({
    name: 'ALERT_EMAIL_TO',
    description: 'Recipients of e-mail alerts.',
    format: 'e-mail addresses separated by commas, at most 10',
    defaultValue: [],
    parse: parseEmailList,
  }),
  alertEmailFrom: spec<string | undefined>({
    name: 'ALERT_EMAIL_FROM',
    description: 'Sender of e-mail alerts: an address or domain verified in SendGrid.',
    format: 'e-mail address',
    defaultValue: undefined,
    parse: optional(parseEmail),
  }),
  sendgridApiUrl: spec({
    name: 'SENDGRID_API_URL',
    description:
      'SendGrid API base URL; change it only for a stand-in (tests) or SendGrid’s EU host.',
    format: 'http(s) URL without a trailing path',
    defaultValue: 'https://api.sendgrid.com',
    parse: parseBaseUrl,
  }),
  alertBudgetMs: spec({
    name: 'ALERT_BUDGET_MS',
    description:
      'Most time alerts (flood control included) may delay the fallback’s answer; what is still in flight then is abandoned.',
    format: 'milliseconds, 50..3000',
    defaultValue: 1000,
    parse: parseIntegerInRange(50, 3000),
  }),
  alertWindowSeconds: spec({
    name: 'ALERT_WINDOW_SECONDS',
    description:
      'At most one alert per error code and failing host per window, across Function instances.',
    format: 'whole seconds, 10..86400',
    defaultValue: 300,
    parse: parseIntegerInRange(10, 86400),
  }),
  syncServiceSid: spec<string | undefined>({
    name: 'SYNC_SERVICE_SID',
    description:
      'Sync Service for flood control. Unset: the account’s default one (Runtime.getSync()).',
    format: 'IS + 32 hex digits',
    defaultValue: undefined,
    parse: optional(parseSid('IS', 'Sync Service')),
  }),
  // --- Recovery (src/recovery): what a caller gets beyond the message ---
  recoveryMode: spec<RecoveryMode>({
    name: 'RECOVERY_MODE',
    description:
      'What a failed call gets: message, dial (a backup number), voicemail, redirect (a standby app).',
    format: RECOVERY_MODES.join(' | '),
    defaultValue: 'message',
    parse: parseChoice(RECOVERY_MODES),
  }),
  recoveryDialNumber: spec<string | undefined>({
    name: 'RECOVERY_DIAL_NUMBER',
    description: 'Backup number for RECOVERY_MODE=dial.',
    format: 'E.164',
    defaultValue: undefined,
    parse: optional(parseE164),
  }),
  recoveryDialTimeoutSeconds: spec({
    name: 'RECOVERY_DIAL_TIMEOUT_SECONDS',
    description: 'How long the backup number rings before FALLBACK_MESSAGE.',
    format: 'whole seconds, 5..600',
    defaultValue: 20,
    parse: parseIntegerInRange(5, 600),
  }),
  recoveryDialMessage: spec({
    name: 'RECOVERY_DIAL_MESSAGE',
    description: 'Short apology the dial mode speaks before connecting the caller.',
    format: 'text, at most 1000 characters',
    defaultValue: 'We are having technical difficulties. Please hold while we connect you.',
    parse: parseText,
  }),
  recoveryRedirectUrl: spec<string | undefined>({
    name: 'RECOVERY_REDIRECT_URL',
    description: 'Standby TwiML app for RECOVERY_MODE=redirect; never the fallback’s own URL.',
    format: 'http(s) URL; https when deployed',
    defaultValue: undefined,
    parse: optional(parseHttpUrl),
  }),
  voicemailPrompt: spec({
    name: 'VOICEMAIL_PROMPT',
    description: 'What the voicemail mode says before the beep.',
    format: 'text, at most 1000 characters',
    defaultValue:
      'We are having technical difficulties. Please leave a message after the tone and we will call you back.',
    parse: parseText,
  }),
  voicemailMaxSeconds: spec({
    name: 'VOICEMAIL_MAX_SECONDS',
    description: 'Longest voicemail recording; Twilio ends the recording there.',
    format: 'whole seconds, 5..3600',
    defaultValue: 120,
    parse: parseIntegerInRange(5, 3600),
  }),
} as const;

export type Variables = typeof variables;
export type AppConfig = {
  [K in keyof Variables]: Variables[K] extends VariableSpec<infer T> ? T : never;
};
