/**
 * Baseline for `npm run bench` only, never deployed: the cheapest Function that
 * answers TwiML, so the benchmark can tell the cost of any Function at all from
 * the cost of the fallback's own work.
 */
import type {} from '@twilio-labs/serverless-runtime-types';
import type { ServerlessFunctionSignature } from '@twilio-labs/serverless-runtime-types/types';

export const handler: ServerlessFunctionSignature = (_context, _event, callback) => {
  // say() returns the <Say> element, not the document: keep the response to hand over.
  const response = new Twilio.twiml.VoiceResponse();
  response.say('An application error has occurred. Please call back later.');
  callback(null, response);
};
