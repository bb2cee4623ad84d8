/**
 * Part 4: how long a caller waits before the fallback answers when the primary hangs
 * (accepts the connection, never answers), through the emulator (tools/emulator),
 * with Twilio's default connection settings versus the fast-failover overrides.
 * The fallback reached is the real /fallback on the bench server.
 *
 * The default case really takes ~15 s (tt = 15 s). Quick mode scales both cases'
 * timeouts by 1/10 so the harness is exercised in about 2 s; its figures say so
 * and the target is not judged on them.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../tests/support/dev-server';
import {
  notMeasured,
  ratioOf,
  type Figure,
  type PartResult,
  type TargetCheck,
} from './bench-results';
import type { BenchServer } from './bench-server';
import type { BenchSizes } from './bench-sizes';
import { roundFigure } from './percentiles';

type ConnectionOverridesModule = typeof import('../tools/emulator/connection-overrides');
type FailoverWaitModule = typeof import('../tools/emulator/failover-wait');

const PART = '4. failover wait for a hung primary';
const TARGET_SECONDS = 4.5;
const TARGET = `hung-primary failover with fast-failover overrides ≤ ${TARGET_SECONDS} s (vs ~15 s default)`;
const QUICK_SCALE = 0.1;

/** Overrides scaled for quick mode (shared with part 9). */
export function scaled(
  overrides: { ct: number; rt: number; tt: number },
  factor: number,
): { ct: number; rt: number; tt: number } {
  // 100 ms is the smallest value Twilio accepts for each key.
  const scale = (ms: number) => Math.max(100, Math.round(ms * factor));
  return { ct: scale(overrides.ct), rt: scale(overrides.rt), tt: scale(overrides.tt) };
}

export async function measureFailoverWait(
  server: BenchServer,
  sizes: BenchSizes,
): Promise<PartResult> {
  if (!existsSync(join(PROJECT_ROOT, 'tools/emulator/failover-wait.ts'))) {
    return {
      figures: [],
      targets: [notMeasured('fast-failover', TARGET, 'not available yet')],
      unavailable: [
        {
          part: PART,
          reason: 'tools/emulator/failover-wait.ts is not in the tree yet (simulator issue)',
        },
      ],
    };
  }
  // Required only when present, so the bench still runs in a tree without the emulator.
  const { DEFAULT_CONNECTION_OVERRIDES, FAST_FAILOVER_OVERRIDES } =
    require('../tools/emulator/connection-overrides') as ConnectionOverridesModule;
  const { measureHungPrimaryFailover } =
    require('../tools/emulator/failover-wait') as FailoverWaitModule;

  const quick = sizes.mode === 'quick';
  const factor = quick ? QUICK_SCALE : 1;
  const cases = [
    {
      id: 'default',
      label: 'Twilio default connection settings',
      // Full mode: no fragment at all, exactly what an unconfigured number gets.
      overrides: quick ? scaled(DEFAULT_CONNECTION_OVERRIDES, factor) : undefined,
    },
    {
      id: 'fast',
      label: 'fast-failover overrides',
      overrides: scaled(FAST_FAILOVER_OVERRIDES, factor),
    },
  ] as const;

  const figures: Figure[] = [];
  const notes: string[] = [];
  const answered = new Map<string, boolean>();
  for (const c of cases) {
    const wait = await measureHungPrimaryFailover({
      ...(c.overrides ? { overrides: c.overrides } : {}),
      fallbackUrl: `${server.baseUrl}/fallback`,
    });
    answered.set(c.id, wait.report.callerGets === 'fallback-twiml');
    const suffix = quick ? `, quick mode: timeouts scaled ×${QUICK_SCALE}` : '';
    figures.push(
      {
        id: `failover.${c.id}.wait`,
        label: `hung primary, ${c.label} (${wait.fragment === '' ? 'no fragment' : `#${wait.fragment}`}${suffix}): caller waits until the fallback answers`,
        value: roundFigure(wait.waitMs / 1000),
        unit: 's',
      },
      {
        id: `failover.${c.id}.primary-give-up`,
        label: `hung primary, ${c.label}${suffix}: time spent on the primary`,
        value: roundFigure(wait.primaryGiveUpMs / 1000),
        unit: 's',
      },
    );
    notes.push(
      `Failover (${c.label}${suffix}): error ${wait.errorCode ?? 'none'} sent to /fallback; caller gets ${wait.report.callerGets}.`,
    );
  }
  const [defaultWait, , fastWait] = figures as [Figure, Figure, Figure, Figure];
  const ratio = ratioOf(
    'ratio.failover.fast-over-default',
    'fast-failover / default, hung-primary wait',
    fastWait,
    defaultWait,
  );
  const bothAnswered = answered.get('default') === true && answered.get('fast') === true;
  const target: TargetCheck = quick
    ? {
        id: 'fast-failover',
        target: TARGET,
        actual: `quick mode, scaled ×${QUICK_SCALE}: ${fastWait.value} s vs ${defaultWait.value} s (not judged)`,
        met: null,
      }
    : {
        id: 'fast-failover',
        target: TARGET,
        actual: `${fastWait.value} s vs ${defaultWait.value} s default`,
        met: bothAnswered && fastWait.value <= TARGET_SECONDS,
      };
  return {
    figures,
    ratios: [{ ...ratio, value: roundFigure(ratio.value) }],
    targets: [target],
    notes,
  };
}
