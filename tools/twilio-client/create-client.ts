import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type { TwilioCredentials } from './credentials';

export type TwilioClient = twilio.Twilio;

/**
 * A twilio-node client for the command-line tools. Tests pass an `httpClient` that
 * routes every request to a loopback stand-in (Prism) instead of api.twilio.com.
 */
export function createTwilioClient(
  credentials: TwilioCredentials,
  httpClient?: RequestClient,
): TwilioClient {
  return twilio(credentials.accountSid, credentials.authToken, httpClient ? { httpClient } : {});
}
