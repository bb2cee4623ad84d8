/**
 * What the built Functions hand Twilio, through the real twilio-run dev server: every
 * callback URL absolute on the domain the request arrived on, and no <Say> with a
 * voice/language pair Twilio does not document.
 */
import request from 'supertest';
import { refusedUrl } from '../support/alert-endpoint';
import { startDevServer, type RunningDevServer } from '../support/dev-server';
import { parseTwiml, verbsOf, type TwimlNode } from '../support/twiml-parse';

const CALL = {
  CallSid: 'CA' + '1'.repeat(32),
  AccountSid: 'AC' + '0'.repeat(32),
  From: '+14155550100',
  To: '+14155550199',
};
const FAILED_CALL = { ...CALL, ErrorCode: '11200', ErrorUrl: 'https://app.example.com/voice' };

const servers: RunningDevServer[] = [];
afterAll(() => Promise.all(servers.map((server) => server.close())));

async function serve(env: Record<string, string>): Promise<RunningDevServer> {
  const server = await startDevServer({ env });
  servers.push(server);
  return server;
}

async function post(server: RunningDevServer, path: string, params: Record<string, string>) {
  const response = await request(server.baseUrl).post(path).type('form').send(params);
  expect(response.status).toBe(200);
  return parseTwiml(response.text);
}

function find(root: TwimlNode, name: string): TwimlNode {
  const node = root.children.find((child) => child.name === name);
  if (!node) throw new Error(`no <${name}> in ${verbsOf(root).join(',')}`);
  return node;
}

/** The URL parsed: absolute (new URL throws on a relative one), on the server's own origin. */
function expectOwnUrl(server: RunningDevServer, raw: string | undefined, path: string) {
  const url = new URL(raw ?? '');
  expect(url.origin).toBe(server.baseUrl);
  expect(url.pathname).toBe(path);
  return url;
}

describe('callback URLs are absolute, on the domain the request arrived on', () => {
  it('the primary’s <Dial action>', async () => {
    const server = await serve({ FORWARD_TO: '+14155550111' });
    const dial = find(await post(server, '/primary', CALL), 'Dial');
    expectOwnUrl(server, dial.attributes.action, '/primary');
  });

  it('the fallback’s <Dial action> in dial recovery', async () => {
    const server = await serve({ RECOVERY_MODE: 'dial', RECOVERY_DIAL_NUMBER: '+14155550142' });
    const dial = find(await post(server, '/fallback', FAILED_CALL), 'Dial');
    const url = expectOwnUrl(server, dial.attributes.action, '/fallback');
    expect(url.searchParams.get('recoveryStep')).toBe('dial-ended');
  });

  it('the fallback’s <Record action> and recordingStatusCallback in voicemail recovery', async () => {
    // Voicemail needs an alert channel; one that refuses connections costs nothing here.
    const server = await serve({
      RECOVERY_MODE: 'voicemail',
      ALERT_WEBHOOK_URL: await refusedUrl(),
    });
    const record = find(await post(server, '/fallback', FAILED_CALL), 'Record');
    const action = expectOwnUrl(server, record.attributes.action, '/fallback');
    expect(action.searchParams.get('recoveryStep')).toBe('voicemail-ended');
    const status = expectOwnUrl(server, record.attributes.recordingStatusCallback, '/fallback');
    expect(Object.fromEntries(status.searchParams)).toEqual({
      recoveryStep: 'recording-ready',
      errorCode: '11200',
      caller: '+14155550100',
    });
  });

  it('the fallback’s <Redirect> in redirect recovery (RECOVERY_REDIRECT_URL is absolute)', async () => {
    const server = await serve({
      RECOVERY_MODE: 'redirect',
      RECOVERY_REDIRECT_URL: 'https://standby.example.com/voice',
    });
    const redirect = find(await post(server, '/fallback', FAILED_CALL), 'Redirect');
    expect(new URL(redirect.text ?? '').href).toBe('https://standby.example.com/voice');
  });
});

describe('a voice/language pair Twilio does not document never reaches a <Say>', () => {
  it.each([
    ['Polly.Joanna', 'fr-FR'],
    ['Polly.NotAVoice', 'en-US'],
    ['Google.en-US-Neural2-F', 'de-DE'],
  ])('%s with %s: primary and fallback speak the default pair', async (voice, language) => {
    const server = await serve({ SAY_VOICE: voice, SAY_LANGUAGE: language });
    for (const [path, params] of [
      ['/primary', CALL],
      ['/fallback', FAILED_CALL],
    ] as const) {
      const say = find(await post(server, path, params), 'Say');
      expect([path, say.attributes]).toEqual([path, { voice: 'Polly.Joanna', language: 'en-US' }]);
    }
  });
});
