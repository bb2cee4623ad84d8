import { readFileSync } from 'node:fs';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import { readApiBaseUrl } from './api-base-url';
import type { TwilioCredentials } from './credentials';
import { ToolRequestClient } from './tool-request-client';
import { echoArgument } from '../cli/safe-output';
import { ToolError } from '../cli/tool-error';
import { isHttpUrl, parseUrl } from '../../src/request/http-url';

export type TwilioClient = twilio.Twilio;

/**
 * A twilio-node client for the command-line tools, always with this project's
 * ToolRequestClient (TWILIO_API_BASE_URL from `env`, 429 retries, timeouts) unless a
 * test passes its own `httpClient`. A bad TWILIO_API_BASE_URL is a usage error
 * (exit 2) raised before any request. Call `closeTwilioClient` when done.
 */
export function createTwilioClient(
  credentials: Pick<TwilioCredentials, 'accountSid' | 'authToken'>,
  httpClient?: RequestClient,
  env: Record<string, string | undefined> = {},
): TwilioClient {
  return twilio(credentials.accountSid, credentials.authToken, {
    httpClient: httpClient ?? toolRequestClient(env),
  });
}

/**
 * The tools' HTTP client for this environment; a bad TWILIO_API_BASE_URL exits 2, a bad
 * TWILIO_CA_BUNDLE or HTTP_PROXY exits 1 with one line naming it (checkClientEnvironment).
 */
export function toolRequestClient(env: Record<string, string | undefined>): ToolRequestClient {
  checkClientEnvironment(env);
  const baseUrl = readApiBaseUrl(env);
  if (!baseUrl.ok) throw new ToolError(baseUrl.reason, 2);
  return new ToolRequestClient(baseUrl.value ? { baseUrl: baseUrl.value } : {});
}

/** Closes the client's keep-alive connections (a test's own httpClient is left alone). */
export function closeTwilioClient(client: TwilioClient): void {
  const http = client.httpClient as unknown;
  if (http instanceof ToolRequestClient) http.close();
}

/**
 * twilio-node's RequestClient (which ToolRequestClient extends) reads `TWILIO_CA_BUNDLE`
 * with readFileSync inside a getter (a bad path is an uncaught exception with a stack
 * trace) and hands `HTTP_PROXY` to its proxy agent unchecked (`not a url` ends as
 * "connect ENOENT not%20a%20url").
 * The variables twilio-node's RequestClient reads from the environment, checked so a
 * bad value is one line naming the variable (exit 1, like missing credentials).
 */
export function checkClientEnvironment(env: Readonly<Record<string, string | undefined>>): void {
  const bundle = env.TWILIO_CA_BUNDLE;
  // twilio-node reads the file whenever the variable is defined, even empty.
  if (bundle !== undefined) {
    let text: string;
    try {
      text = readFileSync(bundle, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new ToolError(
        `TWILIO_CA_BUNDLE "${echoArgument(bundle)}" cannot be read (${code}): set it to a PEM file of CA certificates, or unset it`,
      );
    }
    if (!text.includes('-----BEGIN CERTIFICATE-----')) {
      throw new ToolError(
        `TWILIO_CA_BUNDLE "${echoArgument(bundle)}" holds no PEM certificate (-----BEGIN CERTIFICATE-----): set it to a PEM file of CA certificates, or unset it`,
      );
    }
  }
  const proxy = env.HTTP_PROXY;
  if (proxy !== undefined && proxy !== '') {
    const url = parseUrl(proxy);
    if (url === undefined || !isHttpUrl(url) || url.hostname === '') {
      throw new ToolError(
        `HTTP_PROXY "${echoArgument(proxy)}" is not a proxy URL such as http://proxy.example.com:3128: fix it or unset it`,
      );
    }
  }
}
