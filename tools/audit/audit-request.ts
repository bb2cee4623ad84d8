import { parseFunctionDomain } from '../cli/function-domain';
import type { Parsed } from '../../src/config/validators';
import { MAX_PAGE_SIZE } from './read-account';

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
      }
    | undefined;
  readonly pageSize: number;
}

export interface RawAuditOptions {
  readonly json?: boolean;
  readonly probe?: boolean;
  readonly fix?: boolean;
  readonly domain?: string;
  readonly staticFallback?: boolean;
  readonly yes?: boolean;
  readonly concurrency?: string;
  readonly pageSize?: string;
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
  if (!raw.fix) {
    const stray = [
      raw.domain !== undefined && '--domain',
      raw.staticFallback && '--static-fallback',
      raw.yes && '--yes',
      raw.concurrency !== undefined && '--concurrency',
    ].find(Boolean);
    if (stray) return { ok: false, reason: `${stray} only applies with --fix` };
    return {
      ok: true,
      value: {
        json: raw.json === true,
        probe: raw.probe === true,
        fix: undefined,
        pageSize: pageSize.value,
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
  return {
    ok: true,
    value: {
      json: raw.json === true,
      probe: raw.probe === true,
      pageSize: pageSize.value,
      fix: {
        domain: domain.value,
        staticFallback: raw.staticFallback === true,
        apply: raw.yes === true,
        concurrency: concurrency.value,
      },
    },
  };
}
