/**
 * How long a caller waits before the fallback answers when the primary hangs
 * (accepts the connection, never answers), for given connection overrides.
 * The benchmark calls this; so can anyone:
 *
 *   npx tsx -e "require('./tools/emulator/failover-wait').measureHungPrimaryFailover({ overrides: require('./tools/emulator/connection-overrides').FAST_FAILOVER_OVERRIDES }).then(r => console.log(r.waitMs))"
 *
 * With Twilio's defaults the wait is bounded by tt = 15 s; it takes that long.
 */
import { formatOverridesFragment, type ConnectionOverrides } from './connection-overrides';
import { startHungServer, startStandInFallback } from './loopback-servers';
import { simulate, type SimulationReport } from './simulate';
import type { WebhookKind } from '../../src/request/webhook-request';

export interface FailoverWaitOptions {
  /** Overrides written on the hung primary's URL; none: Twilio's defaults. */
  readonly overrides?: Partial<ConnectionOverrides>;
  /** The fallback to reach; default: a stand-in on 127.0.0.1 answering fixed TwiML. */
  readonly fallbackUrl?: string;
  readonly kind?: WebhookKind;
}

export interface FailoverWait {
  /** The fragment used, '' for the defaults. */
  readonly fragment: string;
  /** From the first request to the fallback's answer: what the caller waits through. */
  readonly waitMs: number;
  /** Time spent on the primary before Twilio gave up on it. */
  readonly primaryGiveUpMs: number;
  readonly errorCode: number | null;
  readonly report: SimulationReport;
}

export async function measureHungPrimaryFailover(
  options: FailoverWaitOptions = {},
): Promise<FailoverWait> {
  const fragment = options.overrides ? formatOverridesFragment(options.overrides) : '';
  const hung = await startHungServer();
  const standIn = options.fallbackUrl === undefined ? await startStandInFallback() : undefined;
  try {
    const report = await simulate({
      url: `${hung.baseUrl}/voice${fragment === '' ? '' : `#${fragment}`}`,
      fallbackUrl: options.fallbackUrl ?? `${standIn?.baseUrl ?? ''}/fallback`,
      kind: options.kind ?? 'voice',
    });
    const primary = report.attempts.filter((attempt) => attempt.role === 'primary');
    const last = primary[primary.length - 1];
    return {
      fragment,
      waitMs: report.totalMs,
      primaryGiveUpMs: last ? (last.atMs ?? 0) + last.ms : 0,
      errorCode: report.errorCode,
      report,
    };
  } finally {
    await Promise.all([hung.close(), standIn?.close()]);
  }
}
