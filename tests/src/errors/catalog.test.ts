import { lookupTwilioError, TWILIO_ERRORS } from '../../../src/errors/catalog';

/**
 * Twilio's own names, copied from its error dictionary (https://www.twilio.com/docs/api/errors,
 * one page per code): what the Debugger, Event Streams and the docs call each code.
 */
const TWILIO_NAMES: readonly (readonly [number, string])[] = [
  [11100, 'Invalid URL format'],
  [11200, 'HTTP retrieval failure'],
  [11201, 'TCP connection timed out'],
  [11202, 'TCP connection refused'],
  [11203, 'HTTP communication total time out triggered'],
  [11205, 'HTTP connection failure'],
  [11206, 'HTTP protocol violation'],
  [11210, 'HTTP bad host name'],
  [11215, 'HTTP too many redirects'],
  [11216, 'HTTP invalid redirect'],
  [11217, 'HTTP error response code'],
  [11220, 'SSL/TLS Handshake Error'],
  [11235, 'Certificate Invalid - Domain Mismatch'],
  [11236, 'Certificate Invalid - Certificate Expired'],
  [11237, 'Certificate Invalid - Could not find path to certificate'],
  [11251, 'Fatal protocol violation'],
  [11750, 'TwiML response body too large'],
  [12100, 'Document parse failure'],
  [12200, 'Schema validation warning'],
  [12300, 'Invalid Content-Type'],
  [13224, 'Dial: Twilio does not support calling this number or the number is invalid'],
  [21610, 'Attempt to send to unsubscribed recipient'],
  [30003, 'Unreachable destination handset'],
  [30004, 'Message blocked'],
  [30005, 'Unknown destination handset'],
  [30006, 'Landline or unreachable carrier'],
  [30007, 'Message filtered'],
  [30008, 'Unknown error'],
  [30034, 'US A2P 10DLC - Message from an Unregistered Number'],
  [82002, 'Error on Twilio Function response'],
  [82005, 'Function execution resulted in an error log'],
];

describe('TWILIO_ERRORS', () => {
  it.each(TWILIO_NAMES)('holds %i under Twilio’s name %j', (code, name) => {
    expect(lookupTwilioError(code)?.name).toBe(name);
  });

  it('holds no code without Twilio’s name in the list above, and each code once', () => {
    const codes = TWILIO_ERRORS.map((info) => info.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(TWILIO_NAMES.map(([code]) => code).sort());
  });

  it.each(TWILIO_ERRORS.map((info) => [info.code, info] as const))(
    '%i gives a cause and a check in whole sentences',
    (_code, info) => {
      expect(info.cause).toMatch(/^[A-Z].{10,280}[.?]$/);
      expect(info.check).toMatch(/^[A-Z].{10,200}[.?]$/);
    },
  );

  it('says a failed Function reaches a Fallback URL as an HTTP code, not as 82002', () => {
    const functionError = lookupTwilioError(82002);
    expect(functionError).toMatchObject({ triggersFallback: false, inferred: true });
    expect(functionError?.cause).toMatch(/Fallback URL gets an HTTP code \(11200\)/);
  });

  it.each([21610, 30003, 30004, 30005, 30006, 30007, 30008, 30034, 82005])(
    'marks %i, a delivery or log code, as one no fallback receives',
    (code) => {
      expect(lookupTwilioError(code)?.triggersFallback).toBe(false);
    },
  );
});
