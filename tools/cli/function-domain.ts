import { echoArgument } from './safe-output';
import type { Parsed } from '../../src/config/validators';

const LABEL_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * A Functions service domain such as `my-service-1234-dev.twil.io`: a bare DNS host name,
 * because the tool builds `https://<domain>/primary` itself. A scheme, path, port or
 * credentials are refused with a precise reason rather than stripped, so a typo never
 * points a live number somewhere unexpected. A name without a dot (`localhost`) is
 * refused too: Twilio can only reach a public host.
 */
export function parseFunctionDomain(raw: string): Parsed<string> {
  const text = raw.trim().toLowerCase().replace(/\.$/, '');
  const fail = (why: string): Parsed<string> => ({
    ok: false,
    reason: `invalid domain "${echoArgument(raw)}": ${why} (expected a host name such as my-service-1234-dev.twil.io)`,
  });
  if (text === '') return fail('it is empty');
  if (text.includes('://')) return fail('remove the scheme');
  if (/[/?#]/.test(text)) return fail('remove the path');
  if (text.includes('@')) return fail('remove the credentials');
  if (text.includes(':')) return fail('remove the port');
  if (text.length > 253) return fail('it is longer than 253 characters');
  const labels = text.split('.');
  if (labels.length < 2) return fail('it is not a public host name');
  const bad = labels.find((label) => !LABEL_PATTERN.test(label));
  if (bad !== undefined) return fail(`"${bad}" is not a valid DNS label`);
  return { ok: true, value: text };
}

/** The three URLs this project deploys, on one service domain. */
export interface FunctionUrls {
  readonly primary: string;
  readonly fallback: string;
  readonly staticFallback: string;
}

export function functionUrls(baseUrl: string): FunctionUrls {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    primary: `${base}/primary`,
    fallback: `${base}/fallback`,
    staticFallback: `${base}/error.xml`,
  };
}
