import { parseBaseUrl } from '../../src/config/alert-validators';
import type { Parsed } from '../../src/config/validators';

/** The variable that points every tool at a stand-in of the Twilio REST API. */
export const API_BASE_URL_VARIABLE = 'TWILIO_API_BASE_URL';

/** Twilio's product hosts: `https://<product>.twilio.com/<path>`. */
const TWILIO_PRODUCT_HOST = /^([a-z0-9-]+)\.twilio\.com$/;

/**
 * `TWILIO_API_BASE_URL` from the environment, checked once (unset or empty: the real
 * API). A bad value is a usage error named by the variable, before any request.
 */
export function readApiBaseUrl(
  env: Record<string, string | undefined>,
): Parsed<string | undefined> {
  const raw = env[API_BASE_URL_VARIABLE]?.trim();
  if (!raw) return { ok: true, value: undefined };
  const parsed = parseBaseUrl(raw);
  if (!parsed.ok) {
    return { ok: false, reason: `${API_BASE_URL_VARIABLE} "${raw}" ${parsed.reason}` };
  }
  return parsed;
}

/**
 * `https://<product>.twilio.com/<path>` → `<base>/<product>/<path>`, so each product
 * (api, messaging, trunking, sync, ...) keeps its own prefix on the one stand-in and
 * their identical paths (`/v1/Services`) never collide. Any other URL is returned as is.
 */
export function routeToBaseUrl(uri: string, baseUrl: string): string {
  const url = new URL(uri);
  const product = TWILIO_PRODUCT_HOST.exec(url.hostname)?.[1];
  if (product === undefined) return uri;
  return `${baseUrl}/${product}${url.pathname}${url.search}`;
}
