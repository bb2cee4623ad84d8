/**
 * The <Say> voices Twilio documents, and the languages each speaks: the table a
 * SAY_VOICE / SAY_LANGUAGE pair is checked against before it reaches a caller.
 *
 * Source: https://www.twilio.com/docs/voice/twiml/say/text-speech (Amazon Polly and
 * Google voices, checked 2026-11-30). The voice names are exactly those of the `SayVoice`
 * type that twilio-node 6.2.0 generates from Twilio's TwiML definitions
 * (tests/src/config/say-voices.test.ts compares the two); the language of each Polly
 * voice is the one the text-to-speech page gives (Amazon's "available voices" page
 * agrees). Twilio: "Using an invalid combination of voice and language may result in
 * error and <Say> instruction failure" (https://www.twilio.com/docs/voice/twiml/say).
 *
 * Kept as compact strings: both Function bundles carry this table.
 */

/**
 * Amazon Polly, by language: `Name/engines`, where the engines are S (standard:
 * `Polly.Name`), N (neural: `Polly.Name-Neural`) and G (generative:
 * `Polly.Name-Generative`). Aditi and Kajal are bilingual (en-IN and hi-IN).
 */
const POLLY: Readonly<Record<string, string>> = {
  arb: 'Zeina/S',
  'ar-AE': 'Hala/N Zayd/N',
  'ca-ES': 'Arlet/N',
  'cmn-CN': 'Zhiyu/SN',
  'cy-GB': 'Gwyneth/S',
  'da-DK': 'Mads/S Naja/S Sofie/N',
  'de-AT': 'Hannah/N',
  'de-DE': 'Daniel/NG Hans/S Marlene/S Vicki/SNG',
  'en-AU': 'Nicole/S Olivia/NG Russell/S',
  'en-GB': 'Amy/SNG Arthur/N Brian/SN Emma/SN',
  'en-GB-WLS': 'Geraint/S',
  'en-IE': 'Niamh/N',
  'en-IN': 'Aditi/S Kajal/NG Raveena/S',
  'en-NZ': 'Aria/N',
  'en-US':
    'Danielle/NG Gregory/N Ivy/SN Joanna/SNG Joey/SN Justin/SN Kendra/SN Kevin/SN Kimberly/SN Matthew/SNG Ruth/NG Salli/SN Stephen/NG',
  'en-ZA': 'Ayanda/NG',
  'es-ES': 'Conchita/S Enrique/S Lucia/SNG Sergio/NG',
  'es-MX': 'Andres/NG Mia/SN Mía/G',
  'es-US': 'Lupe/SNG Miguel/S Pedro/NG Penelope/S',
  'fi-FI': 'Suvi/N',
  'fr-BE': 'Isabelle/N',
  'fr-CA': 'Chantal/S Gabrielle/N Liam/N',
  'fr-FR': 'Celine/S Lea/SNG Mathieu/S Remi/N Rémi/G',
  'hi-IN': 'Aditi/S Kajal/NG',
  'is-IS': 'Dora/S Karl/S',
  'it-IT': 'Adriano/N Bianca/SNG Carla/S Giorgio/S',
  'ja-JP': 'Kazuha/N Mizuki/S Takumi/SN Tomoko/N',
  'ko-KR': 'Seoyeon/SN',
  'nb-NO': 'Ida/N Liv/S',
  'nl-BE': 'Lisa/N',
  'nl-NL': 'Laura/N Lotte/S Ruben/S',
  'pl-PL': 'Ewa/S Jacek/S Jan/S Maja/S Ola/N',
  'pt-BR': 'Camila/SN Ricardo/S Thiago/N Vitoria/SN',
  'pt-PT': 'Cristiano/S Ines/SN',
  'ro-RO': 'Carmen/S',
  'ru-RU': 'Maxim/S Tatyana/S',
  'sv-SE': 'Astrid/S Elin/N',
  'tr-TR': 'Burcu/N Filiz/S',
  'yue-CN': 'Hiujin/N',
};

/**
 * Google, by language: `Type:Variants` (Google.<language>-<Type>-<Variant>, one letter a
 * variant); `Chirp3-HD` alone stands for its eight voices, named below.
 */
const GOOGLE: Readonly<Record<string, string>> = {
  'af-ZA': 'Standard:A',
  'am-ET': 'Standard:AB Wavenet:AB',
  'ar-XA': 'Chirp3-HD Standard:ABCD Wavenet:ABCD',
  'bg-BG': 'Standard:AB',
  'bn-IN': 'Chirp3-HD Standard:ABCD Wavenet:ABCD',
  'ca-ES': 'Standard:AB',
  'cmn-CN': 'Chirp3-HD Standard:ABCD Wavenet:ABCD',
  'cmn-TW': 'Standard:ABC Wavenet:ABC',
  'cs-CZ': 'Standard:AB Wavenet:AB',
  'da-DK': 'Neural2:DF Standard:ACDEFG Wavenet:ACDEFG',
  'de-DE': 'Chirp3-HD Neural2:ABCDFGH Standard:ABCDEFGH Wavenet:ABCDEFGH',
  'el-GR': 'Standard:AB Wavenet:AB',
  'en-AU': 'Chirp3-HD Neural2:ABCD Standard:ABCD Wavenet:ABCD',
  'en-GB': 'Chirp3-HD Neural2:ABCDFNO Standard:ABCDFNO Wavenet:ABCDFNO',
  'en-IN': 'Chirp3-HD Neural2:ABCD Standard:ABCDEF Wavenet:ABCDEF',
  'en-US': 'Chirp3-HD Neural2:ACDEFGHIJ Standard:ABCDEFGHIJ Wavenet:ABCDEFGHIJ',
  'es-ES': 'Chirp3-HD Neural2:ABCDEFGH Standard:ABCDEFGH Wavenet:BCDEFGH',
  'es-US': 'Chirp3-HD Neural2:ABC Standard:ABC Wavenet:ABC',
  'eu-ES': 'Standard:AB',
  'fi-FI': 'Standard:AB Wavenet:AB',
  'fil-PH': 'Neural2:AD Standard:ABCD Wavenet:ABCD',
  'fr-CA': 'Chirp3-HD Neural2:ABCD Standard:ABCD Wavenet:ABCD',
  'fr-FR': 'Chirp3-HD Neural2:ABCDEFG Standard:ABCDEFG Wavenet:ABCDEFG',
  'gl-ES': 'Standard:AB',
  'gu-IN': 'Chirp3-HD Standard:ABCD Wavenet:ABCD',
  'he-IL': 'Standard:ABCD Wavenet:ABCD',
  'hi-IN': 'Chirp3-HD Neural2:ABCD Standard:ABCDEF Wavenet:ABCDEF',
  'hu-HU': 'Standard:AB Wavenet:A',
  'id-ID': 'Chirp3-HD Standard:ABCD Wavenet:ABCD',
  'is-IS': 'Standard:AB',
  'it-IT': 'Chirp3-HD Neural2:ACF Standard:ABCDEF Wavenet:ABCDEF',
  'ja-JP': 'Chirp3-HD Neural2:BCD Standard:ABCD Wavenet:ABCD',
  'kn-IN': 'Chirp3-HD Standard:ABCD Wavenet:ABCD',
  'ko-KR': 'Chirp3-HD Neural2:ABC Standard:ABCD Wavenet:ABCD',
  'lt-LT': 'Standard:AB',
  'lv-LV': 'Standard:AB',
  'ml-IN': 'Chirp3-HD Standard:ABCD Wavenet:ABCD',
  'mr-IN': 'Chirp3-HD Standard:ABC Wavenet:ABC',
  'ms-MY': 'Standard:ABCD Wavenet:ABCD',
  'nb-NO': 'Standard:ABCDEFG Wavenet:ABCDEFG',
  'nl-BE': 'Standard:ABCD Wavenet:ABCD',
  'nl-NL': 'Chirp3-HD Standard:ABCDEFG Wavenet:ABCDEFG',
  'pa-IN': 'Standard:ABCD Wavenet:ABCD',
  'pl-PL': 'Chirp3-HD Standard:ABCDEFG Wavenet:ABCDEFG',
  'pt-BR': 'Chirp3-HD Neural2:ABC Standard:ABCDE Wavenet:ABCDE',
  'pt-PT': 'Standard:ABCDEF Wavenet:ABCDEF',
  'ro-RO': 'Standard:AB Wavenet:AB',
  'ru-RU': 'Chirp3-HD Standard:ABCDE Wavenet:ABCDE',
  'sk-SK': 'Standard:AB Wavenet:AB',
  'sr-RS': 'Standard:A',
  'sv-SE': 'Standard:ABCDEFG Wavenet:ABCDEFG',
  'ta-IN': 'Chirp3-HD Standard:ABCD Wavenet:ABCD',
  'te-IN': 'Chirp3-HD Standard:ABCD',
  'th-TH': 'Chirp3-HD Neural2:C Standard:A',
  'tr-TR': 'Chirp3-HD Standard:ABCDE Wavenet:ABCDE',
  'uk-UA': 'Standard:A Wavenet:A',
  'vi-VN': 'Chirp3-HD Neural2:AD Standard:ABCD Wavenet:ABCD',
  'yue-HK': 'Standard:ABCD',
};

const CHIRP3_HD_VOICES = ['Aoede', 'Charon', 'Fenrir', 'Kore', 'Leda', 'Orus', 'Puck', 'Zephyr'];

const POLLY_ENGINES: Readonly<Record<string, string>> = { S: '', N: '-Neural', G: '-Generative' };

/** Every documented voice → the languages it speaks (built once, on first use). */
let voiceLanguages: ReadonlyMap<string, readonly string[]> | undefined;

function buildVoiceLanguages(): ReadonlyMap<string, readonly string[]> {
  const map = new Map<string, string[]>();
  const add = (voice: string, language: string) => {
    const languages = map.get(voice) ?? [];
    languages.push(language);
    map.set(voice, languages);
  };
  for (const [language, entries] of Object.entries(POLLY)) {
    for (const entry of entries.split(' ')) {
      const [name, engines = ''] = entry.split('/');
      for (const engine of engines) add(`Polly.${name}${POLLY_ENGINES[engine] ?? ''}`, language);
    }
  }
  for (const [language, entries] of Object.entries(GOOGLE)) {
    for (const entry of entries.split(' ')) {
      const [type = '', variants = ''] = entry.split(':');
      const names = type === 'Chirp3-HD' ? CHIRP3_HD_VOICES : [...variants];
      for (const name of names) add(`Google.${language}-${type}-${name}`, language);
    }
  }
  return map;
}

/**
 * The languages Twilio documents for `voice`, or `undefined` for a Polly or Google
 * voice it does not document. Google voice names are matched with their language part
 * in any case (Twilio's own list spells one `Google.fil-ph-Neural2-A`).
 */
export function languagesOfVoice(voice: string): readonly string[] | undefined {
  voiceLanguages ??= buildVoiceLanguages();
  return voiceLanguages.get(canonicalVoice(voice));
}

/** Every documented Polly and Google voice, for tests and docs. */
export function documentedVoices(): readonly string[] {
  voiceLanguages ??= buildVoiceLanguages();
  return [...voiceLanguages.keys()];
}

function canonicalVoice(voice: string): string {
  const google = /^Google\.([a-zA-Z]{2,3})-([a-zA-Z]{2})-(.+)$/.exec(voice);
  if (!google) return voice;
  const [, language = '', region = '', rest = ''] = google;
  return `Google.${language.toLowerCase()}-${region.toUpperCase()}-${rest}`;
}

/**
 * Twilio's basic voices, which the text-to-speech page no longer lists with languages:
 * `alice` is gone from the docs; `man` and `woman` remain only as accepted values of
 * the voice attribute (https://www.twilio.com/docs/voice/twiml/say). Accepted, with a
 * warning, since a pair cannot be checked for them.
 */
export const BASIC_VOICES: Readonly<Record<string, string>> = {
  alice: 'is no longer documented by Twilio',
  man: 'is a basic voice whose languages Twilio no longer documents',
  woman: 'is a basic voice whose languages Twilio no longer documents',
};
