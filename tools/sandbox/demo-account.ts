/**
 * The sandbox's demo account: a dozen numbers, at least one in every state the audit
 * reports, each answered by a different kind of resource. After
 * `audit --fix --domain <host> --yes` every number that answers is protected.
 */
import {
  addWebhookRule,
  applicationRecord,
  emptyAccount,
  numberRecord,
  serviceRecord,
  sidOf,
  type StoredAccount,
} from './account-state';

/** Fake credentials: the sandbox accepts exactly these. Not a real account. */
export const DEMO_ACCOUNT_SID = sidOf('AC', 0xdeed);
export const DEMO_AUTH_TOKEN = 'sandbox-auth-token-not-a-secret';

const APP = 'https://app.example.com';
const BACKUP = 'https://backup.example.net';
const STUDIO = `https://webhooks.twilio.com/v1/Accounts/${DEMO_ACCOUNT_SID}/Flows/${sidOf('FW', 1)}`;
const BIN = `https://handler.twilio.com/twiml/${sidOf('EH', 1)}`;
const FUNCTIONS = 'https://guard-1234-dev.twil.io';

export function demoAccount(): StoredAccount {
  const account = emptyAccount(DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN, 'Sandbox demo account');
  const pn = (n: number) => sidOf('PN', n);
  const e164 = (n: number) => `+1415555${String(100 + n).padStart(4, '0')}`;
  const add = (n: number, fields: Parameters<typeof numberRecord>[2]) =>
    account.numbers.set(pn(n), numberRecord(pn(n), e164(n), fields));

  const supportApp = applicationRecord(sidOf('AP', 1), {
    friendlyName: 'Support line (no fallback)',
    voiceUrl: `${APP}/support/voice`,
  });
  const salesApp = applicationRecord(sidOf('AP', 2), {
    friendlyName: 'Sales bot (protected)',
    smsUrl: `${APP}/sales/sms`,
    smsFallbackUrl: `${BACKUP}/sales/sms`,
    voiceUrl: `${APP}/sales/voice`,
    voiceFallbackUrl: `${APP}/sales/voice-backup`,
  });
  account.applications.set(supportApp.sid, supportApp);
  account.applications.set(salesApp.sid, salesApp);

  account.trunks.set(sidOf('TK', 1), { sid: sidOf('TK', 1), friendlyName: 'Office PBX' });

  // 1: protected on both channels by this project's deployment.
  add(1, {
    voiceUrl: `${FUNCTIONS}/primary#ct=1000&rt=3000&tt=4000`,
    voiceFallbackUrl: `${FUNCTIONS}/fallback`,
    smsUrl: `${FUNCTIONS}/primary`,
    smsFallbackUrl: `${FUNCTIONS}/fallback`,
  });
  // 2: protected by a fallback on another host.
  add(2, {
    voiceUrl: `${APP}/voice`,
    voiceFallbackUrl: `${BACKUP}/voice`,
    smsUrl: `${APP}/sms`,
    smsFallbackUrl: `${BACKUP}/sms`,
  });
  // 3: no fallback, external primary.
  add(3, { voiceUrl: `${APP}/voice`, smsUrl: `${APP}/sms` });
  // 4: same host.
  add(4, {
    voiceUrl: `${APP}/voice`,
    voiceFallbackUrl: `${APP}/voice-fallback`,
    smsUrl: `${APP}/sms`,
    smsFallbackUrl: `${APP}/sms-fallback`,
  });
  // 5: nothing configured at all.
  add(5, {});
  // 6: calls go to a SIP trunk; messages have no fallback.
  add(6, { trunkSid: sidOf('TK', 1), smsUrl: `${APP}/sms` });
  // 7 and 8: a shared TwiML App without fallback answers their calls.
  add(7, { voiceApplicationSid: supportApp.sid, voiceUrl: `${APP}/ignored` });
  add(8, { voiceApplicationSid: supportApp.sid });
  // 9: a TwiML App answers both channels (messages protected, calls same-host).
  add(9, { voiceApplicationSid: salesApp.sid, smsApplicationSid: salesApp.sid });
  // 10 and 11: a Messaging Service without fallback answers their messages.
  // 10's calls fall back to the messaging document (wrong-document: a caller is hung up on).
  add(10, {
    voiceUrl: STUDIO,
    voiceFallbackUrl: `${FUNCTIONS}/error-sms.xml`,
    voiceFallbackMethod: 'GET',
    smsUrl: `${APP}/ignored-by-service`,
  });
  add(11, {
    voiceUrl: `${BIN}`,
    voiceFallbackUrl: `${FUNCTIONS}/error.xml`,
    voiceFallbackMethod: 'GET',
  });
  // 12: in a service that defers to each number's own URLs (a Function, same host).
  add(12, { smsUrl: `${FUNCTIONS}/sms`, smsFallbackUrl: `${FUNCTIONS}/other` });

  const alerts = serviceRecord(sidOf('MG', 1), {
    friendlyName: 'Alerts (no fallback)',
    inboundRequestUrl: `${APP}/messaging/inbound`,
    phoneNumberSids: [pn(10), pn(11)],
  });
  const deferring = serviceRecord(sidOf('MG', 2), {
    friendlyName: 'Notifications (defers to numbers)',
    useInboundWebhookOnNumber: true,
    phoneNumberSids: [pn(12)],
  });
  account.services.set(alerts.sid, alerts);
  account.services.set(deferring.sid, deferring);

  // A Webhook Rule over the Functions domain (Webhooks configuration API, Public Beta):
  // its Setting, not number 1's #ct=… fragment, decides how long Twilio waits there,
  // which audit, configure and probe say.
  addWebhookRule(
    account.webhooks,
    1,
    { friendlyName: 'Functions domain', matchType: 'PREFIX_MATCH', prefix: `${FUNCTIONS}/` },
    {
      friendlyName: 'Patient Functions',
      connection: { connectTimeout: 2000, readTimeout: 8000, totalTimeout: 10000, retryCount: 1 },
    },
  );
  return account;
}
