import { readConfig } from '../../../src/config/read-config';
import { DEFAULT_FALLBACK_MESSAGE, variables } from '../../../src/config/variables';

describe('readConfig', () => {
  it('runs on embedded defaults with no environment at all', () => {
    const { config, problems } = readConfig({});
    expect(problems).toEqual([]);
    expect(config.fallbackMessage).toBe(DEFAULT_FALLBACK_MESSAGE);
    expect(config.greetingMessage).toBe('Thank you for calling.');
    expect(config.forwardTo).toBeUndefined();
    expect(config.forwardTimeoutSeconds).toBe(20);
    expect(config.smsAutoReply).toBe('');
    expect(config.sayVoice).toBe('Polly.Joanna');
  });

  it.each([
    ['FORWARD_TO', '+1 (415) 555-0100', 'forwardTo', '+14155550100'],
    ['FORWARD_TIMEOUT_SECONDS', '45', 'forwardTimeoutSeconds', 45],
    ['FAILOVER_DRILL_NUMBER', '+447700900123', 'failoverDrillNumber', '+447700900123'],
    ['SAY_VOICE', 'Google.en-US-Neural2-F', 'sayVoice', 'Google.en-US-Neural2-F'],
    ['SAY_LANGUAGE', 'en-us', 'sayLanguage', 'en-US'],
    ['FALLBACK_MESSAGE', '  We are having trouble.  ', 'fallbackMessage', 'We are having trouble.'],
    ['SMS_AUTO_REPLY', 'Got it', 'smsAutoReply', 'Got it'],
  ] as const)('reads %s=%j', (name, raw, key, expected) => {
    const { config, problems } = readConfig({ [name]: raw });
    expect(problems).toEqual([]);
    expect(config[key]).toEqual(expected);
  });

  it.each([
    ['FORWARD_TO', '4155550100', 'forwardTo', /E\.164/],
    ['FORWARD_TO', '+0123456', 'forwardTo', /E\.164/],
    ['FORWARD_TIMEOUT_SECONDS', 'ten', 'forwardTimeoutSeconds', /whole number/],
    ['FORWARD_TIMEOUT_SECONDS', '4', 'forwardTimeoutSeconds', /5\.\.600/],
    ['FORWARD_TIMEOUT_SECONDS', '601', 'forwardTimeoutSeconds', /5\.\.600/],
    ['FORWARD_CALLER_ID', 'ACME', 'forwardCallerId', /E\.164/],
    ['SAY_VOICE', 'robot', 'sayVoice', /voice/],
    ['SAY_LANGUAGE', 'english', 'sayLanguage', /language tag/],
    ['FALLBACK_MESSAGE', 'x'.repeat(1001), 'fallbackMessage', /1000 characters/],
  ] as const)('replaces malformed %s=%j by its default and names it', (name, raw, key, reason) => {
    const { config, problems } = readConfig({ [name]: raw });
    const spec = Object.values(variables).find((variable) => variable.name === name);
    expect(config[key]).toEqual(spec?.defaultValue);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.variable).toBe(name);
    expect(problems[0]?.reason).toMatch(reason);
  });

  it('treats an empty or blank value as unset, without a problem', () => {
    const { config, problems } = readConfig({ FALLBACK_MESSAGE: '   ', FORWARD_TO: '' });
    expect(problems).toEqual([]);
    expect(config.fallbackMessage).toBe(DEFAULT_FALLBACK_MESSAGE);
    expect(config.forwardTo).toBeUndefined();
  });

  it('reports a value that is not text (a context property of another type)', () => {
    const { config, problems } = readConfig({ FORWARD_TIMEOUT_SECONDS: 30 });
    expect(config.forwardTimeoutSeconds).toBe(20);
    expect(problems).toEqual([{ variable: 'FORWARD_TIMEOUT_SECONDS', reason: 'is not text' }]);
  });
});

describe('readConfig, text XML cannot carry', () => {
  it.each(['a\u0000b', 'bell\u0007', '\uFFFE', 'lone \uD800 surrogate'])(
    'refuses %j and keeps the default',
    (raw) => {
      const { config, problems } = readConfig({ FALLBACK_MESSAGE: raw });
      expect(config.fallbackMessage).toBe(DEFAULT_FALLBACK_MESSAGE);
      expect(problems[0]?.reason).toMatch(/control characters/);
    },
  );

  it('keeps accents, emoji and newlines', () => {
    const text = 'Désolé 🙏\nRéessayez plus tard.';
    expect(readConfig({ FALLBACK_MESSAGE: text }).config.fallbackMessage).toBe(text);
  });
});

describe('readConfig, once per environment', () => {
  it('returns the same reading for the same raw values, and a new one when a value changes', () => {
    const first = readConfig({ FORWARD_TO: '+14155550100', FORWARD_TIMEOUT_SECONDS: 'soon' });
    const again = readConfig({ FORWARD_TO: '+14155550100', FORWARD_TIMEOUT_SECONDS: 'soon' });
    expect(again).toBe(first);
    expect(again.problems).toHaveLength(1);
    const changed = readConfig({ FORWARD_TO: '+14155550111', FORWARD_TIMEOUT_SECONDS: 'soon' });
    expect(changed).not.toBe(first);
    expect(changed.config.forwardTo).toBe('+14155550111');
  });

  it('compares every value: a change in the last variable read is seen too', () => {
    const first = readConfig({ FORWARD_TO: '+14155550100' });
    const names = Object.values(variables).map((variable) => variable.name);
    const last = names[names.length - 1] as string;
    const changed = readConfig({ FORWARD_TO: '+14155550100', [last]: 'x' });
    expect(changed).not.toBe(first);
    // Unset and null are read alike (the default), so they share a reading.
    expect(readConfig({ FORWARD_TO: '+14155550100', [last]: null })).toBe(
      readConfig({ FORWARD_TO: '+14155550100' }),
    );
  });

  it('never reuses a reading of a value that is not text', () => {
    const first = readConfig({ FORWARD_TIMEOUT_SECONDS: 30 });
    const again = readConfig({ FORWARD_TIMEOUT_SECONDS: 30 });
    expect(again).not.toBe(first);
    expect(again.problems).toEqual([
      { variable: 'FORWARD_TIMEOUT_SECONDS', reason: 'is not text' },
    ]);
  });
});
