import { parseFunctionDomain } from '../cli/function-domain';
import { echoArgument } from '../cli/safe-output';
import type { Parsed } from '../../src/config/validators';
import { MAX_PAGE_SIZE } from './read-account';
import { parseSamples } from '../configure/configure-request';
import { AUDIT_MEASURE_SAMPLES } from './tune-primaries';

export interface AuditRequest {
  readonly json: boolean;
  readonly probe: boolean;
  /** With --fix: what to set, and whether to send it (--yes). */
  readonly fix:
    | {
        readonly domain: string;
        readonly staticFallback: boolean;
        readonly apply: boolean;
        readonly concurrency: number;
        /** --fast-failover auto: measure each fixed channel's primary and tune it. */
        readonly fastFailover: { readonly samples: number } | undefined;
      }
    | undefined;
  readonly pageSize: number;
  /** --subaccounts: audit every active account of the tree the credentials head. */
  readonly subaccounts: boolean;
  /** With --subaccounts --fix: the Service name `npm run deploy` uses (package name by default). */
  readonly serviceName: string | undefined;
}

export interface RawAuditOptions {
  readonly subaccounts?: boolean;
  readonly serviceName?: string;
  readonly json?: boolean;
  readonly probe?: boolean;
  readonly fix?: boolean;
  readonly domain?: string;
  readonly staticFallback?: boolean;
  readonly yes?: boolean;
  readonly concurrency?: string;
  readonly pageSize?: string;
  readonly fastFailover?: string;
  readonly samples?: string;
}

export const DEFAULT_FIX_CONCURRENCY = 4;
/** Twilio answers 429 to too many concurrent writes; more than this only earns retries. */
const MAX_FIX_CONCURRENCY = 16;

function wholeNumber(flag: string, raw: string, min: number, max: number): Parsed<number> {
  const text = raw.trim();
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    return { ok: false, reason: `${flag} "${raw}" is not a whole number from ${min} to ${max}` };
  }
  return { ok: true, value };
}

/** Every option checked before anything is read or sent; a bad one is named. */
export function buildAuditRequest(raw: RawAuditOptions): Parsed<AuditRequest> {
  const pageSize = wholeNumber(
    '--page-size',
    raw.pageSize ?? String(MAX_PAGE_SIZE),
    1,
    MAX_PAGE_SIZE,
  );
  if (!pageSize.ok) return pageSize;
  if (raw.serviceName !== undefined && !(raw.subaccounts && raw.fix)) {
    return { ok: false, reason: '--service-name only applies with --subaccounts --fix' };
  }
  if (raw.serviceName !== undefined && !/^[A-Za-z0-9_-]{1,50}$/.test(raw.serviceName)) {
    return {
      ok: false,
      reason: `--service-name "${raw.serviceName}" is not a Serverless unique name (letters, digits, - and _)`,
    };
  }
  const tree = { subaccounts: raw.subaccounts === true, serviceName: raw.serviceName };
  if (!raw.fix) {
    const stray = [
      raw.domain !== undefined && '--domain',
      raw.staticFallback && '--static-fallback',
      raw.yes && '--yes',
      raw.concurrency !== undefined && '--concurrency',
      raw.fastFailover !== undefined && '--fast-failover',
      raw.samples !== undefined && '--samples',
    ].find(Boolean);
    if (stray) return { ok: false, reason: `${stray} only applies with --fix` };
    return {
      ok: true,
      value: {
        json: raw.json === true,
        probe: raw.probe === true,
        fix: undefined,
        pageSize: pageSize.value,
        ...tree,
      },
    };
  }
  if (raw.domain === undefined) {
    return {
      ok: false,
      reason: '--fix needs --domain <host>: the deployment the fallbacks point at',
    };
  }
  const domain = parseFunctionDomain(raw.domain);
  if (!domain.ok) return domain;
  const concurrency = wholeNumber(
    '--concurrency',
    raw.concurrency ?? String(DEFAULT_FIX_CONCURRENCY),
    1,
    MAX_FIX_CONCURRENCY,
  );
  if (!concurrency.ok) return concurrency;
  const fastFailover = parseAuditFastFailover(raw);
  if (!fastFailover.ok) return fastFailover;
  return {
    ok: true,
    value: {
      json: raw.json === true,
      probe: raw.probe === true,
      pageSize: pageSize.value,
      ...tree,
      fix: {
        domain: domain.value,
        staticFallback: raw.staticFallback === true,
        apply: raw.yes === true,
        concurrency: concurrency.value,
        fastFailover: fastFailover.value,
      },
    },
  };
}

/** `--fast-failover auto [--samples N]` with --fix (the audit's default: fewer samples). */
function parseAuditFastFailover(raw: RawAuditOptions): Parsed<{ samples: number } | undefined> {
  if (raw.fastFailover === undefined) {
    if (raw.samples !== undefined) {
      return {
        ok: false,
        reason: '--samples sizes the measurement of --fast-failover auto: add it',
      };
    }
    return { ok: true, value: undefined };
  }
  if (raw.fastFailover !== 'auto') {
    return {
      ok: false,
      reason: `--fast-failover "${echoArgument(raw.fastFailover)}": the audit takes only auto (measure each primary, then tune it)`,
    };
  }
  const samples = parseSamples(raw.samples, AUDIT_MEASURE_SAMPLES);
  return samples.ok ? { ok: true, value: { samples: samples.value } } : samples;
}
