import type {} from '@twilio-labs/serverless-runtime-types';
import type { twiml } from 'twilio';

/**
 * The TwiML classes the core builds answers with.
 *
 * Functions pass the runtime's global `Twilio.twiml`; tests and tools pass
 * `require('twilio').twiml`. Taking them as a parameter keeps the core from
 * importing `twilio` itself, so a bundled Function never loads the package at
 * cold start (the runtime already has it loaded).
 */
export type TwimlClasses = Pick<typeof twiml, 'VoiceResponse' | 'MessagingResponse'>;

export type VoiceResponse = InstanceType<TwimlClasses['VoiceResponse']>;
export type MessagingResponse = InstanceType<TwimlClasses['MessagingResponse']>;
export type TwimlDocument = VoiceResponse | MessagingResponse;

/**
 * The runtime's global `Twilio.twiml`, typed as the `twilio` version this project
 * depends on. @twilio-labs/serverless-runtime-types declares the global with the
 * typings of its own, older, nested copy of twilio; the classes are the same at
 * run time (the runtime loads the twilio in our dependencies), so the one cast
 * lives here.
 */
export function runtimeTwiml(): TwimlClasses {
  return Twilio.twiml as unknown as TwimlClasses;
}
