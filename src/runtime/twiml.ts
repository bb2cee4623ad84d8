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
