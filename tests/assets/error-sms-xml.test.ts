import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkTwimlAnswer } from '../../tools/emulator/twiml-document';
import { PROJECT_ROOT } from '../support/dev-server';
import { parseTwiml, verbsOf } from '../support/twiml-parse';

describe('assets/error-sms.xml', () => {
  const xml = readFileSync(resolve(PROJECT_ROOT, 'assets/error-sms.xml'), 'utf8');

  it('is an empty messaging <Response/>: the message is accepted, no reply is sent', () => {
    const root = parseTwiml(xml);
    expect(root.name).toBe('Response');
    expect(verbsOf(root)).toEqual([]);
  });

  it('is TwiML that Twilio would execute for a message (the emulator accepts it)', () => {
    const answer = checkTwimlAnswer('sms', {
      status: 200,
      contentType: 'text/xml',
      body: Buffer.from(xml),
      bodyTooLarge: false,
    } as Parameters<typeof checkTwimlAnswer>[1]);
    expect(answer).toMatchObject({ ok: true, verbs: [] });
  });
});
