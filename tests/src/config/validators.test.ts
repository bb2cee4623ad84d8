import { parseBaseUrl } from '../../../src/config/alert-validators';
import { parseE164 } from '../../../src/config/validators';
import { parseHttpMethod } from '../../../src/request/http-method';
import { parseProbeBaseUrl } from '../../../tools/probe/probe-request';
import { parseNumberTarget } from '../../../tools/twilio-client/number-target';

/** One rule per fact: the Functions' config and the tools' options agree on every value. */
describe('E.164: one rule for the Functions and the tools', () => {
  it.each([
    ['+14155550100', '+14155550100'],
    ['+1 (415) 555-0100', '+14155550100'],
    // Short numbering plans: a country code and a few digits are valid E.164.
    ['+123456', '+123456'],
    ['+12', '+12'],
    // 15 digits in all: the E.164 maximum.
    ['+123456789012345', '+123456789012345'],
  ])('accepts %j', (raw, value) => {
    expect(parseE164(raw)).toEqual({ ok: true, value });
    expect(parseNumberTarget(raw)).toEqual({
      ok: true,
      value: { kind: 'e164', phoneNumber: value },
    });
  });

  it.each(['+1234567890123456', '+0123456', '14155550100', '+1', '+1415555010a', ''])(
    'refuses %j',
    (raw) => {
      expect(parseE164(raw).ok).toBe(false);
      expect(parseNumberTarget(raw).ok).toBe(false);
    },
  );
});

describe('base URLs: one rule for SENDGRID_API_URL and probe --base-url', () => {
  it.each([
    ['https://api.sendgrid.com', 'https://api.sendgrid.com'],
    ['http://127.0.0.1:3000/', 'http://127.0.0.1:3000'],
    ['http://127.0.0.1:8080/prefix/', 'http://127.0.0.1:8080/prefix'],
  ])('accepts %j', (raw, value) => {
    expect(parseBaseUrl(raw)).toEqual({ ok: true, value });
    expect(parseProbeBaseUrl(raw)).toEqual({ ok: true, value });
  });

  it.each([
    ['https://user:secret@api.example.com', 'must not carry credentials'],
    ['https://api.example.com/?key=1', 'must not carry a query or fragment'],
    ['https://api.example.com/#x', 'must not carry a query or fragment'],
    ['ftp://api.example.com', 'is not an http(s) URL'],
    ['api.example.com', 'is not an absolute URL'],
  ])('refuses %j', (raw, reason) => {
    expect(parseBaseUrl(raw)).toEqual({ ok: false, reason: expect.stringContaining(reason) });
    expect(parseProbeBaseUrl(raw)).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });

  it('does not quote the rejected URL’s secret back', () => {
    const parsed = parseProbeBaseUrl('https://user:hunter2@api.example.com/?token=abc');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).not.toMatch(/hunter2|abc/);
  });
});

describe('HTTP methods', () => {
  it.each([
    ['GET', 'GET'],
    [' post ', 'POST'],
    ['get', 'GET'],
  ])('accepts %j', (raw, value) => {
    expect(parseHttpMethod(raw)).toEqual({ ok: true, value });
  });

  it.each(['PUT', '', 'GETS'])('refuses %j', (raw) => {
    expect(parseHttpMethod(raw)).toEqual({ ok: false, reason: 'is not GET or POST' });
  });
});
