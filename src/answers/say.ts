import type { AppConfig } from '../config/variables';
import type { VoiceResponse } from '../runtime/twiml';

type SayAttributes = Parameters<VoiceResponse['say']>[0];

/** Speaks `text` with the configured voice and language. */
export function say(
  response: VoiceResponse,
  config: Pick<AppConfig, 'sayVoice' | 'sayLanguage'>,
  text: string,
): void {
  // The twilio typings list the voices of today's catalogue; the value was validated
  // by the config reader, and Twilio adds voices faster than the typings do.
  const attributes = { voice: config.sayVoice, language: config.sayLanguage } as SayAttributes;
  response.say(attributes, text);
}
