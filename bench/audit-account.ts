/**
 * The account the audit benchmark reads: `numbers` numbers, `applications` TwiML Apps
 * and `services` Messaging Services, in a realistic mix (a fifth of the numbers on a
 * TwiML App, a quarter in a Messaging Service, the rest answering themselves, about
 * half of everything without a fallback).
 */
import {
  applicationRecord,
  emptyAccount,
  numberRecord,
  serviceRecord,
  sidOf,
  type StoredAccount,
} from '../tools/sandbox/account-state';

export const BENCH_ACCOUNT_SID = sidOf('AC', 0xbe1c);
export const BENCH_AUTH_TOKEN = 'bench-audit-token';

export interface AuditAccountSize {
  readonly numbers: number;
  readonly applications: number;
  readonly services: number;
}

export function auditBenchAccount(size: AuditAccountSize): StoredAccount {
  const account = emptyAccount(BENCH_ACCOUNT_SID, BENCH_AUTH_TOKEN, 'bench');
  for (let n = 1; n <= size.applications; n += 1) {
    const sid = sidOf('AP', n);
    account.applications.set(
      sid,
      applicationRecord(sid, {
        voiceUrl: `https://app-${n}.example.com/voice`,
        voiceFallbackUrl: n % 2 === 0 ? `https://backup.example.net/${n}` : null,
      }),
    );
  }
  for (let n = 1; n <= size.services; n += 1) {
    const sid = sidOf('MG', n);
    account.services.set(
      sid,
      serviceRecord(sid, {
        inboundRequestUrl: `https://app.example.com/messaging/${n}`,
        fallbackUrl: n % 2 === 0 ? `https://backup.example.net/messaging/${n}` : null,
      }),
    );
  }
  for (let n = 1; n <= size.numbers; n += 1) {
    const sid = sidOf('PN', n);
    const onApp = size.applications > 0 && n % 5 === 0;
    account.numbers.set(
      sid,
      numberRecord(sid, `+1${String(2000000000 + n)}`, {
        voiceUrl: `https://app.example.com/voice/${n}`,
        voiceFallbackUrl: n % 2 === 0 ? `https://backup.example.net/voice/${n}` : null,
        smsUrl: `https://app.example.com/sms/${n}`,
        voiceApplicationSid: onApp ? sidOf('AP', (n % size.applications) + 1) : null,
      }),
    );
    if (size.services > 0 && n % 4 === 0) {
      account.services.get(sidOf('MG', (n % size.services) + 1))!.phoneNumberSids.push(sid);
    }
  }
  return account;
}

/** List pages a complete read costs at `pageSize`: what the audit should request, no more. */
export function expectedListPages(account: StoredAccount, pageSize: number): number {
  const pages = (count: number) => Math.max(1, Math.ceil(count / pageSize));
  let total =
    pages(account.numbers.size) + pages(account.applications.size) + pages(account.services.size);
  for (const service of account.services.values()) {
    if (!service.useInboundWebhookOnNumber) total += pages(service.phoneNumberSids.length);
  }
  // Webhook Rules (read once per account; Settings only when a Rule exists, none when
  // the account has no Webhooks configuration API).
  const { webhooks } = account;
  if (webhooks.enabled) {
    total += pages(webhooks.rules.length);
    if (webhooks.rules.length > 0) total += pages(webhooks.settings.length);
  } else {
    total += 1;
  }
  return total;
}
