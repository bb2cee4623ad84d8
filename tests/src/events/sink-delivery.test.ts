import { validateRequestWithBody } from 'twilio/lib/webhooks/webhooks';
import { readSinkDelivery } from '../../../src/events/sink-delivery';
import { signedUrl, verifyDelivery } from '../../../src/events/verify-delivery';
import { signedDelivery } from '../../../tools/events/signed-delivery';

const TOKEN = 'auth-token-0123456789abcdef';

/** What @twilio/runtime-handler 2.1.0 makes of a request: `{ request, ...query, ...body }`. */
function runtimeEvent(url: string, headers: Record<string, string>, body: unknown) {
  const query = Object.fromEntries(new URL(url).searchParams);
  const lowered = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { request: { headers: lowered, cookies: {} }, ...query, ...(body as object) };
}

describe('readSinkDelivery', () => {
  it('recovers the array, in order, from the index keys the runtime spreads it into', () => {
    const events = [{ a: 1 }, { b: 2 }, 'three'];
    const signed = signedDelivery('https://guard.twil.io/events', events, TOKEN);
    const delivery = readSinkDelivery(
      runtimeEvent(signed.url, signed.headers, JSON.parse(signed.body)),
    );
    expect(delivery.events).toEqual(events);
    expect(delivery.reserializedBody).toBe(signed.body);
    expect(delivery.signature).toBe(signed.headers['X-Twilio-Signature']);
    expect(delivery.bodySha256).toBe(new URL(signed.url).searchParams.get('bodySHA256'));
  });

  it('reads a single CloudEvent body (a sink that does not batch) as one event', () => {
    const single = {
      specversion: '1.0',
      type: 'com.twilio.error-logs.error.logged',
      data: { a: 1 },
    };
    const signed = signedDelivery('https://guard.twil.io/events', [], TOKEN);
    const body = JSON.stringify(single);
    const delivery = readSinkDelivery(runtimeEvent(signed.url, signed.headers, single));
    expect(delivery.events).toEqual([single]);
    expect(delivery.reserializedBody).toBe(body);
  });

  it('an empty array leaves no key: zero events, body "[]"', () => {
    const delivery = readSinkDelivery({ request: { headers: {} } });
    expect(delivery.events).toEqual([]);
    expect(delivery.reserializedBody).toBe('[]');
    expect(delivery.signature).toBeUndefined();
  });

  it('ignores a bodySHA256 that is not a hex SHA-256', () => {
    expect(readSinkDelivery({ bodySHA256: 'xyz' }).bodySha256).toBeUndefined();
  });
});

describe('verifyDelivery', () => {
  const where = { authToken: TOKEN, domainName: 'guard-1234-dev.twil.io', path: '/events' };
  function deliveryFor(
    events: unknown[],
    token = TOKEN,
    destination = 'https://guard-1234-dev.twil.io/events',
  ) {
    const signed = signedDelivery(destination, events, token);
    return readSinkDelivery(runtimeEvent(signed.url, signed.headers, JSON.parse(signed.body)));
  }

  it('accepts what Twilio signed, over https://DOMAIN_NAME/PATH?bodySHA256=…', () => {
    expect(verifyDelivery(deliveryFor([{ x: 1 }]), where, validateRequestWithBody)).toEqual({
      valid: true,
    });
  });

  it.each([
    ['another auth token', deliveryFor([{ x: 1 }], 'another-token-0123456789'), where],
    ['another domain', deliveryFor([{ x: 1 }], TOKEN, 'https://evil.example.com/events'), where],
    ['no AUTH_TOKEN configured', deliveryFor([{ x: 1 }]), { ...where, authToken: undefined }],
    ['no signature', { ...deliveryFor([{ x: 1 }]), signature: undefined }, where],
    [
      'another body than hashed',
      { ...deliveryFor([{ x: 1 }]), reserializedBody: '[{"x":2}]' },
      where,
    ],
  ])('refuses %s', (_label, delivery, at) => {
    expect(verifyDelivery(delivery, at, validateRequestWithBody)).toMatchObject({ valid: false });
  });

  it.each([
    ['guard-1234-dev.twil.io', 'https://guard-1234-dev.twil.io/events?bodySHA256=ab'],
    ['localhost:3000', 'http://localhost:3000/events?bodySHA256=ab'],
    ['127.0.0.1', 'http://127.0.0.1/events?bodySHA256=ab'],
  ])('signed URL for %s is %s', (domain, expected) => {
    expect(signedUrl(domain, '/events', 'ab')).toBe(expected);
  });
});
