/**
 * `audit` without --probe: a fallback on this project's static document for the OTHER
 * channel (a call on /error-sms.xml, a message on /error.xml) fails the audit as
 * `wrong-document`, and `--fix` gives that channel its own fallback.
 */
import type { AuditJson } from '../../../tools/audit/audit-report';
import type { FixJson } from '../../../tools/audit/fix-report';
import {
  ACCOUNT_SID,
  addNumber,
  APP_HOST,
  applicationRecord,
  DOMAIN,
  pn,
  runAudit,
  serviceRecord,
  sidOf,
  testAccount,
  violations,
  withStandIn,
  writes,
} from './audit-harness';

const GUARD = `https://${DOMAIN}`;
const APP_1 = sidOf('AP', 1);
const SERVICE_1 = sidOf('MG', 1);
const FIX = ['--fix', '--domain', DOMAIN];

const account = () =>
  testAccount((a) => {
    // 1: calls fall back to the messaging document.
    addNumber(a, 1, {
      voiceUrl: `${APP_HOST}/v1`,
      voiceFallbackUrl: `${GUARD}/error-sms.xml`,
      voiceFallbackMethod: 'GET',
    });
    // 2: its Messaging Service falls back to the voice document.
    a.services.set(
      SERVICE_1,
      serviceRecord(SERVICE_1, {
        friendlyName: 'Alerts',
        inboundRequestUrl: `${APP_HOST}/in`,
        fallbackUrl: `${GUARD}/error.xml`,
        fallbackMethod: 'GET',
        phoneNumberSids: [pn(2)],
      }),
    );
    addNumber(a, 2, {});
    // 3: a TwiML App with each channel on its own document: protected, left alone.
    a.applications.set(
      APP_1,
      applicationRecord(APP_1, {
        voiceUrl: `${APP_HOST}/app-voice`,
        voiceFallbackUrl: `${GUARD}/error.xml`,
        voiceFallbackMethod: 'GET',
        smsUrl: `${APP_HOST}/app-sms`,
        smsFallbackUrl: `${GUARD}/error-sms.xml`,
        smsFallbackMethod: 'GET',
      }),
    );
    addNumber(a, 3, { voiceApplicationSid: APP_1, smsApplicationSid: APP_1 });
  });

const verdicts = (json: AuditJson) =>
  json.items.map((item) => `${item.sid} ${item.channel} ${item.verdict}`);

describe('audit: a project document on the other channel', () => {
  it('is wrong-document in --json, counted per channel, and exits 1', async () => {
    await withStandIn(account(), async (standIn) => {
      const run = await runAudit(standIn, ['--json']);
      const json = JSON.parse(run.stdout) as AuditJson;
      expect(verdicts(json)).toEqual([
        `${pn(1)} voice wrong-document`,
        `${pn(1)} sms no-primary`,
        `${pn(2)} voice no-primary`,
        `${pn(2)} sms wrong-document`,
        `${pn(3)} voice protected`,
        `${pn(3)} sms protected`,
      ]);
      expect(json.summary.voice['wrong-document']).toBe(1);
      expect(json.summary.sms['wrong-document']).toBe(1);
      expect(run.code).toBe(1);
      expect(violations(standIn)).toEqual([]);
    });
  });

  it('is a row to fix in the text report, and exits 1', async () => {
    await withStandIn(account(), async (standIn) => {
      const run = await runAudit(standIn, []);
      const lines = run.stdout.split('\n');
      expect(lines[0]).toBe('voice: 1 of 3 numbers protected; SMS: 1 of 3');
      expect(lines).toContain('Not protected (2 number-channels):');
      const row = (label: string) => lines.find((line) => line.startsWith(label));
      expect(row('number +12025550001')).toMatch(
        new RegExp(`voice +wrong-document +1: \\+12025550001 .* ${GUARD}/error-sms\\.xml$`),
      );
      expect(row(`Messaging Service "Alerts" (${SERVICE_1})`)).toMatch(
        new RegExp(`sms +wrong-document +1: \\+12025550002 .* ${GUARD}/error\\.xml$`),
      );
      expect(run.code).toBe(1);
    });
  });
});

describe('audit --fix: wrong-document', () => {
  it('dry run: plans the channel’s own fallback, sends nothing, exits 1', async () => {
    await withStandIn(account(), async (standIn) => {
      const run = await runAudit(standIn, [...FIX, '--json']);
      const fix = (JSON.parse(run.stdout) as { fix: FixJson }).fix;
      expect(fix.outcome).toBe('dry-run');
      expect(fix.resources.map((r) => [r.kind, r.sid, r.changes])).toEqual([
        [
          'number',
          pn(1),
          [
            {
              field: 'voiceFallbackUrl',
              before: `${GUARD}/error-sms.xml`,
              after: `${GUARD}/fallback`,
            },
            { field: 'voiceFallbackMethod', before: 'GET', after: 'POST' },
          ],
        ],
        [
          'messaging-service',
          SERVICE_1,
          [
            { field: 'fallbackUrl', before: `${GUARD}/error.xml`, after: `${GUARD}/fallback` },
            { field: 'fallbackMethod', before: 'GET', after: 'POST' },
          ],
        ],
      ]);
      expect(writes(standIn)).toEqual([]);
      expect(run.code).toBe(1);
    });
  });

  it('--yes: /fallback on each wrong channel, the protected App untouched; the audit is then green', async () => {
    await withStandIn(account(), async (standIn) => {
      const run = await runAudit(standIn, [...FIX, '--yes']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Changed 2 of 2 resource(s).');
      const state = standIn.account(ACCOUNT_SID);
      expect(state.numbers.get(pn(1))).toMatchObject({
        voiceUrl: `${APP_HOST}/v1`,
        voiceFallbackUrl: `${GUARD}/fallback`,
        voiceFallbackMethod: 'POST',
      });
      expect(state.services.get(SERVICE_1)).toMatchObject({
        fallbackUrl: `${GUARD}/fallback`,
        fallbackMethod: 'POST',
      });
      expect(writes(standIn).map((w) => w.operation)).not.toContain(
        '/2010-04-01/Accounts/{AccountSid}/Applications/{Sid}.json',
      );
      expect(violations(standIn)).toEqual([]);
      const after = await runAudit(standIn, []);
      expect(after.code).toBe(0);
      expect(after.stdout).toContain('Every number that answers is protected.');
    });
  });

  it('--static-fallback --yes: swaps each for its channel’s document, the URL alone (already GET)', async () => {
    await withStandIn(account(), async (standIn) => {
      const run = await runAudit(standIn, [...FIX, '--static-fallback', '--yes']);
      expect(run.code).toBe(0);
      const state = standIn.account(ACCOUNT_SID);
      expect(state.numbers.get(pn(1))).toMatchObject({
        voiceFallbackUrl: `${GUARD}/error.xml`,
        voiceFallbackMethod: 'GET',
      });
      expect(state.services.get(SERVICE_1)).toMatchObject({
        fallbackUrl: `${GUARD}/error-sms.xml`,
        fallbackMethod: 'GET',
      });
      expect(writes(standIn).map((w) => Object.keys(w.form).sort().join(','))).toEqual([
        'VoiceFallbackUrl',
        'FallbackUrl',
      ]);
      const after = await runAudit(standIn, ['--json']);
      expect(after.code).toBe(0);
      expect(verdicts(JSON.parse(after.stdout) as AuditJson)).not.toContainEqual(
        expect.stringContaining('wrong-document'),
      );
    });
  });
});
