/**
 * How `twilio-run deploy` (5.0.1) is handed a subaccount's credentials without a
 * command line or a file holding them:
 * - it takes credentials from `--username`/`--password` (visible in `ps`), else from
 *   `ACCOUNT_SID`/`AUTH_TOKEN` of the env file (dist/config/utils/credentials.js);
 * - `--load-system-env` fills only the keys the env file NAMES and leaves EMPTY
 *   (`localEnv[key] || process.env[key]`, dist/config/utils/env.js), and needs `--env`.
 * So the child gets an env file that names `ACCOUNT_SID=` and `AUTH_TOKEN=` empty (plus
 * the project's other variables, deployed as before) and the values in its process
 * environment. twilio-run never uploads ACCOUNT_SID/AUTH_TOKEN as variables
 * (filterEnvVariablesForDeploy deletes them).
 *
 * State: twilio-run 5 keeps the deployed Service SID in `.twiliodeployinfo`, keyed
 * `"<ACCOUNT_SID>:<region>"` (dist/utils/deployInfoCache.js), so deploying into several
 * accounts keeps one entry each; the legacy `.twilio-functions` file is ignored with a
 * warning (dist/checks/legacy-config.js).
 */
/** Credential and tool variables that must not travel into a subaccount's deployment. */
const DROPPED = new Set(['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_API_BASE_URL']);
const FILLED = ['ACCOUNT_SID', 'AUTH_TOKEN'] as const;

/**
 * The env file for the child: the project's `.env` lines as they are (deployed as
 * before), credential lines dropped, and `ACCOUNT_SID=`/`AUTH_TOKEN=` named empty.
 */
export function subaccountEnvFile(projectDotEnv: string | undefined): string {
  const kept = (projectDotEnv ?? '').split(/\r?\n/).filter((line) => {
    const key = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line)?.[1];
    return key === undefined || !(DROPPED.has(key) || (FILLED as readonly string[]).includes(key));
  });
  return `${[...FILLED.map((key) => `${key}=`), ...kept].join('\n').trimEnd()}\n`;
}

/** The child's process environment: the subaccount's credentials, no parent ones. */
export function subaccountProcessEnv(
  env: Record<string, string | undefined>,
  accountSid: string,
  authToken: string,
): Record<string, string> {
  const child: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && !DROPPED.has(key)) child[key] = value;
  }
  child.ACCOUNT_SID = accountSid;
  child.AUTH_TOKEN = authToken;
  return child;
}

/** `twilio-run deploy` flags that make it read the credentials from the environment. */
export function deployArgs(envFile: string, passThrough: readonly string[]): string[] {
  return ['deploy', '--env', envFile, '--load-system-env', ...passThrough];
}
