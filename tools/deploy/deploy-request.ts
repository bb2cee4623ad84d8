import type { Parsed } from '../../src/config/validators';

/** `npm run deploy -- [--subaccount AC…[,AC…]] [twilio-run deploy flags]`. */
export interface DeployRequest {
  /** Subaccounts to deploy into, in order; empty: the credentials' own account. */
  readonly subaccounts: readonly string[];
  /** Flags handed to `twilio-run deploy` as they are (never credentials). */
  readonly passThrough: readonly string[];
}

const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;
/** twilio-run's credential flags: on a command line, `ps` shows them to every user. */
const CREDENTIAL_FLAGS = /^(--username|--password|-u|-p)(=|$)/;

export function parseDeployArgs(argv: readonly string[]): Parsed<DeployRequest> {
  const subaccounts: string[] = [];
  const passThrough: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (CREDENTIAL_FLAGS.test(arg)) {
      return {
        ok: false,
        reason: `${arg.split('=')[0]} puts a credential on the command line (ps shows it): set ACCOUNT_SID/AUTH_TOKEN in the environment or .env instead`,
      };
    }
    if (arg !== '--subaccount' && !arg.startsWith('--subaccount=')) {
      passThrough.push(arg);
      continue;
    }
    const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
    if (value === undefined || value.trim() === '') {
      return {
        ok: false,
        reason: '--subaccount needs an Account SID (AC…) or a comma-separated list',
      };
    }
    for (const sid of value.split(',').map((part) => part.trim())) {
      if (!ACCOUNT_SID.test(sid)) {
        return {
          ok: false,
          reason: `--subaccount "${sid}" is not an Account SID (expected AC followed by 32 hex digits)`,
        };
      }
      if (!subaccounts.includes(sid)) subaccounts.push(sid);
    }
  }
  return { ok: true, value: { subaccounts, passThrough } };
}
