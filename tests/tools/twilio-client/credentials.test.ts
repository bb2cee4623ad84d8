/** Where the tools find Twilio credentials: the environment, then .env. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  mergeEnvironment,
  readAuthToken,
  readCredentials,
  readDotEnv,
} from '../../../tools/twilio-client/credentials';
import { describeApiError } from '../../../tools/twilio-client/describe-api-error';
import RestException from 'twilio/lib/base/RestException';
import { makeTempDir, removeTempDir } from '../../support/temp-dir';

const SID_A = 'AC' + 'a'.repeat(32);
const SID_B = 'AC' + 'b'.repeat(32);

describe('readCredentials', () => {
  it.each<[string, Record<string, string>, unknown]>([
    [
      'the Functions spelling',
      { ACCOUNT_SID: SID_A, AUTH_TOKEN: 'ta' },
      { accountSid: SID_A, authToken: 'ta', source: 'ACCOUNT_SID/AUTH_TOKEN' },
    ],
    [
      'the twilio CLI spelling',
      { TWILIO_ACCOUNT_SID: SID_B, TWILIO_AUTH_TOKEN: 'tb' },
      { accountSid: SID_B, authToken: 'tb', source: 'TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN' },
    ],
    [
      'a complete pair over a half one',
      { ACCOUNT_SID: SID_A, TWILIO_ACCOUNT_SID: SID_B, TWILIO_AUTH_TOKEN: 'tb' },
      { accountSid: SID_B, authToken: 'tb', source: 'TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN' },
    ],
  ])('takes %s', (_name, env, credentials) => {
    expect(readCredentials(env)).toEqual({ ok: true, credentials });
  });

  it.each<[string, Record<string, string>, string]>([
    ['nothing', {}, 'missing Twilio credentials'],
    ['a SID without token', { ACCOUNT_SID: SID_A }, 'missing Twilio credentials'],
    [
      'a malformed SID',
      { ACCOUNT_SID: 'ACxyz', AUTH_TOKEN: 't' },
      'ACCOUNT_SID is not an Account SID',
    ],
  ])('refuses %s', (_name, env, reason) => {
    const result = readCredentials(env);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('reads .env and lets the environment win', () => {
    const dir = makeTempDir('credentials');
    try {
      expect(readDotEnv(dir)).toEqual({});
      writeFileSync(join(dir, '.env'), `# tools\nACCOUNT_SID=${SID_A}\nAUTH_TOKEN="from file"\n`);
      const merged = mergeEnvironment({ AUTH_TOKEN: 'from shell', EMPTY: '' }, readDotEnv(dir));
      expect(merged).toEqual({ ACCOUNT_SID: SID_A, AUTH_TOKEN: 'from shell' });
      expect(readAuthToken(mergeEnvironment({}, readDotEnv(dir)))).toBe('from file');
    } finally {
      removeTempDir(dir);
    }
  });
});

describe('REST credentials: a pair fully set in the shell wins over .env', () => {
  const FILE_PAIR = { ACCOUNT_SID: SID_A, AUTH_TOKEN: 'file token' };
  it.each<[string, Record<string, string>, Record<string, string>, string, string]>([
    [
      // The case that motivated the rule: a filled .env must not send real credentials to the sandbox.
      'the sandbox: TWILIO_* exported, ACCOUNT_SID/AUTH_TOKEN in .env',
      { TWILIO_ACCOUNT_SID: SID_B, TWILIO_AUTH_TOKEN: 'shell token' },
      FILE_PAIR,
      SID_B,
      'shell token',
    ],
    [
      'the reverse spelling',
      { ACCOUNT_SID: SID_B, AUTH_TOKEN: 'shell token' },
      { TWILIO_ACCOUNT_SID: SID_A, TWILIO_AUTH_TOKEN: 'file token' },
      SID_B,
      'shell token',
    ],
    [
      'a token alone in the shell is no pair: the file’s pair',
      { TWILIO_AUTH_TOKEN: 'shell token' },
      FILE_PAIR,
      SID_A,
      'file token',
    ],
    [
      'the same spelling mixes, variable by variable',
      { AUTH_TOKEN: 'shell token' },
      FILE_PAIR,
      SID_A,
      'shell token',
    ],
    ['nothing in the shell: the file', {}, FILE_PAIR, SID_A, 'file token'],
  ])('%s', (_name, shell, file, accountSid, authToken) => {
    const credentials = readCredentials(mergeEnvironment(shell, file));
    expect(credentials.ok ? credentials.credentials : undefined).toMatchObject({
      accountSid,
      authToken,
    });
  });
});

describe('local signing: .env’s AUTH_TOKEN is what npm start checks /events against', () => {
  it.each<[string, Record<string, string>, Record<string, string>, string]>([
    [
      'TWILIO_* exported for the sandbox do not hide .env’s AUTH_TOKEN',
      { TWILIO_ACCOUNT_SID: SID_B, TWILIO_AUTH_TOKEN: 'sandbox token' },
      { ACCOUNT_SID: SID_A, AUTH_TOKEN: 'file token' },
      'file token',
    ],
    [
      'a token alone in the shell does not hide it either',
      { TWILIO_AUTH_TOKEN: 'sandbox token' },
      { AUTH_TOKEN: 'file token' },
      'file token',
    ],
    [
      'AUTH_TOKEN in the shell wins, as it does for npm start',
      { AUTH_TOKEN: 'shell token' },
      { AUTH_TOKEN: 'file token' },
      'shell token',
    ],
    [
      'no AUTH_TOKEN anywhere: TWILIO_AUTH_TOKEN',
      { TWILIO_AUTH_TOKEN: 'sandbox token' },
      {},
      'sandbox token',
    ],
  ])('%s', (_name, shell, file, token) => {
    expect(readAuthToken(mergeEnvironment(shell, file))).toBe(token);
  });
});

describe('describeApiError', () => {
  it('names the code, status and what was being done, on one line', () => {
    const error = new RestException({
      statusCode: 404,
      body: {
        code: 20404,
        message: 'The requested resource\nwas not found',
        more_info: 'https://www.twilio.com/docs/errors/20404',
      },
    });
    expect(describeApiError(error, 'looking up +14155550100')).toBe(
      'Twilio API error 20404 (HTTP 404) while looking up +14155550100: The requested resource was not found (https://www.twilio.com/docs/errors/20404)',
    );
  });

  it("copes with an error answer that is not in Twilio's error shape", () => {
    const error = new RestException({
      statusCode: 422,
      body: { type: 'https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY' },
    });
    expect(describeApiError(error, 'updating x')).toBe(
      'Twilio API error (HTTP 422) while updating x: no error message in the answer',
    );
  });

  it('says a transport failure is one', () => {
    expect(describeApiError(new Error('connect ECONNREFUSED 127.0.0.1:1'), 'updating x')).toBe(
      'could not reach the Twilio API while updating x: connect ECONNREFUSED 127.0.0.1:1',
    );
  });
});
