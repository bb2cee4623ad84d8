/**
 * `audit --fix --fast-failover auto`: before the fix is applied (or shown, in a dry
 * run), measure the primary of every channel whose fallback the fix sets and add the
 * tuned connection overrides to the same update (configure's rule and fragment writing:
 * tools/configure/auto-failover.ts, fast-failover.ts). A primary that cannot be tuned
 * safely keeps its URL as it is, with the reason; its fallback is still set.
 *
 * Cost, bounded: each distinct primary (URL without overrides, method, channel) is
 * measured once, however many numbers and resources share it (an account's numbers
 * usually point at a few apps); by default with MIN_ANSWERS_TO_TUNE requests (the fewest
 * the rule accepts, not configure's 50), 4 primaries at a time, each within 30 s (20
 * answers of up to 1.5 s fit) and all of them within 2 minutes: 50 distinct primaries
 * answering in 300 ms take about 50 × 20 × 0.3 s / 4 ≈ 75 s, where configure's defaults
 * one after another would take over 12 minutes. Primaries left when the budget runs out are not tuned, and say so.
 *
 * `--subaccounts`: every account's plan is tuned in ONE call (tunePlans), so the
 * concurrency and the total budget hold for the whole tree, not per account. Each
 * account's requests are signed with that account's own auth token, as Twilio signs
 * the webhooks of its numbers (https://www.twilio.com/docs/usage/security#validating-requests;
 * a subaccount's webhooks carry the subaccount's token, twilio-php issue #436). So a
 * primary URL shared by N accounts is measured N times (N × samples requests); those
 * measurements are scheduled so that they neither starve nor skew the others (scheduleByUrl).
 */
import type { FixPlan, ResourceFix, ResourcePrimary } from './plan-fix';
import { primaryKindOf } from './primary-kind';
import { MIN_ANSWERS_TO_TUNE, type LatencySummary } from '../configure/auto-failover';
import { fastFailoverUrl, type FailoverTimeouts } from '../configure/fast-failover';
import { TIMING_OVERRIDE_KEYS, withoutConnectionOverrides } from '../emulator/connection-overrides';
import { measureAndPropose } from '../configure/measure-and-propose';
import type { HttpMethod } from '../../src/request/http-method';
import { asMethod } from '../probe/probe-checks';

export const AUDIT_MEASURE_SAMPLES = MIN_ANSWERS_TO_TUNE;
export const AUDIT_MEASURE_CONCURRENCY = 4;
/** Each primary's measurement stops here (20 answers of up to 1.5 s fit). */
const PRIMARY_BUDGET_MS = 30_000;
export const AUDIT_TOTAL_BUDGET_MS = 120_000;
/** Below this much budget left, a primary is not started: it could not finish. */
const MIN_START_BUDGET_MS = 1000;

export interface TuneOptions {
  readonly samples: number;
  readonly concurrency?: number;
  readonly totalBudgetMs?: number;
}

/** The limits a tuning run holds to: the options, defaults filled (one place for them). */
export function measurementLimits(options: TuneOptions) {
  return {
    samples: options.samples,
    concurrency: options.concurrency ?? AUDIT_MEASURE_CONCURRENCY,
    totalBudgetMs: options.totalBudgetMs ?? AUDIT_TOTAL_BUDGET_MS,
  };
}

type Limits = ReturnType<typeof measurementLimits>;

/** One account's fix plan, and the auth token that signs the requests measuring its primaries. */
export interface SignedPlan {
  readonly plan: FixPlan;
  /** Kept in memory only: never printed, logged or put in a tuning. */
  readonly authToken: string;
}

export interface TunedPlan {
  /** The plan with the tuned primary URLs added to the same resource updates. */
  readonly plan: FixPlan;
  readonly tunings: PrimaryTuning[];
}

/** One distinct primary: measured once, its outcome shared by every resource using it. */
export interface PrimaryTuning {
  /** As configured on the first resource that uses it (overrides included). */
  readonly url: string;
  readonly channel: ResourcePrimary['channel'];
  /** Labels of the resources whose update carries (or would have carried) it. */
  readonly resources: readonly string[];
  readonly summary?: LatencySummary;
  readonly timeouts?: FailoverTimeouts;
  /** Why it is not tuned: its primary URL is left as it is. */
  readonly refused?: string;
  /** Not measured because the total measurement budget was spent before its turn. */
  readonly budgetRanOut?: true;
}

type Outcome = Pick<PrimaryTuning, 'summary' | 'timeouts' | 'refused' | 'budgetRanOut'>;

interface Target {
  readonly key: string;
  /** The primary's URL without its overrides: the server a measurement loads. */
  readonly bare: string;
  readonly authToken: string;
  readonly fix: ResourceFix;
  readonly primary: ResourcePrimary & { readonly url: string };
  readonly method: HttpMethod;
}

/**
 * @param signer which plan signs: part of the key, so a primary shared by numbers of two
 *   accounts is measured once per account. The two are signed with different tokens, and
 *   a primary that validates X-Twilio-Signature may accept one and refuse the other; one
 *   measurement shared between them would tune (or refuse) one account on the other's
 *   answers.
 */
function targetsOf(fixes: readonly ResourceFix[], signer: number, authToken: string): Target[] {
  return fixes.flatMap((fix) =>
    fix.primaries.flatMap((primary) => {
      if (primary.url === null) return [];
      const method = asMethod(primary.method);
      const bare = withoutConnectionOverrides(primary.url, TIMING_OVERRIDE_KEYS);
      const key = `${signer} ${primary.channel} ${method} ${bare}`;
      return [{ key, bare, authToken, fix, primary: { ...primary, url: primary.url }, method }];
    }),
  );
}

/** Why a primary must not be sent synthetic requests at all, if so. */
function notMeasurable(url: string): string | undefined {
  // A Studio Flow's webhook starts a Flow execution per request: a measurement would
  // run the user's flow 20 times (https://www.twilio.com/docs/studio/rest-api/v2/execution).
  if (primaryKindOf(url) === 'studio') {
    return 'a Studio Flow: each synthetic request would start an execution, so it is not measured';
  }
  return undefined;
}

async function tuneOne(target: Target, limits: Limits, deadline: number): Promise<Outcome> {
  const skip = notMeasurable(target.primary.url);
  if (skip !== undefined) return { refused: skip };
  const left = deadline - Date.now();
  if (left < MIN_START_BUDGET_MS) {
    return {
      budgetRanOut: true,
      refused: `not measured: the audit's ${limits.totalBudgetMs / 1000} s measurement budget ran out (tune it with npm run configure -- --fast-failover auto)`,
    };
  }
  const { summary, proposal } = await measureAndPropose({
    url: target.primary.url,
    method: target.method,
    kind: target.primary.channel,
    authToken: target.authToken,
    samples: limits.samples,
    budgetMs: Math.min(PRIMARY_BUDGET_MS, left),
  });
  if (!proposal.ok) return { summary, refused: proposal.reason };
  return { summary, timeouts: proposal.value.timeouts };
}

/** The plan with each measured target's tuned URL added to its resource's update. */
function withTunedPrimaries(
  plan: FixPlan,
  targets: readonly Target[],
  outcomes: ReadonlyMap<string, Outcome>,
): FixPlan {
  const fixes = plan.fixes.map((fix) => {
    const added = targets
      .filter((target) => target.fix === fix)
      .flatMap((target) => {
        const timeouts = outcomes.get(target.key)?.timeouts;
        if (timeouts === undefined) return [];
        // Configure's fragment writing: ct/rt/tt replaced, rc, rp, e, sni kept.
        const after = fastFailoverUrl(target.primary.url, timeouts);
        if (after === target.primary.url) return [];
        return [{ field: target.primary.field, before: target.primary.url, after }];
      });
    return added.length === 0 ? fix : { ...fix, changes: [...fix.changes, ...added] };
  });
  return { ...plan, fixes };
}

/**
 * The measurement groups (one per distinct primary and signing account), round-robin by
 * URL: every distinct URL's first measurement comes before any URL's second, so the
 * accounts sharing one app's URL (100 subaccounts on one app) cannot spend the total
 * budget before the tree's other primaries have had a turn.
 */
function roundRobinByUrl(groups: readonly (readonly Target[])[]): (readonly Target[])[] {
  const byUrl = new Map<string, (readonly Target[])[]>();
  for (const group of groups)
    byUrl.set(group[0]!.bare, [...(byUrl.get(group[0]!.bare) ?? []), group]);
  const queues = [...byUrl.values()];
  const rounds = Math.max(0, ...queues.map((queue) => queue.length));
  return Array.from({ length: rounds }, (_, round) =>
    queues.flatMap((queue) => (round < queue.length ? [queue[round]!] : [])),
  ).flat();
}

/**
 * Runs the groups in order, `limit` at a time, but never two with the same URL at once:
 * concurrent measurements of one server would load it with each other's requests and
 * each would tune on the other's latency (a skewed p99). A free slot takes the first
 * group in order whose URL is idle.
 */
async function scheduleByUrl(
  groups: readonly (readonly Target[])[],
  limit: number,
  work: (group: readonly Target[]) => Promise<void>,
): Promise<void> {
  const pending = [...groups];
  const busy = new Set<string>();
  const running = new Set<Promise<void>>();
  for (;;) {
    for (let i = 0; running.size < limit && i < pending.length;) {
      const group = pending[i]!;
      const url = group[0]!.bare;
      if (busy.has(url)) {
        i += 1;
        continue;
      }
      pending.splice(i, 1);
      busy.add(url);
      const run: Promise<void> = work(group).finally(() => {
        busy.delete(url);
        running.delete(run);
      });
      running.add(run);
    }
    if (running.size === 0) return;
    await Promise.race(running);
  }
}

/**
 * Measures each distinct primary of every plan, each signed with its plan's token,
 * `concurrency` at a time (one at a time per URL) and all within ONE total budget,
 * every distinct URL once before any URL again (so when the budget runs out it is
 * repeats of shared URLs and the last plans' primaries that are not measured, and say so).
 * Returns, per plan in order, the plan with the tuned primaries and what was measured.
 */
export async function tunePlans(
  plans: readonly SignedPlan[],
  options: TuneOptions,
): Promise<TunedPlan[]> {
  const limits = measurementLimits(options);
  const targetsByPlan = plans.map((signed, signer) =>
    targetsOf(signed.plan.fixes, signer, signed.authToken),
  );
  const distinct = new Map<string, Target[]>();
  for (const target of targetsByPlan.flat())
    distinct.set(target.key, [...(distinct.get(target.key) ?? []), target]);
  const outcomes = new Map<string, Outcome>();
  const deadline = Date.now() + limits.totalBudgetMs;
  await scheduleByUrl(
    roundRobinByUrl([...distinct.values()]),
    limits.concurrency,
    async (group) => {
      outcomes.set(group[0]!.key, await tuneOne(group[0]!, limits, deadline));
    },
  );
  return plans.map((signed, index) => {
    const targets = targetsByPlan[index]!;
    const groups = [...new Set(targets.map((target) => target.key))].map((key) =>
      distinct.get(key)!,
    );
    const tunings: PrimaryTuning[] = groups.map((group) => ({
      url: group[0]!.primary.url,
      channel: group[0]!.primary.channel,
      resources: [...new Set(group.map((target) => target.fix.label))],
      ...outcomes.get(group[0]!.key),
    }));
    return { plan: withTunedPrimaries(signed.plan, targets, outcomes), tunings };
  });
}

/** One account's plan (`audit --fix --fast-failover auto` without --subaccounts). */
export async function tunePrimaries(
  plan: FixPlan,
  { authToken, ...options }: TuneOptions & { readonly authToken: string },
): Promise<TunedPlan> {
  const [tuned] = await tunePlans([{ plan, authToken }], options);
  return tuned!;
}
