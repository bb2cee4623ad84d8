import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_FALLBACK_MESSAGE, variables } from '../../src/config/variables';
import { PROJECT_ROOT } from '../support/dev-server';
import { parseTwiml, verbsOf } from '../support/twiml-parse';

describe('assets/error.xml', () => {
  const root = parseTwiml(readFileSync(resolve(PROJECT_ROOT, 'assets/error.xml'), 'utf8'));

  it('is a TwiML document that speaks and hangs up', () => {
    expect(root.name).toBe('Response');
    expect(verbsOf(root)).toEqual(['Say', 'Hangup']);
  });

  it('says the same default message, voice and language as the fallback Function', () => {
    expect(root.children[0]).toMatchObject({
      text: DEFAULT_FALLBACK_MESSAGE,
      attributes: {
        voice: variables.sayVoice.defaultValue,
        language: variables.sayLanguage.defaultValue,
      },
    });
  });
});
