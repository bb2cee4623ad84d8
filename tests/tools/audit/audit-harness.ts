/**
 * Runs `audit` in-process against the stateful stand-in (tools/sandbox), the way a
 * user does: credentials and TWILIO_API_BASE_URL in the environment, the tools' own
 * HTTP client. A test may pass its own ToolRequestClient to watch retries.
 */

import type RequestClient from 'twilio/lib/base/RequestClient';
import { runAuditCli } from '../../../tools/audit/cli';
import { parseWebhookUrl } from '../../../tools/emulator/connection-overrides';
import {
  applicationRecord,
  emptyAccount,
  numberRecord,
  serviceRecord,
  sidOf,
  type StoredAccount,
} from '../../../tools/sandbox/account-state';
import { startApiStandIn, type RunningApiStandIn } from '../../../tools/sandbox/api-stand-in';
import { DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN } from '../../../tools/sandbox/demo-account';
import { demoTree } from '../../../tools/sandbox/demo-tree';
import { makeTempDir, removeTempDir } from '../../support/temp-dir';

export const ACCOUNT_SID = sidOf('AC', 0xa11);
export const AUTH_TOKEN = 'audit-test-token';

export interface AuditRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runAudit(
  standIn: Pick<RunningApiStandIn, 'baseUrl'>,
  argv: readonly string[],
  options: {
    env?: Record<string, string>;
    httpClient?: RequestClient;
    progress?: (line: string) => void;
  } = {},
): Promise<AuditRun> {
  const cwd = makeTempDir('audit-cli');
  let stdout = '';
  let stderr = '';
  try {
    const code = await runAuditCli(argv, {
      stdout: (text) => (stdout += `${text}\n`),
      stderr: (text) => (stderr += `${text}\n`),
      env: options.env ?? {
        TWILIO_ACCOUNT_SID: ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: AUTH_TOKEN,
        TWILIO_API_BASE_URL: standIn.baseUrl,
      },
      cwd,
      ...(options.httpClient ? { httpClient: options.httpClient } : {}),
      ...(options.progress ? { progress: options.progress } : {}),
    });
    return { code, stdout, stderr };
  } finally {
    removeTempDir(cwd);
  }
}

export const pn = (n: number) => sidOf('PN', n);
export const e164 = (n: number) => `+1202555${String(n).padStart(4, '0')}`;
export const APP_HOST = 'https://app.example.com';
export const OTHER_HOST = 'https://backup.example.net';
export const DOMAIN = 'guard-9999-dev.twil.io';

/** An empty test account; `fill` adds what a test needs. */
export function testAccount(fill: (account: StoredAccount) => void): StoredAccount {
  const account = emptyAccount(ACCOUNT_SID, AUTH_TOKEN, 'audit test account');
  fill(account);
  return account;
}

export function addNumber(
  account: StoredAccount,
  n: number,
  fields: Parameters<typeof numberRecord>[2] = {},
): void {
  account.numbers.set(pn(n), numberRecord(pn(n), e164(n), fields));
}

export { applicationRecord, serviceRecord, sidOf };

export async function withStandIn<T>(
  account: StoredAccount | StoredAccount[],
  test: (standIn: RunningApiStandIn) => Promise<T>,
): Promise<T> {
  const standIn = await startApiStandIn({ accounts: [account].flat() });
  try {
    return await test(standIn);
  } finally {
    await standIn.close();
  }
}

/** `audit --subaccounts ...` with the credentials of the sandbox tree's parent. */
export function runTreeAudit(
  standIn: Pick<RunningApiStandIn, 'baseUrl'>,
  argv: readonly string[],
  httpClient?: RequestClient,
): Promise<AuditRun> {
  return runAudit(standIn, ['--subaccounts', ...argv], {
    env: {
      TWILIO_ACCOUNT_SID: DEMO_ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: DEMO_AUTH_TOKEN,
      TWILIO_API_BASE_URL: standIn.baseUrl,
    },
    ...(httpClient ? { httpClient } : {}),
  });
}

/** The stand-in seeded with the sandbox's tree (npm run sandbox -- --tree), or `accounts`. */
export function withTree<T>(
  test: (standIn: RunningApiStandIn) => Promise<T>,
  accounts: StoredAccount[] = demoTree(),
): Promise<T> {
  return withStandIn(accounts, test);
}

/** Requests that broke Twilio's contract (the stand-in answers them 422 or 500). */
export function violations(standIn: RunningApiStandIn): string[] {
  return standIn.requests
    .filter((r) => r.violation)
    .map((r) => `${r.method} ${r.operation}: ${r.violation}`);
}

export function writes(standIn: RunningApiStandIn) {
  return standIn.requests.filter((r) => r.method === 'POST');
}

/**
 * A primary URL as `--fast-failover auto` writes it: the URL, then configure's fragment
 * (ct 1000, rt from the p99 in 100 ms steps and at least 1 s, tt = ct + rt); `kept` are
 * other keys that must survive.
 */
export function expectTunedUrl(
  url: string | null | undefined,
  requestUrl: string,
  kept: object = {},
) {
  const parsed = parseWebhookUrl(url ?? '');
  expect(parsed.requestUrl).toBe(requestUrl);
  const { ct, rt, tt } = parsed.overrides;
  expect({ ct, tt, rtStep: rt % 100, rtAtLeast1s: rt >= 1000, ...kept }).toEqual({
    ct: 1000,
    tt: ct + rt,
    rtStep: 0,
    rtAtLeast1s: true,
    ...kept,
  });
  return parsed;
}
