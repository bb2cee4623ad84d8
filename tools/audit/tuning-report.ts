/**
 * What `audit --fix --fast-failover auto` measured and chose, per distinct primary:
 * printed above the fix plan, and under `fastFailover` in --json.
 */
import {
  AUTO_CONNECT_TIMEOUT_MS,
  MIN_AUTO_READ_TIMEOUT_MS,
  READ_TIMEOUT_P99_FACTOR,
} from '../configure/auto-failover';
import { displayValue } from '../configure/change-table';
import {
  DEFAULT_FAILOVER_TIMEOUTS,
  fastFailoverUrl,
  worstCaseFailoverMs,
} from '../configure/fast-failover';
import { DEFAULT_CONNECTION_OVERRIDES } from '../emulator/connection-overrides';
import type { RuleDecision } from '../twilio-client/decide-webhook-rule';
import { appliedText, ruleDecisionJson, ruleName } from '../twilio-client/webhook-rule-lines';
import type { PrimaryTuning } from './tune-primaries';

/** The Webhook Rule that decides a primary URL's timeouts, if any (webhook-rule-findings). */
export type RuleLookup = (url: string) => RuleDecision | undefined;

const noRules: RuleLookup = () => undefined;

/** The URL the fix writes for a tuned primary (as tunePrimaries writes it), else the URL as it is. */
function writtenUrl(tuning: PrimaryTuning): string {
  return tuning.timeouts ? fastFailoverUrl(tuning.url, tuning.timeouts) : tuning.url;
}

/**
 * @param dryRun the values shown are not kept: `--yes` measures again, and what it writes
 *   can differ (a primary's p99 moves between runs), so the dry run says so.
 * @param ruleFor where a Webhook Rule decides a primary, Twilio ignores the fragment the
 *   fix writes (https://www.twilio.com/docs/usage/webhooks/webhooks-connection-overrides):
 *   the tuned line says so, with the Setting's values, as configure does.
 */
export function renderTunings(
  tunings: readonly PrimaryTuning[],
  samples: number,
  ruleFor: RuleLookup = noRules,
  dryRun = false,
): string {
  if (tunings.length === 0) {
    return 'Fast failover (--fast-failover auto): nothing measured, the fix sets no fallback.';
  }
  const lines = [
    `Fast failover (--fast-failover auto): ${tunings.length} distinct primary(ies), up to ${samples} signed, probe-marked requests each:`,
  ];
  for (const tuning of tunings) {
    const where = `${displayValue(tuning.url)} (${tuning.channel}, ${tuning.resources.join(', ')})`;
    // Percentiles of no answer at all would read as a 0 ms primary: say how many answered only.
    const measured = tuning.summary
      ? tuning.summary.answered === 0
        ? `0/${tuning.summary.sent} answers`
        : `${tuning.summary.answered}/${tuning.summary.sent} answers, p50 ${tuning.summary.p50} ms, p99 ${tuning.summary.p99} ms`
      : undefined;
    if (tuning.timeouts) {
      const { ct, rt, tt } = tuning.timeouts;
      lines.push(
        `  tuned ${where}: ${measured}: ct=${ct} rt=${rt} tt=${tt}, worst-case wait ${worstCaseFailoverMs(tuning.timeouts)} ms (fixed --fast-failover ${worstCaseFailoverMs(DEFAULT_FAILOVER_TIMEOUTS)} ms, Twilio's defaults ${worstCaseFailoverMs(DEFAULT_CONNECTION_OVERRIDES)} ms)`,
      );
      const decision = ruleFor(tuning.url);
      if (decision) {
        lines.push(
          `    Twilio will ignore this fragment while ${ruleName(decision)} applies: ${appliedText(decision)}`,
        );
      }
    } else {
      lines.push(
        `  NOT tuned ${where}: ${measured ? `${measured}: ` : ''}${tuning.refused ?? 'not measured'}. Its primary URL is left as it is; its fallback is still set.`,
      );
    }
  }
  lines.push(
    `  Rule (as configure): rt = max(${MIN_AUTO_READ_TIMEOUT_MS}, ${READ_TIMEOUT_P99_FACTOR} × p99) rounded up to 100 ms (under 1 false failover in 1,000 healthy requests), ct = ${AUTO_CONNECT_TIMEOUT_MS}, tt = ct + rt, rc Twilio's default.`,
  );
  if (dryRun && tunings.some((tuning) => tuning.timeouts !== undefined)) {
    lines.push(
      '  Dry run: these requests were sent to the primaries, nothing to Twilio. --yes measures again, so the values it writes can differ from these.',
    );
  }
  return lines.join('\n');
}

/** `webhookRule`: the Rule that decides the primary (its fragment then ignored), or null. */
export function tuningsJson(tunings: readonly PrimaryTuning[], ruleFor: RuleLookup = noRules) {
  return tunings.map((tuning) => {
    const decision = ruleFor(tuning.url);
    return {
      url: displayValue(tuning.url),
      channel: tuning.channel,
      resources: tuning.resources,
      ...(tuning.summary ? { measured: tuning.summary } : {}),
      ...(tuning.timeouts ? { timeouts: tuning.timeouts } : { refused: tuning.refused }),
      webhookRule: decision ? ruleDecisionJson(writtenUrl(tuning), decision) : null,
    };
  });
}
