import { TWILIO_ERRORS } from '../../../src/errors/catalog';
import { explainErrorCode } from '../../../src/errors/explain-error';

describe('explainErrorCode', () => {
  it.each(TWILIO_ERRORS.map((info) => [info.code, info] as const))(
    'explains catalogued code %i',
    (code, info) => {
      const explanation = explainErrorCode(String(code));
      expect(explanation).toEqual({
        status: 'known',
        code,
        name: info.name,
        cause: info.cause,
        check: info.check,
        docsUrl: `https://www.twilio.com/docs/api/errors/${code}`,
      });
    },
  );

  it('covers every code in the shared facts table', () => {
    const codes = TWILIO_ERRORS.map((info) => info.code);
    for (const code of [
      11200, 11201, 11202, 11203, 11205, 11206, 11210, 11215, 11216, 11217, 11220, 11235, 11236,
      11237, 11251, 11750, 12100, 12200, 12300, 13224, 21610, 30003, 30004, 30005, 30006, 30007,
      30008, 30034, 82002, 82005,
    ]) {
      expect(codes).toContain(code);
    }
  });

  it.each([
    [undefined, 'missing', null],
    ['', 'missing', null],
    ['   ', 'missing', null],
    ['abc', 'malformed', null],
    ['11200; DROP TABLE', 'malformed', null],
    ['-11200', 'malformed', null],
    ['1'.repeat(500), 'malformed', null],
    ['99999', 'unknown', 99999],
    [' 11200 ', 'known', 11200],
  ] as const)('reads ErrorCode=%j as %s', (raw, status, code) => {
    const explanation = explainErrorCode(raw);
    expect(explanation.status).toBe(status);
    expect(explanation.code).toBe(code);
    expect(explanation.name.length).toBeGreaterThan(0);
    expect(explanation.docsUrl).toMatch(/^https:\/\/www\.twilio\.com\/docs\/api\/errors/);
  });

  it('links an unknown code to its own page', () => {
    expect(explainErrorCode('13227').docsUrl).toBe('https://www.twilio.com/docs/api/errors/13227');
  });
});
