import { parseBaseUrl } from '../../src/config/alert-validators';
import { echoArgument } from '../cli/safe-output';
import { parseFunctionDomain } from '../cli/function-domain';
import type { Parsed } from '../../src/config/validators';
import { parseNumberTarget, type NumberTarget } from '../twilio-client/number-target';
import type { Channels } from './probe-checks';

/** What to probe, validated before any request. */
export type ProbeTarget =
  | { readonly kind: 'service'; readonly baseUrl: string }
  | { readonly kind: 'number'; readonly number: NumberTarget };

export interface ProbeRequest {
  readonly target: ProbeTarget;
  readonly channels: Channels;
  /** From --auth-token; the environment is consulted later. */
  readonly authToken: string | undefined;
  readonly json: boolean;
}

export interface RawProbeOptions {
  readonly baseUrl?: string;
  readonly domain?: string;
  readonly number?: string;
  readonly voice?: boolean;
  readonly sms?: boolean;
  readonly authToken?: string;
  readonly json?: boolean;
}

/**
 * The service root, e.g. `https://my-service-1234-dev.twil.io` or
 * `http://127.0.0.1:3000`: src's one rule for base URLs (absolute http(s), no query,
 * fragment or credentials; a path prefix is kept), named as the option.
 */
export function parseProbeBaseUrl(raw: string): Parsed<string> {
  const parsed = parseBaseUrl(raw.trim());
  if (parsed.ok) return parsed;
  return {
    ok: false,
    reason: `--base-url "${echoArgument(raw)}" ${parsed.reason} (expected e.g. https://my-service-1234-dev.twil.io or http://127.0.0.1:3000)`,
  };
}

export function buildProbeRequest(raw: RawProbeOptions): Parsed<ProbeRequest> {
  const given = [raw.baseUrl, raw.domain, raw.number].filter((value) => value !== undefined);
  if (given.length !== 1) {
    return {
      ok: false,
      reason: 'give exactly one of --base-url <url>, --domain <host> or --number <number>',
    };
  }
  let target: ProbeTarget;
  if (raw.number !== undefined) {
    const number = parseNumberTarget(raw.number);
    if (!number.ok) return number;
    target = { kind: 'number', number: number.value };
  } else if (raw.domain !== undefined) {
    const domain = parseFunctionDomain(raw.domain);
    if (!domain.ok) return domain;
    target = { kind: 'service', baseUrl: `https://${domain.value}` };
  } else {
    const baseUrl = parseProbeBaseUrl(raw.baseUrl ?? '');
    if (!baseUrl.ok) return baseUrl;
    target = { kind: 'service', baseUrl: baseUrl.value };
  }
  if (raw.authToken !== undefined && raw.authToken.trim() === '') {
    return { ok: false, reason: '--auth-token is empty' };
  }
  return {
    ok: true,
    value: {
      target,
      channels: {
        voice: raw.voice === true || raw.sms !== true,
        sms: raw.sms === true || raw.voice !== true,
      },
      authToken: raw.authToken?.trim(),
      json: raw.json === true,
    },
  };
}
