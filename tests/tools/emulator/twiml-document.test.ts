import { checkTwimlAnswer, verbNames } from '../../../tools/emulator/twiml-document';
import { MAX_TWIML_BYTES } from '../../../tools/emulator/twilio-limits';

const answer = (body: string, contentType: string | null = 'text/xml', bodyTooLarge = false) => ({
  contentType: contentType ?? undefined,
  body: Buffer.from(body),
  bodyTooLarge,
});

describe('checkTwimlAnswer', () => {
  it.each([
    ['body over the limit', answer('<Response/>', 'text/xml', true), 'voice', 'body-too-large'],
    ['application/json', answer('{"say":"hi"}', 'application/json'), 'voice', 'wrong-content-type'],
    [
      'an HTML page as text/html',
      answer('<html><body>Oops</body></html>', 'text/html'),
      'voice',
      'wrong-root',
    ],
    ['no Content-Type', answer('<Response/>', null), 'voice', 'wrong-content-type'],
    ['text/plain', answer('Hello', 'text/plain'), 'sms', 'wrong-content-type'],
    ['audio to a message', answer('ID3', 'audio/mpeg'), 'sms', 'wrong-content-type'],
    [
      'audio/ogg (not a type <Play> lists)',
      answer('OggS', 'audio/ogg'),
      'voice',
      'wrong-content-type',
    ],
    ['unclosed element', answer('<Response><Say>Hi</Response>'), 'voice', 'not-well-formed'],
    ['bare ampersand', answer('<Response><Say>A & B</Say></Response>'), 'voice', 'not-well-formed'],
    ['two roots', answer('<Response/><Response/>'), 'voice', 'not-well-formed'],
    ['text after the root', answer('<Response/>trailing'), 'voice', 'not-well-formed'],
    [
      'undefined entity',
      answer('<Response><Say>a&nbsp;b</Say></Response>'),
      'voice',
      'not-well-formed',
    ],
    ['empty voice body', answer('', null), 'voice', 'not-well-formed'],
    // Characters XML 1.0 forbids, raw or as character references (12100 for Twilio).
    ...[
      ['NUL', '\u0000'],
      ['BEL', '\u0007'],
      ['vertical tab', '\u000B'],
      ['form feed', '\u000C'],
      ['ESC (a terminal escape)', '\u001B[31m'],
      ['U+001F', '\u001F'],
      ['U+FFFE', '\uFFFE'],
      ['U+FFFF', '\uFFFF'],
      ['reference to NUL', '&#0;'],
      ['reference to ESC', '&#x1b;'],
      ['reference to a lone surrogate', '&#xD800;'],
      ['reference to U+FFFE', '&#65534;'],
    ].map(
      ([name, text]) =>
        [
          `forbidden character: ${name}`,
          answer(`<Response><Say>a${text}b</Say></Response>`),
          'sms',
          'not-well-formed',
        ] as const,
    ),
    ['root <Reply>', answer('<?xml version="1.0"?><Reply/>'), 'voice', 'wrong-root'],
    ['lower-case root', answer('<response><Say>Hi</Say></response>'), 'voice', 'wrong-root'],
  ] as const)('%s', (_name, http, kind, mode) => {
    const check = checkTwimlAnswer(kind, http);
    expect(check.ok ? 'ok' : check.mode).toBe(mode);
  });

  it('accepts predefined and numeric entities, and anything in CDATA', () => {
    const xml =
      '<Response><Say>&amp; &lt; &#65; &#x42; &#9; &#x1F600;\t\r\n\u00e9<![CDATA[&nbsp;]]></Say></Response>';
    expect(checkTwimlAnswer('voice', answer(xml)).ok).toBe(true);
  });

  it.each([
    ['text/xml', 'text/xml'],
    ['application/xml with charset', 'application/xml; charset=utf-8'],
    ['upper-case media type', 'Text/XML'],
    // Twilio executes text/html as TwiML too.
    ['text/html', 'text/html; charset=utf-8'],
  ])('accepts %s', (_name, contentType) => {
    const check = checkTwimlAnswer(
      'voice',
      answer('<Response><Say>Hi</Say></Response>', contentType),
    );
    expect(check.ok).toBe(true);
  });

  it('a call reads text/plain aloud as one <Say>, then the call ends', () => {
    const check = checkTwimlAnswer('voice', answer('We are closed & back at 9.', 'text/plain'));
    if (!check.ok) throw new Error(check.detail);
    expect(verbNames(check.verbs)).toEqual(['Say']);
    expect(check.verbs[0]?.text).toBe('We are closed & back at 9.');
  });

  it.each(['audio/mpeg', 'audio/wav', 'audio/x-wav; charset=binary'])(
    'a call answered %s plays the audio, then the call ends (even past the 64 kB TwiML limit)',
    (contentType) => {
      const url = 'https://media.example.com/closed.mp3';
      const check = checkTwimlAnswer('voice', answer('ID3...', contentType, true), url);
      if (!check.ok) throw new Error(check.detail);
      expect(verbNames(check.verbs)).toEqual(['Play']);
      expect(check.verbs[0]?.text).toBe(url);
    },
  );

  it('an empty body to a message means no reply', () => {
    expect(checkTwimlAnswer('sms', answer('', null))).toEqual({ ok: true, xml: '', verbs: [] });
  });

  it('reads verbs, attributes and text, skipping the declaration and comments', () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><!-- hi --><Response><Gather action="/next" numDigits="1"><Say>Press 1</Say></Gather><Redirect method="GET"> /again </Redirect></Response>';
    const check = checkTwimlAnswer('voice', answer(xml));
    if (!check.ok) throw new Error(check.detail);
    expect(verbNames(check.verbs)).toEqual(['Gather', 'Say', 'Redirect']);
    expect(check.verbs[0]?.attributes).toEqual({ action: '/next', numDigits: '1' });
    expect(check.verbs[1]).toMatchObject({ text: '/again', attributes: { method: 'GET' } });
  });

  it('the limit is 64 kB', () => {
    expect(MAX_TWIML_BYTES).toBe(65536);
  });
});
