import fc from 'fast-check';
import {
  DEFAULT_CONNECTION_OVERRIDES,
  FAST_FAILOVER_OVERRIDES,
  formatOverridesFragment,
  isRetried,
  OVERRIDE_RANGES,
  parseOverridesFragment,
  parseWebhookUrl,
  withConnectionOverrides,
} from '../../../tools/emulator/connection-overrides';

describe('parseWebhookUrl', () => {
  it('strips the fragment from what is requested and applies Twilio’s defaults', () => {
    expect(parseWebhookUrl('https://example.com/voice?x=1')).toEqual({
      requestUrl: 'https://example.com/voice?x=1',
      overrides: { ct: 5000, rt: 15000, tt: 15000, rc: 1, rp: ['ct'] },
      warnings: [],
    });
  });

  it('reads every override key', () => {
    const parsed = parseWebhookUrl(
      'https://example.com/voice#ct=1000&rt=3000&tt=4000&rc=2&rp=ct,rt,5xx',
    );
    expect(parsed.requestUrl).toBe('https://example.com/voice');
    expect(parsed.overrides).toEqual({
      ct: 1000,
      rt: 3000,
      tt: 4000,
      rc: 2,
      rp: ['ct', 'rt', '5xx'],
    });
    expect(parsed.warnings).toEqual([]);
  });

  it.each(['ftp://example.com/voice', 'example.com/voice', ''])('refuses %j', (raw) => {
    expect(() => parseWebhookUrl(raw)).toThrow();
  });
});

describe('parseOverridesFragment', () => {
  it.each([
    ['ct=50', { ct: 100 }, '#ct=50 is outside 100..10000; using 100'],
    ['rt=99999', { rt: 15000 }, '#rt=99999 is outside 100..15000; using 15000'],
    ['rc=9', { rc: 5 }, '#rc=9 is outside 0..5; using 5'],
    ['tt=fast', { tt: 15000 }, '#tt=fast is not a whole number; using 15000'],
    ['tt=1.5', { tt: 15000 }, '#tt=1.5 is not a whole number; using 15000'],
    // Clamped like any out-of-range value, not reset to the default (inferred; README).
    ['ct=-5', { ct: 100 }, '#ct=-5 is outside 100..10000; using 100'],
    ['rc=-1', { rc: 0 }, '#rc=-1 is outside 0..5; using 0'],
    ['ct=99999999', { ct: 10000 }, '#ct=99999999 is outside 100..10000; using 10000'],
    ['rp=5xx,sometimes', { rp: ['5xx'] }, '#rp: ignored unknown sometimes'],
    ['rp=never', { rp: ['ct'] }, '#rp: ignored unknown never'],
    ['e=dublin', {}, '#e=dublin is honoured by Twilio but not emulated locally'],
    ['timeout=5', {}, '#timeout is not a Twilio connection override; ignored'],
  ])('%s', (fragment, expected, warning) => {
    const { overrides, warnings } = parseOverridesFragment(fragment);
    expect(overrides).toEqual({ ...DEFAULT_CONNECTION_OVERRIDES, ...expected });
    expect(warnings).toEqual([warning]);
  });

  it('reads back whatever formatOverridesFragment writes, for every in-range value', () => {
    const inRange = (key: keyof typeof OVERRIDE_RANGES) =>
      fc.integer({ min: OVERRIDE_RANGES[key][0], max: OVERRIDE_RANGES[key][1] });
    fc.assert(
      fc.property(
        inRange('ct'),
        inRange('rt'),
        inRange('tt'),
        inRange('rc'),
        fc.uniqueArray(fc.constantFrom('4xx', '5xx', 'ct', 'rt', 'all' as const), { minLength: 1 }),
        (ct, rt, tt, rc, rp) => {
          const written = { ct, rt, tt, rc, rp };
          expect(parseOverridesFragment(formatOverridesFragment(written))).toEqual({
            overrides: written,
            warnings: [],
          });
        },
      ),
    );
  });
});

describe('FAST_FAILOVER_OVERRIDES', () => {
  it('is ct=1000&rt=3000&tt=4000 and within Twilio’s ranges', () => {
    const url = withConnectionOverrides('https://example.com/voice', FAST_FAILOVER_OVERRIDES);
    expect(url).toBe('https://example.com/voice#ct=1000&rt=3000&tt=4000');
    expect(parseWebhookUrl(url).warnings).toEqual([]);
  });
});

describe('withConnectionOverrides', () => {
  it.each([
    ['https://a.test/v', { rt: 3000 }, 'https://a.test/v#rt=3000'],
    ['https://a.test/v#rt=9000&e=dublin', { rt: 3000 }, 'https://a.test/v#rt=3000&e=dublin'],
    [
      'https://a.test/v#ct=200',
      { rp: ['ct', '5xx'] as const },
      'https://a.test/v#rp=ct,5xx&ct=200',
    ],
    ['https://a.test/v#', {}, 'https://a.test/v'],
  ])('%s + %j', (url, overrides, expected) => {
    expect(withConnectionOverrides(url, overrides)).toBe(expected);
  });
});

describe('isRetried', () => {
  it.each([
    [['ct'], 'ct', true],
    [['ct'], 'rt', false],
    [['all'], '4xx', true],
    [['5xx', 'rt'], '5xx', true],
  ] as const)('%j retries %s: %s', (policy, failure, expected) => {
    expect(isRetried(policy, failure)).toBe(expected);
  });
});
