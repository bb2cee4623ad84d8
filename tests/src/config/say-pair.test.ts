import { readConfig } from '../../../src/config/read-config';

const DEFAULT_PAIR = { sayVoice: 'Polly.Joanna', sayLanguage: 'en-US' };

describe('SAY_VOICE and SAY_LANGUAGE, checked as a pair', () => {
  it.each([
    ['Polly.Joanna', 'en-US', 'Polly.Joanna', 'en-US'],
    ['Polly.Celine', 'fr-FR', 'Polly.Celine', 'fr-FR'],
    ['Polly.Joanna-Neural', 'en-US', 'Polly.Joanna-Neural', 'en-US'],
    ['Polly.Mía-Generative', 'es-MX', 'Polly.Mía-Generative', 'es-MX'],
    ['Polly.Aditi', 'hi-IN', 'Polly.Aditi', 'hi-IN'],
    ['Polly.Geraint', 'en-GB-WLS', 'Polly.Geraint', 'en-GB-WLS'],
    ['Google.en-GB-Neural2-A', 'en-GB', 'Google.en-GB-Neural2-A', 'en-GB'],
    ['Google.fr-CA-Chirp3-HD-Aoede', 'fr-CA', 'Google.fr-CA-Chirp3-HD-Aoede', 'fr-CA'],
    // Twilio's own list spells this one in lower case.
    ['Google.fil-ph-Neural2-A', 'fil-PH', 'Google.fil-ph-Neural2-A', 'fil-PH'],
    // The table's spelling of the language wins over the user's case.
    ['Polly.Hans', 'de-de', 'Polly.Hans', 'de-DE'],
  ])('keeps the documented pair %s / %s', (voice, language, sayVoice, sayLanguage) => {
    const { config, problems } = readConfig({ SAY_VOICE: voice, SAY_LANGUAGE: language });
    expect(problems).toEqual([]);
    expect({ sayVoice: config.sayVoice, sayLanguage: config.sayLanguage }).toEqual({
      sayVoice,
      sayLanguage,
    });
  });

  it.each([
    ['Polly.Joanna', 'fr-FR', 'SAY_LANGUAGE', /not a language Polly\.Joanna speaks \(en-US\)/],
    ['Polly.NotAVoice', 'en-US', 'SAY_VOICE', /not a voice Twilio documents/],
    ['Polly.Joanna-Generative', 'en-GB', 'SAY_LANGUAGE', /Polly\.Joanna-Generative/],
    ['Polly.Sofie', 'da-DK', 'SAY_VOICE', /not a voice Twilio documents/], // Sofie is neural only
    ['Google.en-US-Standard-Z', 'en-US', 'SAY_VOICE', /not a voice Twilio documents/],
    ['Google.en-US-Neural2-F', 'en-GB', 'SAY_LANGUAGE', /speaks \(en-US\)/],
    ['Google.xx-YY-Standard-A', 'en-US', 'SAY_VOICE', /not a voice Twilio documents/],
  ])('replaces %s / %s by the default pair and names %s', (voice, language, variable, reason) => {
    const { config, problems } = readConfig({ SAY_VOICE: voice, SAY_LANGUAGE: language });
    expect({ sayVoice: config.sayVoice, sayLanguage: config.sayLanguage }).toEqual(DEFAULT_PAIR);
    expect(problems).toEqual([
      {
        variable,
        reason: expect.stringMatching(reason),
        consequence: 'using Polly.Joanna with en-US',
      },
    ]);
  });

  it.each([
    ['Polly.Celine', 'fr-FR'],
    ['Google.de-DE-Wavenet-B', 'de-DE'],
    ['Polly.Kajal-Neural', 'en-IN'],
  ])('gives %s its own language when SAY_LANGUAGE is unset', (voice, language) => {
    const { config, problems } = readConfig({ SAY_VOICE: voice });
    expect(problems).toEqual([]);
    expect({ sayVoice: config.sayVoice, sayLanguage: config.sayLanguage }).toEqual({
      sayVoice: voice,
      sayLanguage: language,
    });
  });

  it('checks the default voice against a malformed SAY_LANGUAGE only once', () => {
    const { config, problems } = readConfig({ SAY_VOICE: 'Polly.Celine', SAY_LANGUAGE: 'french' });
    expect(problems.map((problem) => problem.variable)).toEqual(['SAY_LANGUAGE']);
    expect({ sayVoice: config.sayVoice, sayLanguage: config.sayLanguage }).toEqual({
      sayVoice: 'Polly.Celine',
      sayLanguage: 'fr-FR',
    });
  });

  it.each(['alice', 'man', 'woman'])(
    'accepts the basic voice %s as set, with a warning',
    (voice) => {
      const { config, problems } = readConfig({ SAY_VOICE: voice, SAY_LANGUAGE: 'en-GB' });
      expect({ sayVoice: config.sayVoice, sayLanguage: config.sayLanguage }).toEqual({
        sayVoice: voice,
        sayLanguage: 'en-GB',
      });
      expect(problems).toEqual([
        {
          variable: 'SAY_VOICE',
          reason: expect.stringMatching(/cannot be checked/),
          consequence: expect.stringMatching(/^used as set/),
        },
      ]);
    },
  );
});
