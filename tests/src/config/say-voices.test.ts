import { readFileSync } from 'node:fs';
import { documentedVoices, languagesOfVoice } from '../../../src/config/say-voices';

/**
 * twilio-node generates its `SayVoice` type from Twilio's TwiML definitions: the
 * project's table must name exactly those Polly and Google voices, no more, no fewer.
 */
function twilioSayVoices(): string[] {
  const typings = readFileSync(require.resolve('twilio/lib/twiml/VoiceResponse.d.ts'), 'utf8');
  const union = /type SayVoice = ([^;]*);/.exec(typings)?.[1] ?? '';
  return [...union.matchAll(/"([^"]+)"/g)]
    .map((match) => match[1] ?? '')
    .filter((voice) => voice.startsWith('Polly.') || voice.startsWith('Google.'));
}

describe('the <Say> voice table', () => {
  it('names exactly the Polly and Google voices of twilio-node’s SayVoice', () => {
    const expected = twilioSayVoices();
    expect(expected.length).toBeGreaterThan(800);
    const canonical = (voice: string) =>
      voice.replace(
        /^Google\.([a-z]+)-([a-z]{2})-/i,
        (_, l: string, r: string) => `Google.${l.toLowerCase()}-${r.toUpperCase()}-`,
      );
    expect([...documentedVoices()].sort()).toEqual(expected.map(canonical).sort());
  });

  it('gives every Google voice the one language its name carries', () => {
    const mismatches = twilioSayVoices()
      .filter((voice) => voice.startsWith('Google.'))
      .filter((voice) => {
        const language = /^Google\.([a-z]+-[a-z]{2})-/i.exec(voice)?.[1] ?? '';
        const spoken = languagesOfVoice(voice)?.map((tag) => tag.toLowerCase());
        return JSON.stringify(spoken) !== JSON.stringify([language.toLowerCase()]);
      });
    expect(mismatches).toEqual([]);
  });

  it.each([
    ['Polly.Joanna', ['en-US']],
    ['Polly.Aditi', ['en-IN', 'hi-IN']],
    ['Polly.Kajal-Generative', ['en-IN', 'hi-IN']],
    ['Polly.Zeina', ['arb']],
    ['Polly.Hala-Neural', ['ar-AE']],
    ['Polly.Lupe-Generative', ['es-US']],
    ['Polly.Hala', undefined],
    ['Polly.NotAVoice', undefined],
  ])('%s speaks %j', (voice, languages) => {
    expect(languagesOfVoice(voice)).toEqual(languages);
  });
});
