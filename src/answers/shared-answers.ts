import type { AppConfig } from '../config/variables';
import { speakFallbackMessage } from '../recovery/recovery-answer';
import type { TwimlClasses, TwimlDocument } from '../runtime/twiml';

/**
 * An answer as the fallback hands it to the runtime, which only serializes it
 * (`toString()`; twilio-run's route.js and the deployed runtime alike). Every
 * fallback answer has this type, so the code that receives a document shared
 * between requests (SharedAnswers) cannot add to it.
 */
export type FinishedTwiml = Pick<TwimlDocument, 'toString'>;

/**
 * - `message`: FALLBACK_MESSAGE, then hang up (every recovery mode's safe answer).
 * - `hangup`: a call that had already ended normally.
 * - `sms-reply`: FALLBACK_SMS_REPLY. `sms-silence`: no reply.
 */
export type SharedAnswerName = 'message' | 'hangup' | 'sms-reply' | 'sms-silence';

type SharedAnswerConfig = Pick<
  AppConfig,
  'sayVoice' | 'sayLanguage' | 'fallbackMessage' | 'fallbackSmsReply'
>;

/**
 * The fallback's answers that depend on configuration alone, each built once per
 * configuration with twilio's own TwiML classes (so escaping and attribute
 * handling are twilio's) and the same finished document handed to the runtime on
 * every request after. In an outage every caller gets one of these.
 *
 * Why: twilio's TwiML base class creates a whole xmlbuilder document in its
 * constructor, for the `<Response>` and again for every verb object (`<Say>`,
 * `<Hangup>`), about 25 µs for the message answer; serializing a built one costs
 * about 1 µs. Building it per request was the largest part of the fallback's own
 * time in a CPU profile of `npm run bench`.
 *
 * Answers that carry request values (a dial's or a recording's callback URL on the
 * request's domain) are still built per request.
 */
export class SharedAnswers {
  private classes: TwimlClasses | undefined;
  private readonly built = new Map<SharedAnswerName, FinishedTwiml>();

  constructor(private readonly config: SharedAnswerConfig) {}

  /** `name`, built with `twiml` (rebuilt if other classes are passed: tests, tools). */
  get(twiml: TwimlClasses, name: SharedAnswerName): FinishedTwiml {
    if (twiml !== this.classes) {
      this.built.clear();
      this.classes = twiml;
    }
    let answer = this.built.get(name);
    if (answer === undefined) {
      answer = buildAnswer(twiml, this.config, name);
      this.built.set(name, answer);
    }
    return answer;
  }
}

function buildAnswer(
  twiml: TwimlClasses,
  config: SharedAnswerConfig,
  name: SharedAnswerName,
): FinishedTwiml {
  switch (name) {
    case 'message': {
      const response = new twiml.VoiceResponse();
      speakFallbackMessage(response, config);
      return response;
    }
    case 'hangup': {
      const response = new twiml.VoiceResponse();
      response.hangup();
      return response;
    }
    case 'sms-reply': {
      const response = new twiml.MessagingResponse();
      response.message(config.fallbackSmsReply);
      return response;
    }
    case 'sms-silence':
      return new twiml.MessagingResponse();
  }
}
