/**
 * Where a Function is served, as the runtime tells it: `context.PATH` (e.g. `/fallback`)
 * and `context.DOMAIN_NAME` (e.g. `my-service-1234-dev.twil.io`, or `localhost:3000`
 * under `twilio-run start`).
 */
export interface FunctionLocation {
  readonly path: string;
  readonly domainName?: string;
}

/** `twilio-run start` serves plain http on the local machine; everything deployed is https. */
const LOCAL_DEV_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/i;

/** The scheme a request to `domainName` arrived over: http on the local dev server only. */
export function schemeOf(domainName: string): 'http' | 'https' {
  return LOCAL_DEV_HOST.test(domainName) ? 'http' : 'https';
}
/** A host name and optional port, nothing else (the dev server takes DOMAIN_NAME from Host). */
const HOST_AND_PORT = /^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?(:\d{1,5})?$/i;

/**
 * The absolute URL of this Function (with `query`), for every callback the TwiML hands
 * Twilio: `<Dial action>`, `<Record action>`, `recordingStatusCallback`. Absolute, built
 * from the domain the request arrived on, so no callback depends on how Twilio resolves
 * a relative URL for a given attribute (its docs describe that for `action` and
 * `<Redirect>`, not for every callback: https://www.twilio.com/docs/voice/twiml/record).
 *
 * Only when the runtime gave no usable DOMAIN_NAME (never on a deployed Service) is the
 * path returned alone, which Twilio resolves against the document's own URL.
 */
export function functionUrl(
  location: FunctionLocation,
  query: Readonly<Record<string, string>> = {},
): string {
  const search = new URLSearchParams(query).toString();
  const pathAndQuery = `${location.path}${search === '' ? '' : `?${search}`}`;
  const domain = location.domainName?.trim() ?? '';
  if (!HOST_AND_PORT.test(domain) && !LOCAL_DEV_HOST.test(domain)) return pathAndQuery;
  return `${schemeOf(domain)}://${domain.toLowerCase()}${pathAndQuery}`;
}
