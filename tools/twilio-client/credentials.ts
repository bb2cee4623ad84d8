import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

/** What a command-line tool needs to call the Twilio REST API. */
export interface TwilioCredentials {
  readonly accountSid: string;
  readonly authToken: string;
  /** Which variables they came from, for messages (never the values). */
  readonly source: string;
}

export type CredentialsResult =
  | { readonly ok: true; readonly credentials: TwilioCredentials }
  | { readonly ok: false; readonly reason: string };

const ACCOUNT_SID_PATTERN = /^AC[0-9a-fA-F]{32}$/;

/**
 * The two spellings a developer is likely to have: `ACCOUNT_SID`/`AUTH_TOKEN` are what
 * a Functions project's `.env` already holds (and what `context.getTwilioClient()` uses);
 * `TWILIO_ACCOUNT_SID`/`TWILIO_AUTH_TOKEN` are what the twilio CLI and SDK docs use.
 * A pair is taken whole so a SID from one never meets a token from the other.
 */
const CREDENTIAL_PAIRS = [
  { sid: 'ACCOUNT_SID', token: 'AUTH_TOKEN' },
  { sid: 'TWILIO_ACCOUNT_SID', token: 'TWILIO_AUTH_TOKEN' },
] as const;

/**
 * Reads `.env` in `dir` if it exists (Node's own parser, same syntax as dotenv).
 * A missing file is normal (credentials may come from the shell) and yields `{}`.
 */
export function readDotEnv(dir: string): Record<string, string> {
  const file = join(dir, '.env');
  if (!existsSync(file)) return {};
  return parseEnv(readFileSync(file, 'utf8')) as Record<string, string>;
}

/** Each credential variable's other spelling (`AUTH_TOKEN` ↔ `TWILIO_AUTH_TOKEN`, the SIDs alike). */
const OTHER_SPELLING: Readonly<Record<string, string>> = Object.fromEntries(
  (['sid', 'token'] as const).flatMap((role) => {
    const [first, second] = CREDENTIAL_PAIRS.map((pair) => pair[role]);
    return [
      [first, second],
      [second, first],
    ];
  }),
);

const isSet = (value: string | undefined) => value !== undefined && value !== '';

/**
 * The process environment wins over `.env`, as with dotenv and twilio-run, and a
 * credential set in the shell also hides its other spelling in `.env`: with
 * `TWILIO_ACCOUNT_SID`/`TWILIO_AUTH_TOKEN` exported (as `npm run sandbox` says to) and
 * `ACCOUNT_SID`/`AUTH_TOKEN` in `.env` (as deploy needs), the shell's pair is used,
 * not the file's, which would otherwise come first and silently win.
 */
export function mergeEnvironment(
  processEnv: Record<string, string | undefined>,
  dotEnv: Record<string, string>,
): Record<string, string> {
  const merged: Record<string, string> = { ...dotEnv };
  for (const [key, value] of Object.entries(processEnv)) {
    if (value === undefined || value === '') continue;
    merged[key] = value;
    const other = OTHER_SPELLING[key];
    if (other !== undefined && !isSet(processEnv[other])) delete merged[other];
  }
  return merged;
}

/** Picks the first complete credential pair; names what is missing or malformed. */
export function readCredentials(env: Record<string, string | undefined>): CredentialsResult {
  for (const pair of CREDENTIAL_PAIRS) {
    const accountSid = env[pair.sid]?.trim();
    const authToken = env[pair.token]?.trim();
    if (!accountSid || !authToken) continue;
    if (!ACCOUNT_SID_PATTERN.test(accountSid)) {
      return {
        ok: false,
        reason: `${pair.sid} is not an Account SID (expected AC followed by 32 hex digits)`,
      };
    }
    return {
      ok: true,
      credentials: { accountSid, authToken, source: `${pair.sid}/${pair.token}` },
    };
  }
  return {
    ok: false,
    reason:
      'missing Twilio credentials: set ACCOUNT_SID and AUTH_TOKEN (or TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN) in the environment or in .env',
  };
}

/** The auth token alone (for signing webhook requests), from either spelling. */
export function readAuthToken(env: Record<string, string | undefined>): string | undefined {
  for (const pair of CREDENTIAL_PAIRS) {
    const token = env[pair.token]?.trim();
    if (token) return token;
  }
  return undefined;
}
