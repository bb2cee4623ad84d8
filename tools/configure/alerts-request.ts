import { ALERT_MODES, type AlertMode } from '../../src/alerts/alert-mode';
import type { Parsed } from '../../src/config/validators';
import { parseFunctionDomain } from '../cli/function-domain';

/** What `configure --alerts` will do, checked before any request. */
export interface AlertsRequest {
  readonly mode: AlertMode;
  /** Required for `events` and `both`; with `inline`, only sinks to this domain are removed. */
  readonly domain: string | undefined;
  readonly dryRun: boolean;
  readonly json: boolean;
}

export interface RawAlertsOptions {
  readonly alerts?: string;
  readonly domain?: string;
  readonly dryRun?: boolean;
  readonly json?: boolean;
}

export function buildAlertsRequest(raw: RawAlertsOptions): Parsed<AlertsRequest> {
  const mode = (raw.alerts ?? '').trim().toLowerCase() as AlertMode;
  if (!ALERT_MODES.includes(mode)) {
    return {
      ok: false,
      reason: `invalid --alerts "${raw.alerts ?? ''}": expected one of ${ALERT_MODES.join(', ')}`,
    };
  }
  let domain: string | undefined;
  if (raw.domain !== undefined) {
    const parsed = parseFunctionDomain(raw.domain);
    if (!parsed.ok) return { ok: false, reason: `--domain: ${parsed.reason}` };
    domain = parsed.value;
  } else if (mode !== 'inline') {
    return {
      ok: false,
      reason: `--alerts ${mode} needs --domain <host>: the Functions domain whose /events receives the events`,
    };
  }
  return {
    ok: true,
    value: { mode, domain, dryRun: raw.dryRun === true, json: raw.json === true },
  };
}
