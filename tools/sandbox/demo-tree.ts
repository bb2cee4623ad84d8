/**
 * `npm run sandbox -- --tree`: the demo account as the parent of a reseller's tree.
 * - the parent runs this project's deployment (guard-1234-dev.twil.io: protected
 *   /primary and /fallback Functions, public /error.xml and /error-sms.xml assets);
 * - "Acme" (active) has its own deployment, a protected number, numbers with no
 *   fallback or one on the primary's host, and a Messaging Service with no fallback;
 * - "Bistro" (active) has no deployment and sits in the cross-account trap: its
 *   fallbacks point at the parent's protected /fallback, which refuses Bistro's
 *   signature (Twilio signs a subaccount's webhooks with the subaccount's token);
 * - "Corner shop" is suspended and "Deli" closed: listed, never audited.
 * After `audit --subaccounts --fix --static-fallback --domain guard-1234-dev.twil.io
 * --yes` every number that answers is protected.
 */
import {
  applicationRecord,
  emptyAccount,
  numberRecord,
  serviceRecord,
  sidOf,
  type AccountStatus,
  type StoredAccount,
  type StoredServerlessService,
} from './account-state';
import { DEMO_ACCOUNT_SID, demoAccount } from './demo-account';

/** The Service name `npm run deploy` gives this project (package.json `name`). */
export const DEMO_SERVICE_NAME = 'twilio-fallback-guard';
export const PARENT_DOMAIN = 'guard-1234-dev.twil.io';
export const ACME_DOMAIN = 'twilio-fallback-guard-5678-dev.twil.io';
/** A twil.io domain no account of the tree owns: only --probe can tell whether it answers. */
export const FOREIGN_DOMAIN = 'someone-else-4321.twil.io';

export const TREE_ACCOUNTS = {
  acme: { sid: sidOf('AC', 0xac3e), token: 'sandbox-acme-token-not-a-secret', name: 'Acme' },
  bistro: { sid: sidOf('AC', 0xb157), token: 'sandbox-bistro-token-not-a-secret', name: 'Bistro' },
  corner: {
    sid: sidOf('AC', 0xc0e4),
    token: 'sandbox-corner-token-not-a-secret',
    name: 'Corner shop',
  },
  deli: { sid: sidOf('AC', 0xde11), token: 'sandbox-deli-token-not-a-secret', name: 'Deli' },
} as const;

/** This project as `twilio-run deploy` leaves it: one Service, a `dev` environment, one build. */
export function projectDeployment(
  serviceNumber: number,
  domainName: string,
  uniqueName = DEMO_SERVICE_NAME,
): StoredServerlessService {
  const build = sidOf('ZB', serviceNumber);
  return {
    sid: sidOf('ZS', serviceNumber),
    uniqueName,
    friendlyName: uniqueName,
    environments: [
      {
        sid: sidOf('ZE', serviceNumber),
        uniqueName: 'dev-environment',
        domainSuffix: 'dev',
        domainName,
        buildSid: build,
      },
    ],
    builds: new Map([
      [
        build,
        {
          sid: build,
          functionVersions: [
            { path: '/primary', visibility: 'protected' },
            { path: '/fallback', visibility: 'protected' },
          ],
          assetVersions: [
            { path: '/error.xml', visibility: 'public' },
            { path: '/error-sms.xml', visibility: 'public' },
          ],
        },
      ],
    ]),
  };
}

/** One of the tree's subaccounts, empty: its SID, token and name, owned by the demo parent. */
export function subaccount(
  key: keyof typeof TREE_ACCOUNTS,
  status: AccountStatus = 'active',
): StoredAccount {
  const { sid, token, name } = TREE_ACCOUNTS[key];
  return emptyAccount(sid, token, name, { ownerAccountSid: DEMO_ACCOUNT_SID, status });
}

const APP = 'https://shop.example.com';
const e164 = (area: number, n: number) => `+1${area}555${String(n).padStart(4, '0')}`;

export function demoTree(): StoredAccount[] {
  const parent = demoAccount();
  const deployment = projectDeployment(1, PARENT_DOMAIN);
  parent.serverless.set(deployment.sid, deployment);

  const acme = subaccount('acme');
  const acmeDeployment = projectDeployment(2, ACME_DOMAIN);
  acme.serverless.set(acmeDeployment.sid, acmeDeployment);
  const acmeNumber = (n: number, fields: Parameters<typeof numberRecord>[2]) =>
    acme.numbers.set(
      sidOf('PN', 0xa000 + n),
      numberRecord(sidOf('PN', 0xa000 + n), e164(212, n), fields),
    );
  // 1: protected by Acme's own deployment (its own token signs, its own gateway checks).
  acmeNumber(1, {
    voiceUrl: `https://${ACME_DOMAIN}/primary`,
    voiceFallbackUrl: `https://${ACME_DOMAIN}/fallback`,
  });
  // 2: no fallback; 3: same host.
  acmeNumber(2, { voiceUrl: `${APP}/acme/voice`, smsUrl: `${APP}/acme/sms` });
  acmeNumber(3, { voiceUrl: `${APP}/acme/voice`, voiceFallbackUrl: `${APP}/acme/backup` });
  // 4: Acme's own Messaging Service answers its messages, with no fallback.
  acmeNumber(4, {});
  const acmeService = serviceRecord(sidOf('MG', 0xa001), {
    friendlyName: 'Acme notifications',
    inboundRequestUrl: `${APP}/acme/inbound`,
    phoneNumberSids: [sidOf('PN', 0xa004)],
  });
  acme.services.set(acmeService.sid, acmeService);

  const bistro = subaccount('bistro');
  const bistroNumber = (n: number, fields: Parameters<typeof numberRecord>[2]) =>
    bistro.numbers.set(
      sidOf('PN', 0xb000 + n),
      numberRecord(sidOf('PN', 0xb000 + n), e164(305, n), fields),
    );
  // 1: the trap: calls fall back to the parent's PROTECTED /fallback (refused for
  // Bistro's signature); messages to the parent's PUBLIC /error-sms.xml (answers anyone).
  bistroNumber(1, {
    voiceUrl: `${APP}/bistro/voice`,
    voiceFallbackUrl: `https://${PARENT_DOMAIN}/fallback`,
    smsUrl: `${APP}/bistro/sms`,
    smsFallbackUrl: `https://${PARENT_DOMAIN}/error-sms.xml`,
    smsFallbackMethod: 'GET',
  });
  // 2: a twil.io fallback that no account of the tree owns (unverified), SMS without fallback.
  bistroNumber(2, {
    voiceUrl: `${APP}/bistro/voice`,
    voiceFallbackUrl: `https://${FOREIGN_DOMAIN}/fallback`,
    smsUrl: `${APP}/bistro/sms`,
  });
  // 3: a TwiML App of Bistro's whose fallback is the parent's protected Function too.
  const app = applicationRecord(sidOf('AP', 0xb001), {
    friendlyName: 'Bistro bookings',
    voiceUrl: `${APP}/bistro/bookings`,
    voiceFallbackUrl: `https://${PARENT_DOMAIN}/fallback`,
  });
  bistro.applications.set(app.sid, app);
  bistroNumber(3, { voiceApplicationSid: app.sid });
  // 4: nothing configured.
  bistroNumber(4, {});

  const corner = subaccount('corner', 'suspended');
  corner.numbers.set(
    sidOf('PN', 0xc001),
    numberRecord(sidOf('PN', 0xc001), e164(617, 1), { voiceUrl: `${APP}/corner` }),
  );
  const deli = subaccount('deli', 'closed');
  deli.numbers.set(
    sidOf('PN', 0xd001),
    numberRecord(sidOf('PN', 0xd001), e164(718, 1), { voiceUrl: `${APP}/deli` }),
  );
  return [parent, acme, bistro, corner, deli];
}
