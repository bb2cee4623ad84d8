/**
 * The requests the benchmark sends: what Twilio sends a Fallback URL (the original
 * webhook parameters plus ErrorCode and ErrorUrl), for a call and for a message, and
 * hostile variants of both. Form-encoded by URLSearchParams, as Twilio encodes them.
 */
import type { LoadRequest } from './load-generator';

const ACCOUNT_SID = 'AC' + '0'.repeat(32);

export const VOICE_FALLBACK_PARAMS: Readonly<Record<string, string>> = {
  AccountSid: ACCOUNT_SID,
  ApiVersion: '2010-04-01',
  CallSid: 'CA' + '1'.repeat(32),
  CallStatus: 'ringing',
  Direction: 'inbound',
  From: '+14155550100',
  To: '+14155550199',
  ErrorCode: '11200',
  ErrorUrl: 'https://app.example.com/voice',
};

export const SMS_FALLBACK_PARAMS: Readonly<Record<string, string>> = {
  AccountSid: ACCOUNT_SID,
  ApiVersion: '2010-04-01',
  MessageSid: 'SM' + '2'.repeat(32),
  SmsSid: 'SM' + '2'.repeat(32),
  From: '+14155550100',
  To: '+14155550199',
  Body: 'hello',
  NumMedia: '0',
  ErrorCode: '12100',
  ErrorUrl: 'https://app.example.com/sms',
};

export function form(params: Readonly<Record<string, string>>): string {
  return new URLSearchParams(params).toString();
}

/** Form-encodes pairs in order, repeated names included. */
export function formPairs(pairs: readonly (readonly [string, string])[]): string {
  return new URLSearchParams(
    pairs.map(([name, value]): [string, string] => [name, value]),
  ).toString();
}

/** A plain voice fallback request: the latency comparison sends this to every target. */
export function voiceFallbackPost(path: string): LoadRequest {
  return { method: 'POST', path, body: form(VOICE_FALLBACK_PARAMS) };
}

/**
 * Hostile parameter values a fallback must shrug off: markup injection, control
 * characters, broken percent-encoding, prototype keys, repeated and oversized
 * parameters, credentials in ErrorUrl, a call and a message SID at once. Transport
 * stays what Twilio uses (form-encoded POST or a GET query), so any error counted
 * is the Functions', not express rejecting a body Twilio would never send.
 */
const HOSTILE_BODIES: readonly string[] = [
  form({ ...VOICE_FALLBACK_PARAMS, ErrorCode: '</Say><Redirect>https://evil.example/</Redirect>' }),
  form({ ...SMS_FALLBACK_PARAMS, Body: ']]><Message>spoofed</Message><![CDATA[' }),
  form({ ...VOICE_FALLBACK_PARAMS, ErrorUrl: 'https://user:secret@app.example.com/v?token=abc' }),
  form({ ...VOICE_FALLBACK_PARAMS, From: '\u0000\u0007\u001b[31m\uFFFE\uD800' }),
  form({ ...SMS_FALLBACK_PARAMS, ErrorCode: '9'.repeat(4000), ErrorUrl: 'x'.repeat(8000) }),
  // Percent-encoding a decoder cannot finish: %E0%A4 and a lone %.
  `CallSid=CA${'3'.repeat(32)}&ErrorCode=%E0%A4&ErrorUrl=%&From=%FF%FE`,
  `__proto__=polluted&constructor=x&prototype=y&hasOwnProperty=z&CallSid=CA${'4'.repeat(32)}`,
  formPairs([
    ['CallSid', 'CA' + '5'.repeat(32)],
    ['CallSid', 'not-a-sid'],
    ['ErrorCode', '11200'],
    ['ErrorCode', '11205'],
  ]),
  form({ ...VOICE_FALLBACK_PARAMS, MessageSid: SMS_FALLBACK_PARAMS.MessageSid ?? '' }),
  formPairs(Array.from({ length: 300 }, (_, i) => [`P${i}`, `v${i}`] as const)),
  '',
];

/** The load run's mix: plain voice and SMS, GET and POST, and every hostile body. */
export function mixedFallbackRequests(path: string): LoadRequest[] {
  return [
    voiceFallbackPost(path),
    { method: 'POST', path, body: form(SMS_FALLBACK_PARAMS) },
    { method: 'GET', path: `${path}?${form(VOICE_FALLBACK_PARAMS)}` },
    { method: 'GET', path: `${path}?${form(SMS_FALLBACK_PARAMS)}` },
    ...HOSTILE_BODIES.map((body): LoadRequest => ({ method: 'POST', path, body })),
    { method: 'GET', path: `${path}?${HOSTILE_BODIES[0]}` },
  ];
}

/** Cheap check that an answer is a TwiML document (the tests parse it strictly). */
export function looksLikeTwiml(body: string): boolean {
  return body.startsWith('<?xml') && /<Response(\/>|>[\s\S]*<\/Response>)\s*$/.test(body);
}
