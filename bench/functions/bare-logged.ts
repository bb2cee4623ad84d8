/**
 * Second baseline for `npm run bench` only, never deployed: the bare Function plus
 * the one structured `console.log` line per request that any Function keeping a
 * record of its calls writes. The fallback writes exactly one such line (before
 * `callback`, which ends a Function), so fallback ÷ this baseline is the cost of
 * the fallback's own decisions, and bare-logged ÷ bare is the cost of the line.
 */
import type {} from '@twilio-labs/serverless-runtime-types';
import type { ServerlessFunctionSignature } from '@twilio-labs/serverless-runtime-types/types';

export const handler: ServerlessFunctionSignature = (_context, event, callback) => {
  const response = new Twilio.twiml.VoiceResponse();
  response.say('An application error has occurred. Please call back later.');
  const fields = event as Record<string, unknown>;
  console.log(
    JSON.stringify({
      event: 'call',
      callSid: fields.CallSid ?? null,
      errorCode: fields.ErrorCode ?? null,
      errorUrl: fields.ErrorUrl ?? null,
    }),
  );
  callback(null, response);
};
