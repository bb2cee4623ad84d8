/** How the user named the phone number: its E.164 form or its IncomingPhoneNumber SID. */
export type NumberTarget =
  | { readonly kind: 'e164'; readonly phoneNumber: string }
  | { readonly kind: 'sid'; readonly sid: string };

import { parseE164, type Parsed } from '../../src/config/validators';
import { echoArgument } from '../cli/safe-output';

const NUMBER_SID_PATTERN = /^PN[0-9a-fA-F]{32}$/;

/**
 * Accepts `+14155550100` or `PN…`. Spaces, dashes, dots and brackets are dropped from a
 * number first because that is how numbers are copied out of the Console
 * (`+1 (415) 555-0100`); anything else is refused rather than guessed at.
 */
export function parseNumberTarget(raw: string): Parsed<NumberTarget> {
  const text = raw.trim();
  if (NUMBER_SID_PATTERN.test(text)) return { ok: true, value: { kind: 'sid', sid: text } };
  const number = parseE164(text);
  if (number.ok) return { ok: true, value: { kind: 'e164', phoneNumber: number.value } };
  return {
    ok: false,
    reason: `invalid number "${echoArgument(raw)}": expected E.164 (e.g. +14155550100) or a phone number SID (PN followed by 32 hex digits)`,
  };
}

export function describeTarget(target: NumberTarget): string {
  return target.kind === 'e164' ? target.phoneNumber : target.sid;
}
