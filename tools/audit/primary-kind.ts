/**
 * What kind of primary a URL is, read from the URL alone:
 * - `studio`: a Studio Flow's webhook, https://webhooks.twilio.com/v1/Accounts/AC…/Flows/FW…
 * - `twiml-bin`: a TwiML Bin, https://handler.twilio.com/twiml/EH…
 * - `function`: a Twilio Function or Asset, https://<service>-<n>-<env>.twil.io/…
 * - `external`: any other host (the developer's own server).
 */
import { TIMING_OVERRIDE_KEYS } from '../emulator/connection-overrides';
import { parseUrl } from '../../src/request/http-url';

export type PrimaryKind = 'studio' | 'function' | 'twiml-bin' | 'external';

export function primaryKindOf(url: string | null): PrimaryKind | null {
  if (url === null) return null;
  const parsed = parseUrl(url);
  if (parsed === undefined) return 'external';
  const host = parsed.hostname.toLowerCase();
  if (host === 'webhooks.twilio.com' && /\/Flows\/FW[0-9a-f]{32}/i.test(parsed.pathname))
    return 'studio';
  if (host === 'handler.twilio.com' && /^\/twiml\/EH[0-9a-f]{32}/i.test(parsed.pathname))
    return 'twiml-bin';
  if (isFunctionsHost(host)) return 'function';
  return 'external';
}

/** A Twilio Functions service domain (`<service>-<n>-<env>.twil.io`), where this project deploys. */
export function isFunctionsHost(hostname: string): boolean {
  return hostname.toLowerCase().endsWith('.twil.io');
}

/** Whether the primary URL carries connection overrides (`#ct=…&rt=…`): fast failover. */
export function hasFastFailover(url: string | null): boolean {
  if (url === null) return false;
  const hash = url.includes('#') ? url.slice(url.indexOf('#') + 1) : '';
  const keys = [...new URLSearchParams(hash).keys()];
  return keys.some((key) => TIMING_OVERRIDE_KEYS.includes(key));
}
