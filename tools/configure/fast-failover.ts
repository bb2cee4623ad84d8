import { echoArgument } from '../cli/safe-output';
import {
  FAST_FAILOVER_OVERRIDES,
  OVERRIDE_RANGES,
  withConnectionOverrides,
  withoutConnectionOverrides,
  type ConnectionOverrides,
} from '../emulator/connection-overrides';
import type { Parsed } from '../../src/config/validators';

/**
 * The three connection overrides `--fast-failover` writes on a primary URL (Twilio's
 * "webhooks connection overrides": a URL fragment Twilio reads and never sends):
 * ct = TCP connect timeout, rt = read timeout, tt = total time across attempts, in ms.
 */
export type FailoverTimeouts = Pick<ConnectionOverrides, 'ct' | 'rt' | 'tt'>;

/** The emulator's values, so `configure` writes exactly what `simulate` models. */
export const DEFAULT_FAILOVER_TIMEOUTS: FailoverTimeouts = { ...FAST_FAILOVER_OVERRIDES };

export const TIMEOUT_FLAGS: Readonly<Record<keyof FailoverTimeouts, string>> = {
  ct: '--connect-timeout',
  rt: '--read-timeout',
  tt: '--total-timeout',
};

/** A whole number of milliseconds inside Twilio's documented range for the key. */
export function parseTimeout(key: keyof FailoverTimeouts, raw: string): Parsed<number> {
  const [min, max] = OVERRIDE_RANGES[key];
  const text = raw.trim();
  // A negative number is a number, just out of range: say so, not "not a whole number".
  if (/^-\d+$/.test(text)) {
    return {
      ok: false,
      reason: `${TIMEOUT_FLAGS[key]} "${echoArgument(raw)}" is out of range: Twilio accepts ${key} from ${min} to ${max} ms`,
    };
  }
  // Digits only: `1e3`, `4s`, `-1` or `1000.5` would be read differently by Number().
  if (!/^\d+$/.test(text)) {
    return {
      ok: false,
      reason: `${TIMEOUT_FLAGS[key]} "${echoArgument(raw)}" is not a whole number of milliseconds (Twilio accepts ${key} from ${min} to ${max})`,
    };
  }
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    return {
      ok: false,
      reason: `${TIMEOUT_FLAGS[key]} "${echoArgument(raw)}" is out of range: Twilio accepts ${key} from ${min} to ${max} ms`,
    };
  }
  return { ok: true, value };
}

/**
 * The timeouts as a whole: tt is the budget for every attempt of a request, so a tt
 * below ct or rt means that timeout can never fire as set (the request is cut at tt
 * first). Refused rather than written onto a live number.
 */
export function checkTimeoutsTogether(timeouts: FailoverTimeouts): string | undefined {
  for (const key of ['ct', 'rt'] as const) {
    if (timeouts.tt < timeouts[key]) {
      return `${TIMEOUT_FLAGS.tt} ${timeouts.tt} is below ${TIMEOUT_FLAGS[key]} ${timeouts[key]}: tt is the total for all attempts, so it must be at least ct and rt`;
    }
  }
  return undefined;
}

/** The keys `--fast-failover` writes, and `--no-fast-failover` removes. */
export const FAST_FAILOVER_KEYS = ['ct', 'rt', 'tt'] as const;

/**
 * `url` without the fast-failover timeouts, other fragment keys (`rc`, `rp`, `e`,
 * `sni`) kept: Twilio's defaults apply again to what this tool wrote.
 */
export function withoutFastFailover(url: string): string {
  return withoutConnectionOverrides(url, FAST_FAILOVER_KEYS);
}

/** `https://host/primary#ct=…&rt=…&tt=…`. */
export function fastFailoverUrl(url: string, timeouts: FailoverTimeouts): string {
  return withConnectionOverrides(url, { ct: timeouts.ct, rt: timeouts.rt, tt: timeouts.tt });
}

/**
 * Usual silence before Twilio requests the fallback when the primary accepts the
 * connection at once and never answers: the read timeout decides, capped by tt.
 */
export function typicalFailoverMs(timeouts: FailoverTimeouts): number {
  return Math.min(timeouts.tt, timeouts.rt);
}

/**
 * Longest silence before Twilio requests the fallback when the primary accepts the
 * connection and never answers: a slow connect, then one read timeout, capped by tt.
 */
export function worstCaseFailoverMs(timeouts: FailoverTimeouts): number {
  return Math.min(timeouts.tt, timeouts.ct + timeouts.rt);
}
