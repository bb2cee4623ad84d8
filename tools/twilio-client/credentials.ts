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

const isSet = (value: string | undefined) => value !== undefined && value !== '';

type CredentialPair = (typeof CREDENTIAL_PAIRS)[number];

/**
 * For each environment `mergeEnvironment` built, the credential pairs fully set in the
 * shell, so `readCredentials` can prefer them without every caller passing the shell along.
 */
const SHELL_PAIRS = new WeakMap<object, readonly CredentialPair[]>();

/**
 * The process environment wins over `.env`, variable by variable, as with dotenv and
 * twilio-run: so local signing (`readAuthToken`) uses `.env`'s `AUTH_TOKEN`, the token
 * `npm start` checks `/events` against, even with `TWILIO_AUTH_TOKEN` exported for
 * `npm run sandbox`. Which pairs the shell set whole is remembered for `readCredentials`.
 */
export function mergeEnvironment(
  processEnv: Record<string, string | undefined>,
  dotEnv: Record<string, string>,
): Record<string, string> {
  const merged: Record<string, string> = { ...dotEnv };
  for (const [key, value] of Object.entries(processEnv)) {
    if (value !== undefined && value !== '') merged[key] = value;
  }
  SHELL_PAIRS.set(
    merged,
    CREDENTIAL_PAIRS.filter((pair) => isSet(processEnv[pair.sid]) && isSet(processEnv[pair.token])),
  );
  return merged;
}

/**
 * Picks the first complete credential pair; names what is missing or malformed. A pair
 * fully set in the shell comes first: with `TWILIO_ACCOUNT_SID`/`TWILIO_AUTH_TOKEN`
 * exported (as `npm run sandbox` says to) and `ACCOUNT_SID`/`AUTH_TOKEN` in `.env` (as
 * deploy needs), the REST calls go to the sandbox with the shell's pair, never with the
 * file's real credentials.
 */
export function readCredentials(env: Record<string, string | undefined>): CredentialsResult {
  const shellPairs = SHELL_PAIRS.get(env) ?? [];
  const pairs = [...shellPairs, ...CREDENTIAL_PAIRS.filter((pair) => !shellPairs.includes(pair))];
  for (const pair of pairs) {
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
