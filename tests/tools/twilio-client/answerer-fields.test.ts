import {
  answererFields,
  answererValues,
  fallbackChanges,
} from '../../../tools/twilio-client/answerer-fields';

describe('answererFields', () => {
  it.each([
    ['number', 'voice', ['voiceUrl', 'voiceMethod', 'voiceFallbackUrl', 'voiceFallbackMethod']],
    ['number', 'sms', ['smsUrl', 'smsMethod', 'smsFallbackUrl', 'smsFallbackMethod']],
    [
      'application',
      'voice',
      ['voiceUrl', 'voiceMethod', 'voiceFallbackUrl', 'voiceFallbackMethod'],
    ],
    ['application', 'sms', ['smsUrl', 'smsMethod', 'smsFallbackUrl', 'smsFallbackMethod']],
    [
      'messaging-service',
      'sms',
      ['inboundRequestUrl', 'inboundMethod', 'fallbackUrl', 'fallbackMethod'],
    ],
  ] as const)('%s, %s → %j', (kind, channel, names) => {
    const fields = answererFields(kind, channel);
    expect([
      fields.primaryUrl,
      fields.primaryMethod,
      fields.fallbackUrl,
      fields.fallbackMethod,
    ]).toEqual(names);
  });
});

describe('answererValues', () => {
  const service = {
    inboundRequestUrl: 'https://app.example.com/sms',
    inboundMethod: 'POST',
    fallbackUrl: null,
    fallbackMethod: 'GET',
    smsUrl: 'https://not-read.example.com/sms',
  };
  it.each<[string, object | undefined, 'number' | 'messaging-service', 'voice' | 'sms', unknown]>([
    [
      'a Messaging Service: its inbound fields, not the number-style ones',
      service,
      'messaging-service',
      'sms',
      {
        primaryUrl: 'https://app.example.com/sms',
        primaryMethod: 'POST',
        fallbackUrl: null,
        fallbackMethod: 'GET',
      },
    ],
    [
      'a number, one channel only',
      { voiceUrl: 'https://v.example.com', smsUrl: 'https://s.example.com', voiceMethod: 'GET' },
      'number',
      'voice',
      {
        primaryUrl: 'https://v.example.com',
        primaryMethod: 'GET',
        fallbackUrl: null,
        fallbackMethod: null,
      },
    ],
    [
      'no resource at all',
      undefined,
      'number',
      'sms',
      { primaryUrl: null, primaryMethod: null, fallbackUrl: null, fallbackMethod: null },
    ],
  ])('%s', (_name, record, kind, channel, expected) => {
    expect(answererValues(record, kind, channel)).toEqual(expected);
  });
});

describe('fallbackChanges', () => {
  const target = { url: 'https://x-1-dev.twil.io/fallback', method: 'POST' };

  it.each([
    [
      'both differ',
      { fallbackUrl: null, fallbackMethod: 'GET' },
      [
        { field: 'smsFallbackUrl', before: null, after: target.url },
        { field: 'smsFallbackMethod', before: 'GET', after: 'POST' },
      ],
    ],
    [
      'only the method differs',
      { fallbackUrl: target.url, fallbackMethod: null },
      [{ field: 'smsFallbackMethod', before: null, after: 'POST' }],
    ],
    ['nothing differs', { fallbackUrl: target.url, fallbackMethod: 'POST' }, []],
  ])('an application whose %s', (_, current, expected) => {
    expect(fallbackChanges('application', 'sms', current, target)).toEqual(expected);
  });

  it('names a Messaging Service’s single pair of fields', () => {
    expect(
      fallbackChanges(
        'messaging-service',
        'sms',
        { fallbackUrl: null, fallbackMethod: null },
        target,
      ),
    ).toEqual([
      { field: 'fallbackUrl', before: null, after: target.url },
      { field: 'fallbackMethod', before: null, after: 'POST' },
    ]);
  });
});
