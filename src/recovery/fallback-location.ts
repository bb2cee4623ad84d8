import { readHttpUrl } from '../request/http-url';
import type { FunctionLocation } from '../runtime/function-url';

/**
 * Where the fallback Function itself is served: `context.PATH` (e.g. `/fallback`)
 * and `context.DOMAIN_NAME` (e.g. `my-service-1234-dev.twil.io`, or
 * `localhost:3000` under `twilio-run start`). Recovery builds its absolute
 * callback URLs from both and guards against loops with both.
 */
export type FallbackLocation = FunctionLocation;

/**
 * Host name and path of a URL, for "is this the same endpoint" comparisons: scheme,
 * port, query and fragment are ignored (ErrorUrl carries the caller's query and the
 * `#ct=...` connection overrides; the runtime's DOMAIN_NAME has no scheme), as is a
 * trailing slash. `undefined` for text that is not an http(s) URL.
 */
export function endpointOf(raw: string | undefined): string | undefined {
  const url = readHttpUrl(raw);
  return typeof url === 'string' ? undefined : endpointOfUrl(url);
}

/** endpointOf for a URL already parsed (readHttpUrl). */
export function endpointOfUrl(url: URL): string {
  return `${url.hostname.toLowerCase()}${url.pathname.replace(/\/+$/, '')}`;
}

/** The fallback's own endpoint, or `undefined` when the runtime did not say its domain. */
export function ownEndpoint(location: FallbackLocation): string | undefined {
  if (location.domainName === undefined || location.domainName === '') return undefined;
  return endpointOf(`https://${location.domainName}${location.path}`);
}
