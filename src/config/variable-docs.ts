import type { Variables } from './variables';

/**
 * What each environment variable is for, in words: the source of the README
 * configuration table and of `.env.example` (`npm run docs:config` writes both; a test
 * keeps them equal). Kept apart from `variables.ts` on purpose: no Function imports
 * this file, so none of this text is bundled into what loads on every cold start.
 */
export interface VariableDoc {
  readonly description: string;
  /** What a valid value looks like. */
  readonly format: string;
  /** Which block of `.env.example` it belongs to. */
  readonly group: VariableGroup;
  /** A credential or capability URL: never commit a value. */
  readonly secret?: true;
}

export type VariableGroup = 'functions' | 'alerts' | 'recovery';

export const VARIABLE_GROUPS: Readonly<Record<VariableGroup, readonly string[]>> = {
  functions: ['Primary and fallback Functions'],
  alerts: [
    'Alerts from the fallback (src/alerts): channels, time budget, flood control',
    'A channel is on when all its variables are set.',
  ],
  recovery: ['Recovery of failed calls (src/recovery)'],
};

export const variableDocs: { readonly [K in keyof Variables]: VariableDoc } = {
  greetingMessage: {
    description: 'What the primary says to every caller before forwarding or hanging up.',
    format: 'text, at most 1000 characters',
    group: 'functions',
  },
  sayVoice: {
    description:
      'Voice for every spoken message. Checked with SAY_LANGUAGE against the Polly and Google voices Twilio documents: a pair it does not list is logged and replaced by Polly.Joanna / en-US (man, woman, alice: kept, with a warning).',
    format: 'Polly.<Name>[-Neural|-Generative] | Google.<lang>-<Type>-<Variant>',
    group: 'functions',
  },
  sayLanguage: {
    description:
      'Language of every spoken message; unset, the voice’s own language (SAY_VOICE=Polly.Celine alone speaks fr-FR).',
    format: 'a language the voice speaks, e.g. en-US',
    group: 'functions',
  },
  forwardTo: {
    description:
      'Number the primary forwards calls to after the greeting. Unset: greet and hang up.',
    format: 'E.164, e.g. +14155550100',
    group: 'functions',
  },
  forwardTimeoutSeconds: {
    description: 'How long the forwarded number rings before the no-answer message.',
    format: 'whole seconds, 5..600',
    group: 'functions',
  },
  forwardCallerId: {
    description:
      'Caller ID shown on forwarded calls; must be a Twilio number or verified caller ID. Unset: the caller’s own number.',
    format: 'E.164',
    group: 'functions',
  },
  noAnswerMessage: {
    description: 'Spoken when the forwarded number is busy, fails or does not answer.',
    format: 'text, at most 1000 characters',
    group: 'functions',
  },
  smsAutoReply: {
    description: 'Reply the primary sends to every incoming message. Empty: no reply.',
    format: 'text, at most 1000 characters',
    group: 'functions',
  },
  failoverDrillNumber: {
    description:
      'Calls and messages from this number make the primary fail on purpose (HTTP 500), so a real call exercises the real fallback. Everyone else is served normally.',
    format: 'E.164',
    group: 'functions',
  },
  fallbackMessage: {
    description: 'What the fallback says to a caller when the primary failed.',
    format: 'text, at most 1000 characters',
    group: 'functions',
  },
  fallbackSmsReply: {
    description: 'Reply the fallback sends to a message the primary failed on. Empty: no reply.',
    format: 'text, at most 1000 characters',
    group: 'functions',
  },
  alertSmsTo: {
    description:
      'On-call number that gets an SMS alert when the fallback answers. Needs ALERT_SMS_FROM (and, locally, ACCOUNT_SID and AUTH_TOKEN).',
    format: 'E.164',
    group: 'alerts',
  },
  alertSmsFrom: {
    description: 'Sender of the SMS alert: one of your Twilio numbers, or a Messaging Service.',
    format: 'E.164, or a Messaging Service SID (MG + 32 hex digits)',
    group: 'alerts',
  },
  alertWebhookUrl: {
    description:
      'URL that gets each alert as a JSON POST; its `text` field shows as is in a Slack or Teams incoming webhook. Treat it as a secret.',
    format: 'http(s) URL; https when deployed',
    group: 'alerts',
    secret: true,
  },
  sendgridApiKey: {
    description:
      'SendGrid API key (Mail Send permission) for e-mail alerts; needs ALERT_EMAIL_TO and ALERT_EMAIL_FROM. Secret.',
    format: 'SendGrid API key, SG.…',
    group: 'alerts',
    secret: true,
  },
  alertEmailTo: {
    description: 'Recipients of e-mail alerts.',
    format: 'e-mail addresses separated by commas, at most 10',
    group: 'alerts',
  },
  alertEmailFrom: {
    description: 'Sender of e-mail alerts: an address or domain verified in SendGrid.',
    format: 'e-mail address',
    group: 'alerts',
  },
  sendgridApiUrl: {
    description:
      'Base URL of SendGrid’s API; change it only to point e-mail alerts at a stand-in (tests) or SendGrid’s EU host.',
    format: 'http(s) URL without a trailing path',
    group: 'alerts',
  },
  alertBudgetMs: {
    description:
      'Time the fallback may spend on alerts (flood-control lookup included) before it answers; channels still in flight then are abandoned. The caller hears silence for this long at most.',
    format: 'milliseconds, 200..3000',
    group: 'alerts',
  },
  alertWindowSeconds: {
    description:
      'Flood control: at most one alert per error code and failing host in this window, across all Function instances.',
    format: 'whole seconds, 10..86400',
    group: 'alerts',
  },
  syncServiceSid: {
    description:
      'Sync Service holding the flood-control map. Unset: the account’s default Sync Service (Runtime.getSync()).',
    format: 'IS + 32 hex digits',
    group: 'alerts',
  },
  pagerdutyRoutingKey: {
    description:
      'Integration key of a PagerDuty service (Events API v2 integration): each alert triggers an incident, deduplicated per error code and host. Secret.',
    format: '32-character integration key',
    group: 'alerts',
    secret: true,
  },
  pagerdutyEventsUrl: {
    description:
      'Where PagerDuty alerts are posted; change it only to point them at a stand-in (tests) or PagerDuty’s EU host.',
    format: 'http(s) URL',
    group: 'alerts',
  },
  alertMode: {
    description:
      'Who alerts on a failing primary: inline (the fallback, before it answers), events (the /events Function, fed by a Twilio Event Streams sink; the fallback answers at once; voicemails are still alerted by the fallback), or both.',
    format: 'inline | events | both',
    group: 'alerts',
  },
  alertMinLevel: {
    description:
      'Lowest level of a Twilio error event that /events alerts on; lower ones are ignored. INFO is never alerted: every Function console.log line arrives as INFO, /events included, so it would feed itself.',
    format: 'warning | error',
    group: 'alerts',
  },
  recoveryMode: {
    description:
      'What the fallback does with a call: message (say FALLBACK_MESSAGE), dial (a backup number), voicemail (record a message), redirect (a standby TwiML app).',
    format: 'message | dial | voicemail | redirect',
    group: 'recovery',
  },
  recoveryDialNumber: {
    description: 'Backup number the dial mode connects callers to. Required by RECOVERY_MODE=dial.',
    format: 'E.164',
    group: 'recovery',
  },
  recoveryDialTimeoutSeconds: {
    description: 'How long the backup number rings before the caller hears FALLBACK_MESSAGE.',
    format: 'whole seconds, 5..600',
    group: 'recovery',
  },
  recoveryDialMessage: {
    description: 'Short apology the dial mode speaks before connecting the caller.',
    format: 'text, at most 1000 characters',
    group: 'recovery',
  },
  recoveryRedirectUrl: {
    description:
      'Standby TwiML URL the redirect mode sends calls to. Required by RECOVERY_MODE=redirect; never the fallback’s own URL.',
    format: 'http(s) URL; https when deployed',
    group: 'recovery',
  },
  voicemailPrompt: {
    description: 'What the voicemail mode says before the beep.',
    format: 'text, at most 1000 characters',
    group: 'recovery',
  },
  voicemailMaxSeconds: {
    description: 'Longest voicemail recording; Twilio ends the recording there.',
    format: 'whole seconds, 5..3600',
    group: 'recovery',
  },
};
