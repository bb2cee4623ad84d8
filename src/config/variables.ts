import {
  parseE164,
  parseIntegerInRange,
  parseLanguage,
  parseText,
  parseVoice,
  type Parsed,
} from './validators';

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
} as const;

export type Variables = typeof variables;
export type AppConfig = {
  [K in keyof Variables]: Variables[K] extends VariableSpec<infer T> ? T : never;
};
