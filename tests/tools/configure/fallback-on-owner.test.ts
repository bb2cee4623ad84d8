/** `configure --fallback-on-owner` against the stateful stand-in: the owner gets the fallback. */

import {
  applicationRecord,
  emptyAccount,
  numberRecord,
  serviceRecord,
  sidOf,
} from '../../../tools/sandbox/account-state';
import { startApiStandIn, type RunningApiStandIn } from '../../../tools/sandbox/api-stand-in';
import { runConfigureOnStandIn } from './cli-harness';

const ACCOUNT = sidOf('AC', 0xc0);
const TOKEN = 'configure-owner-token';
const APP = sidOf('AP', 1);
const SERVICE = sidOf('MG', 1);
const NUMBER = sidOf('PN', 1);
const DOMAIN = 'guard-5555-dev.twil.io';

function account() {
  const a = emptyAccount(ACCOUNT, TOKEN, 'configure test');
  a.applications.set(APP, applicationRecord(APP, { voiceUrl: 'https://app.example.com/voice' }));
  a.services.set(
    SERVICE,
    serviceRecord(SERVICE, {
      inboundRequestUrl: 'https://app.example.com/in',
      phoneNumberSids: [NUMBER],
    }),
  );
  a.numbers.set(NUMBER, numberRecord(NUMBER, '+12025550001', { voiceApplicationSid: APP }));
  return a;
}

function configure(standIn: RunningApiStandIn, argv: readonly string[]) {
  return runConfigureOnStandIn(standIn, { sid: ACCOUNT, token: TOKEN }, [
    '--number',
    '+12025550001',
    '--domain',
    DOMAIN,
    ...argv,
  ]);
}

describe('configure --fallback-on-owner', () => {
  let standIn: RunningApiStandIn;
  beforeEach(async () => {
    standIn = await startApiStandIn({ accounts: [account()] });
  });
  afterEach(() => standIn.close());
  const posts = () => standIn.requests.filter((r) => r.method === 'POST');

  it('without it, refuses (exit 3) and changes nothing', async () => {
    const run = await configure(standIn, []);
    expect(run.code).toBe(3);
    expect(posts()).toEqual([]);
  });

  it('sets the fallback on the TwiML App (calls) and the Messaging Service (messages), nothing else', async () => {
    const run = await configure(standIn, ['--fallback-on-owner']);
    expect(run.code).toBe(0);
    const state = standIn.account(ACCOUNT);
    expect(state.applications.get(APP)).toMatchObject({
      voiceUrl: 'https://app.example.com/voice',
      voiceFallbackUrl: `https://${DOMAIN}/fallback`,
      voiceFallbackMethod: 'POST',
    });
    expect(state.services.get(SERVICE)).toMatchObject({
      inboundRequestUrl: 'https://app.example.com/in',
      fallbackUrl: `https://${DOMAIN}/fallback`,
    });
    // Both channels are answered by owners: the number itself is not written.
    expect(state.numbers.get(NUMBER)).toMatchObject({
      voiceApplicationSid: APP,
      voiceUrl: null,
      smsUrl: null,
    });
    expect(posts().map((p) => `${p.operation} ${Object.keys(p.form).join(',')}`)).toEqual([
      '/2010-04-01/Accounts/{AccountSid}/Applications/{Sid}.json VoiceFallbackUrl',
      '/v1/Services/{Sid} FallbackUrl',
    ]);
    expect(run.stdout).toContain(`TwiML App ${APP}`);
    expect(standIn.requests.filter((r) => r.violation)).toEqual([]);

    const again = await configure(standIn, ['--fallback-on-owner']);
    expect(again.code).toBe(0);
    expect(posts()).toHaveLength(2);
  });

  it('with --static-fallback: the TwiML App gets /error.xml, the Messaging Service /error-sms.xml, both GET', async () => {
    const run = await configure(standIn, ['--fallback-on-owner', '--static-fallback']);
    expect(run.code).toBe(0);
    const state = standIn.account(ACCOUNT);
    expect(state.applications.get(APP)).toMatchObject({
      voiceFallbackUrl: `https://${DOMAIN}/error.xml`,
      voiceFallbackMethod: 'GET',
    });
    expect(state.services.get(SERVICE)).toMatchObject({
      fallbackUrl: `https://${DOMAIN}/error-sms.xml`,
      fallbackMethod: 'GET',
    });
    expect(standIn.requests.filter((r) => r.violation)).toEqual([]);
  });

  it.each([['--clear-voice-application'], ['--use-inbound-webhook-on-number']])(
    'refuses the contradiction with %s before any request (exit 2)',
    async (flag) => {
      const run = await configure(standIn, ['--fallback-on-owner', flag]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`${flag} takes it away: choose one`);
      expect(standIn.requests).toEqual([]);
    },
  );
});
