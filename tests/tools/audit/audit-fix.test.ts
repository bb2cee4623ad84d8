/** `audit --fix`: the change lands on the resource that answers, and only there. */
import { ToolRequestClient } from '../../../tools/twilio-client/tool-request-client';
import {
  addNumber,
  APP_HOST,
  applicationRecord,
  DOMAIN,
  OTHER_HOST,
  pn,
  runAudit,
  serviceRecord,
  sidOf,
  testAccount,
  violations,
  withStandIn,
  writes,
} from './audit-harness';

const APP_1 = sidOf('AP', 1);
const SERVICE_1 = sidOf('MG', 1);
const TRUNK = sidOf('TK', 1);
const FALLBACK = `https://${DOMAIN}/fallback`;
const FIX = ['--fix', '--domain', DOMAIN];

const FALLBACK_FIELDS = new Set([
  'VoiceFallbackUrl',
  'VoiceFallbackMethod',
  'SmsFallbackUrl',
  'SmsFallbackMethod',
  'FallbackUrl',
  'FallbackMethod',
]);

const account = () =>
  testAccount((a) => {
    a.applications.set(
      APP_1,
      applicationRecord(APP_1, {
        voiceUrl: `${APP_HOST}/app-voice`,
        smsUrl: `${APP_HOST}/app-sms`,
        smsFallbackUrl: `${OTHER_HOST}/app-sms`,
      }),
    );
    a.services.set(
      SERVICE_1,
      serviceRecord(SERVICE_1, {
        inboundRequestUrl: `${APP_HOST}/in`,
        phoneNumberSids: [pn(4), pn(5)],
      }),
    );
    a.trunks.set(TRUNK, { sid: TRUNK, friendlyName: 'PBX' });
    addNumber(a, 1, { voiceUrl: `${APP_HOST}/v1`, smsUrl: `${APP_HOST}/s1` });
    addNumber(a, 2, { voiceApplicationSid: APP_1, smsApplicationSid: APP_1 });
    addNumber(a, 3, { voiceApplicationSid: APP_1 });
    addNumber(a, 4, { voiceUrl: `${APP_HOST}/v4`, voiceFallbackUrl: `${OTHER_HOST}/v4` });
    addNumber(a, 5, {});
    addNumber(a, 6, {
      voiceUrl: `${APP_HOST}/v6`,
      voiceFallbackUrl: `${OTHER_HOST}/v6`,
      smsUrl: `${APP_HOST}/s6`,
      smsFallbackUrl: `${OTHER_HOST}/s6`,
    });
    addNumber(a, 7, {});
    addNumber(a, 8, { trunkSid: TRUNK });
    addNumber(a, 9, { voiceUrl: `${APP_HOST}/v9`, voiceFallbackUrl: `${APP_HOST}/v9-backup` });
  });

describe('audit --fix', () => {
  it('without --yes is a dry run: prints the plan, sends no update, exits 1', async () => {
    await withStandIn(account(), async (standIn) => {
      const before = JSON.stringify([...standIn.account(sidOf('AC', 0xa11)).numbers.values()]);
      const run = await runAudit(standIn, FIX);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('Fix plan: 4 resource(s), protecting 6 number(s):');
      expect(run.stdout).toContain(
        'Dry run: nothing was sent to Twilio. Re-run with --yes to apply.',
      );
      expect(writes(standIn)).toEqual([]);
      expect(JSON.stringify([...standIn.account(sidOf('AC', 0xa11)).numbers.values()])).toBe(
        before,
      );
    });
  });

  it('with --yes sets only fallbacks, on the resource that answers, each resource once', async () => {
    await withStandIn(account(), async (standIn) => {
      const run = await runAudit(standIn, [...FIX, '--yes']);
      expect(run.code).toBe(0);
      const state = standIn.account(sidOf('AC', 0xa11));

      // The number answers itself: its two fallbacks, its primaries untouched.
      expect(state.numbers.get(pn(1))).toMatchObject({
        voiceUrl: `${APP_HOST}/v1`,
        voiceFallbackUrl: FALLBACK,
        voiceFallbackMethod: 'POST',
        smsUrl: `${APP_HOST}/s1`,
        smsFallbackUrl: FALLBACK,
      });
      // The shared TwiML App: its voice fallback; its protected SMS fallback stays.
      expect(state.applications.get(APP_1)).toMatchObject({
        voiceUrl: `${APP_HOST}/app-voice`,
        voiceFallbackUrl: FALLBACK,
        smsFallbackUrl: `${OTHER_HOST}/app-sms`,
      });
      // Numbers that the App answers for are not written.
      expect(state.numbers.get(pn(2))?.voiceFallbackUrl).toBeNull();
      // The Messaging Service: its one fallback.
      expect(state.services.get(SERVICE_1)).toMatchObject({
        inboundRequestUrl: `${APP_HOST}/in`,
        fallbackUrl: FALLBACK,
        fallbackMethod: 'POST',
      });
      expect(state.numbers.get(pn(4))?.smsFallbackUrl).toBeNull();
      // Same host: the number's fallback moves to the deployment.
      expect(state.numbers.get(pn(9))?.voiceFallbackUrl).toBe(FALLBACK);
      // Protected, no-primary and trunk numbers are left alone.
      expect(state.numbers.get(pn(6))?.voiceFallbackUrl).toBe(`${OTHER_HOST}/v6`);
      expect(state.numbers.get(pn(7))?.voiceFallbackUrl).toBeNull();

      const posts = writes(standIn).map(
        (w) => `${w.operation} ${Object.keys(w.form).sort().join(',')}`,
      );
      expect(posts.sort()).toEqual(
        [
          '/2010-04-01/Accounts/{AccountSid}/Applications/{Sid}.json VoiceFallbackUrl',
          '/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/{Sid}.json SmsFallbackUrl,VoiceFallbackUrl',
          '/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/{Sid}.json VoiceFallbackUrl',
          '/v1/Services/{Sid} FallbackUrl',
        ].sort(),
      );
      for (const write of writes(standIn)) {
        for (const field of Object.keys(write.form)) expect(FALLBACK_FIELDS).toContain(field);
      }
      expect(run.stdout).toMatch(/left alone: number \+12025550007 \(voice, no-primary/);
      expect(run.stdout).toMatch(/left alone: SIP trunk "PBX" .* \(voice, trunk/);
      expect(violations(standIn)).toEqual([]);

      // Rerun: the audit is green and a second fix changes nothing.
      const audit = await runAudit(standIn, []);
      expect(audit.code).toBe(0);
      const again = await runAudit(standIn, [...FIX, '--yes']);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('Fix: nothing to change.');
      expect(writes(standIn)).toHaveLength(4);
    });
  });

  it('--static-fallback: /error.xml for calls, the messaging document for SMS, both GET', async () => {
    await withStandIn(account(), async (standIn) => {
      const run = await runAudit(standIn, [...FIX, '--static-fallback', '--yes']);
      expect(run.code).toBe(0);
      const state = standIn.account(sidOf('AC', 0xa11));
      expect(state.numbers.get(pn(1))).toMatchObject({
        voiceFallbackUrl: `https://${DOMAIN}/error.xml`,
        voiceFallbackMethod: 'GET',
        smsFallbackUrl: `https://${DOMAIN}/error-sms.xml`,
        smsFallbackMethod: 'GET',
      });
      expect(state.services.get(SERVICE_1)).toMatchObject({
        fallbackUrl: `https://${DOMAIN}/error-sms.xml`,
        fallbackMethod: 'GET',
      });
    });
  });

  it('retries an update answered 429 and applies the whole plan', async () => {
    await withStandIn(account(), async (standIn) => {
      standIn.injectFault({
        method: 'POST',
        operationIncludes: 'Applications/',
        status: 429,
        code: 20429,
        times: 2,
      });
      const pauses: number[] = [];
      const httpClient = new ToolRequestClient({
        baseUrl: standIn.baseUrl,
        sleep: async (ms) => void pauses.push(ms),
      });
      const run = await runAudit(standIn, [...FIX, '--yes'], { httpClient });
      expect(run.code).toBe(0);
      expect(pauses).toEqual([250, 500]);
      expect(standIn.account(sidOf('AC', 0xa11)).applications.get(APP_1)?.voiceFallbackUrl).toBe(
        FALLBACK,
      );
      expect(run.stdout).toContain('Changed 4 of 4 resource(s).');
    });
  });

  it('a 5xx part-way: says what changed and what did not, exits 1; a rerun finishes the rest', async () => {
    await withStandIn(account(), async (standIn) => {
      // The second number update fails (plan order: +12025550001, ..., +12025550009).
      standIn.injectFault({
        method: 'POST',
        operationIncludes: 'IncomingPhoneNumbers/',
        skip: 1,
        status: 503,
        code: 20503,
      });
      const run = await runAudit(standIn, [...FIX, '--yes', '--concurrency', '1']);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('Changed 3 of 4 resource(s).');
      expect(run.stdout).toMatch(
        /NOT changed: number \+12025550009: Twilio API error 20503 \(HTTP 503\)/,
      );
      expect(run.stdout).toContain('  changed: number +12025550001');
      const state = standIn.account(sidOf('AC', 0xa11));
      expect(state.numbers.get(pn(9))?.voiceFallbackUrl).toBe(`${APP_HOST}/v9-backup`);
      expect(state.numbers.get(pn(1))?.voiceFallbackUrl).toBe(FALLBACK);

      const writesBefore = writes(standIn).length;
      const rerun = await runAudit(standIn, [...FIX, '--yes']);
      expect(rerun.code).toBe(0);
      expect(rerun.stdout).toContain('Changed 1 of 1 resource(s).');
      expect(writes(standIn).slice(writesBefore)).toHaveLength(1);
      expect(state.numbers.get(pn(9))?.voiceFallbackUrl).toBe(FALLBACK);
    });
  });
});
