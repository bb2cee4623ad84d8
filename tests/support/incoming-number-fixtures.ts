/**
 * The IncomingPhoneNumbers list answer the configure and probe tests serve through the
 * OpenAPI response server: Prism's example number, as a list of one.
 */
import type { ResponseOverride } from './openapi-response-server';
import { TEST_ACCOUNT_SID } from './twilio-api-stand-in';

/** The number in Prism's examples for IncomingPhoneNumbers (list and fetch). */
export const EXAMPLE_NUMBER = '+18089255327';
export const EXAMPLE_NUMBER_SID = 'PN' + 'a'.repeat(32);

/** The list operation's path as Twilio's OpenAPI description spells it. */
export const NUMBERS_LIST_PATH = '/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json';

/**
 * One IncomingPhoneNumber list answer: the spec's example item with unset fields as
 * `null` (the example's `""` breaks its own schema) and the given fields changed.
 */
export function numberListOverride(fields: Record<string, string | null> = {}): ResponseOverride {
  const base = `https://api.twilio.com/2010-04-01/Accounts/${TEST_ACCOUNT_SID}/IncomingPhoneNumbers.json`;
  return {
    method: 'GET',
    path: NUMBERS_LIST_PATH,
    body: {
      first_page_uri: `${base}?PageSize=20&Page=0`,
      uri: `${base}?PageSize=20&Page=0`,
      incoming_phone_numbers: [
        {
          voice_application_sid: null,
          sms_application_sid: null,
          sms_url: null,
          sms_fallback_url: null,
          status_callback: null,
          ...fields,
        },
      ],
    },
  };
}
