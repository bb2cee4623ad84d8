import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import { readApiBaseUrl } from './api-base-url';
import type { TwilioCredentials } from './credentials';
import { ToolRequestClient } from './tool-request-client';
import { ToolError } from '../cli/tool-error';

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

/** The tools' HTTP client for this environment; a bad TWILIO_API_BASE_URL exits 2. */
export function toolRequestClient(env: Record<string, string | undefined>): ToolRequestClient {
  const baseUrl = readApiBaseUrl(env);
  if (!baseUrl.ok) throw new ToolError(baseUrl.reason, 2);
  return new ToolRequestClient(baseUrl.value ? { baseUrl: baseUrl.value } : {});
}

/** Closes the client's keep-alive connections (a test's own httpClient is left alone). */
export function closeTwilioClient(client: TwilioClient): void {
  const http = client.httpClient as unknown;
  if (http instanceof ToolRequestClient) http.close();
}
