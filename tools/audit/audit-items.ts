import type { AccountSnapshot } from './account-snapshot';
import { answererOf, serviceByNumber, type Answerer, type Channel } from './answering-resource';
import { hasFastFailover, primaryKindOf, type PrimaryKind } from './primary-kind';
import { VERDICTS, verdictOf, type Verdict } from './verdict';

/** One number on one channel: what answers it and how well it is protected. */
export interface AuditItem {
  readonly phoneNumber: string;
  /** The IncomingPhoneNumber SID. */
  readonly sid: string;
  readonly channel: Channel;
  readonly answerer: Answerer;
  readonly verdict: Verdict;
  readonly fastFailover: boolean;
  readonly primaryKind: PrimaryKind | null;
}

export const CHANNELS: readonly Channel[] = ['voice', 'sms'];

export function auditItems(snapshot: AccountSnapshot): AuditItem[] {
  const services = serviceByNumber(snapshot);
  const items: AuditItem[] = [];
  for (const number of snapshot.numbers) {
    for (const channel of CHANNELS) {
      const answerer = answererOf(number, channel, snapshot, services);
      items.push({
        phoneNumber: number.phoneNumber,
        sid: number.sid,
        channel,
        answerer,
        verdict: verdictOf(answerer, channel),
        fastFailover: hasFastFailover(answerer.primaryUrl),
        primaryKind: primaryKindOf(answerer.primaryUrl),
      });
    }
  }
  return items;
}

export type VerdictCounts = Record<Verdict, number>;

export function countVerdicts(items: readonly AuditItem[], channel: Channel): VerdictCounts {
  const counts = Object.fromEntries(VERDICTS.map((verdict) => [verdict, 0])) as VerdictCounts;
  for (const item of items) if (item.channel === channel) counts[item.verdict] += 1;
  return counts;
}
