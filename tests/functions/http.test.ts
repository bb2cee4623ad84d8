/**
 * The built Functions and the static asset through the real twilio-run local
 * development server, as Twilio would request them.
 */
import request from 'supertest';
import { DEFAULT_FALLBACK_MESSAGE } from '../../src/config/variables';
import { startDevServer, type RunningDevServer } from '../support/dev-server';
import { parseTwiml, verbsOf } from '../support/twiml-parse';

const CALL = {
  CallSid: 'CA' + '1'.repeat(32),
  AccountSid: 'AC' + '0'.repeat(32),
  From: '+14155550100',
  To: '+14155550199',
  Direction: 'inbound',
};
const MESSAGE = {
  MessageSid: 'SM' + '2'.repeat(32),
  AccountSid: 'AC' + '0'.repeat(32),
  From: '+14155550100',
  To: '+14155550199',
  Body: 'hello',
};

let server: RunningDevServer;

beforeAll(async () => {
  server = await startDevServer({
    env: {
      SMS_AUTO_REPLY: 'Thanks for your message.',
      FALLBACK_SMS_REPLY: 'Sorry, something went wrong.',
      FAILOVER_DRILL_NUMBER: '+14155550666',
    },
  });
});
afterAll(() => server.close());

async function send(method: 'GET' | 'POST', path: string, params: Record<string, string>) {
  const agent = request(server.baseUrl);
  return method === 'GET'
    ? agent.get(path).query(params)
    : agent.post(path).type('form').send(params);
}

describe.each(['GET', 'POST'] as const)('%s', (method) => {
  it.each([
    ['/primary', CALL, ['Say', 'Hangup'], 'Thank you for calling.'],
    ['/primary', MESSAGE, ['Message'], 'Thanks for your message.'],
    [
      '/fallback',
      { ...CALL, ErrorCode: '11200', ErrorUrl: 'https://x.example/a' },
      ['Say', 'Hangup'],
      DEFAULT_FALLBACK_MESSAGE,
    ],
    ['/fallback', { ...MESSAGE, ErrorCode: '12100' }, ['Message'], 'Sorry, something went wrong.'],
  ])('%s answers %j with TwiML', async (path, params, verbs, text) => {
    const response = await send(method, path, params);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/xml/);
    const root = parseTwiml(response.text);
    expect(root.name).toBe('Response');
    expect(verbsOf(root)).toEqual(verbs);
    expect(root.children[0]?.text).toBe(text);
  });

  it('serves the static error.xml', async () => {
    const response = await send(method, '/error.xml', CALL);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/xml/);
    const root = parseTwiml(response.text);
    expect(verbsOf(root)).toEqual(['Say', 'Hangup']);
    expect(root.children[0]?.text).toBe(DEFAULT_FALLBACK_MESSAGE);
  });
});

describe('failover drill', () => {
  it('fails the drill number with HTTP 500 so Twilio requests the fallback', async () => {
    const response = await send('POST', '/primary', { ...CALL, From: '+14155550666' });
    expect(response.status).toBe(500);
    expect(response.text).toMatch(/drill/i);
  });
});

describe('bad input', () => {
  it.each([
    ['no parameters at all', {}],
    ['garbage error code', { ErrorCode: 'x'.repeat(5000), ErrorUrl: '%%%' }],
    ['nested parameters', { 'CallSid[a]': 'b', 'ErrorCode[0]': '1' }],
  ])('the fallback answers valid voice TwiML to %s', async (_label, params) => {
    const response = await send('POST', '/fallback', params);
    expect(response.status).toBe(200);
    expect(verbsOf(parseTwiml(response.text))).toEqual(['Say', 'Hangup']);
  });

  it('the primary answers valid TwiML to a request with no parameters', async () => {
    const response = await send('GET', '/primary', {});
    expect(response.status).toBe(200);
    expect(verbsOf(parseTwiml(response.text))).toEqual(['Say', 'Hangup']);
  });
});
