import type { ConfigProblem } from './read-config';
import { BASIC_VOICES, languagesOfVoice } from './say-voices';

export interface SayPair {
  readonly voice: string;
  readonly language: string;
}

export interface CheckedSayPair extends SayPair {
  readonly problems: readonly ConfigProblem[];
}

/**
 * Checks SAY_VOICE and SAY_LANGUAGE together against the voices Twilio documents
 * (./say-voices.ts), so a pair Twilio may refuse never reaches a caller's <Say>:
 * Twilio warns that "an invalid combination of voice and language may result in error
 * and <Say> instruction failure" (https://www.twilio.com/docs/voice/twiml/say).
 *
 * - A voice Twilio does not document, or a language the voice does not speak: the
 *   default pair, and a problem that names the variable.
 * - SAY_LANGUAGE unset with a voice that does not speak the default language: the
 *   voice's own language (`SAY_VOICE=Polly.Celine` alone means French), no problem.
 * - A basic voice (alice, man, woman): used as set, with a warning.
 */
export function checkSayPair(
  configured: SayPair,
  defaults: SayPair,
  languageIsSet: boolean,
): CheckedSayPair {
  const basic = BASIC_VOICES[configured.voice];
  if (basic !== undefined) {
    return {
      ...configured,
      problems: [
        {
          variable: 'SAY_VOICE',
          reason: `${basic}; the language cannot be checked for it`,
          consequence: 'used as set; prefer a Polly or Google voice',
        },
      ],
    };
  }
  const fallback = `using ${defaults.voice} with ${defaults.language}`;
  const languages = languagesOfVoice(configured.voice);
  if (languages === undefined) {
    return {
      ...defaults,
      problems: [
        {
          variable: 'SAY_VOICE',
          reason: 'is not a voice Twilio documents for <Say>',
          consequence: fallback,
        },
      ],
    };
  }
  const spoken = languages.find(
    (language) => language.toLowerCase() === configured.language.toLowerCase(),
  );
  if (spoken !== undefined) return { voice: configured.voice, language: spoken, problems: [] };
  if (!languageIsSet)
    return { voice: configured.voice, language: languages[0] ?? '', problems: [] };
  return {
    ...defaults,
    problems: [
      {
        variable: 'SAY_LANGUAGE',
        reason: `is not a language ${configured.voice} speaks (${languages.join(', ')})`,
        consequence: fallback,
      },
    ],
  };
}
