/**
 * The sandbox a newcomer runs: the demo account covers every state, the stand-in keeps
 * Twilio's contract, and the real commands (spawned, as `npm run` does) go green
 * against it and exit on their own.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import type { AuditJson } from '../../../tools/audit/audit-report';
import { VERDICTS, type Verdict } from '../../../tools/audit/verdict';
import { emptyAccount, serviceRecord, sidOf } from '../../../tools/sandbox/account-state';
import { startApiStandIn } from '../../../tools/sandbox/api-stand-in';
import {
  DEMO_ACCOUNT_SID,
  DEMO_AUTH_TOKEN,
  demoAccount,
} from '../../../tools/sandbox/demo-account';
import { runAudit } from '../audit/audit-harness';
import { PROJECT_ROOT } from '../../support/dev-server';

const DEMO_ENV = (baseUrl: string) => ({
  TWILIO_ACCOUNT_SID: DEMO_ACCOUNT_SID,
  TWILIO_AUTH_TOKEN: DEMO_AUTH_TOKEN,
  TWILIO_API_BASE_URL: baseUrl,
});

/** Verdicts a plain audit of one account cannot give. */
const NEEDS_FLAG: ReadonlySet<Verdict> = new Set(['fallback-broken', 'cross-account']);

const basic = (sid: string, token: string) =>
  `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}`;

describe('the demo account', () => {
  it('holds every verdict (but those only --probe or --subaccounts give) and every kind of answerer', async () => {
    const standIn = await startApiStandIn({ accounts: [demoAccount()] });
    try {
      const run = await runAudit(standIn, ['--json'], { env: DEMO_ENV(standIn.baseUrl) });
      const json = JSON.parse(run.stdout) as AuditJson;
      expect(json.summary.numbers).toBe(12);
      expect(new Set(json.items.map((i) => i.verdict))).toEqual(
        new Set(VERDICTS.filter((verdict) => !NEEDS_FLAG.has(verdict))),
      );
      expect(new Set(json.items.map((i) => i.answeredBy.kind))).toEqual(
        new Set(['number', 'application', 'messaging-service', 'trunk']),
      );
    } finally {
      await standIn.close();
    }
  });
});

describe('the stand-in keeps Twilio’s contract', () => {
  it.each<[string, string, RequestInit, number, string | undefined]>([
    [
      'an unknown query parameter',
      '/api/2010-04-01/Accounts/{AC}/IncomingPhoneNumbers.json?Bogus=1',
      {},
      422,
      'query: / must NOT have additional properties',
    ],
    [
      'a page size above 1000',
      '/api/2010-04-01/Accounts/{AC}/IncomingPhoneNumbers.json?PageSize=5000',
      {},
      422,
      'query: /PageSize must be <= 1000',
    ],
    [
      'a bad form value',
      '/messaging/v1/Services/MG00000000000000000000000000000001',
      {
        method: 'POST',
        body: 'FallbackMethod=PUT',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
      422,
      'form: /FallbackMethod must be equal to one of the allowed values',
    ],
    [
      'a path the spec does not have',
      '/api/2010-04-01/Nope.json',
      {},
      404,
      'no such operation in the spec',
    ],
    ['an unknown product', '/nope/v1/Things', {}, 404, 'unknown product'],
  ])('refuses %s', async (_, path, init, status, violation) => {
    const standIn = await startApiStandIn({ accounts: [demoAccount()] });
    try {
      const response = await fetch(`${standIn.baseUrl}${path.replace('{AC}', DEMO_ACCOUNT_SID)}`, {
        ...init,
        headers: {
          ...(init.headers as Record<string, string>),
          authorization: basic(DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN),
        },
      });
      expect(response.status).toBe(status);
      expect(standIn.requests.map((r) => r.violation)).toEqual([violation]);
    } finally {
      await standIn.close();
    }
  });

  it('serves version-1 products for the account that authenticates (the account-tree rule)', async () => {
    const other = emptyAccount(sidOf('AC', 0xb), 'other-token', 'other');
    other.services.set(sidOf('MG', 9), serviceRecord(sidOf('MG', 9)));
    const standIn = await startApiStandIn({ accounts: [demoAccount(), other] });
    try {
      const list = async (sid: string, token: string) => {
        const response = await fetch(`${standIn.baseUrl}/messaging/v1/Services`, {
          headers: { authorization: basic(sid, token) },
        });
        return ((await response.json()) as { services: { sid: string }[] }).services.map(
          (s) => s.sid,
        );
      };
      expect(await list(other.sid, 'other-token')).toEqual([sidOf('MG', 9)]);
      expect(await list(DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN)).toEqual([
        sidOf('MG', 1),
        sidOf('MG', 2),
      ]);
      const foreign = await fetch(
        `${standIn.baseUrl}/api/2010-04-01/Accounts/${DEMO_ACCOUNT_SID}/Applications.json`,
        {
          headers: { authorization: basic(other.sid, 'other-token') },
        },
      );
      expect(foreign.status).toBe(404);
    } finally {
      await standIn.close();
    }
  });
});

function runTool(script: string, args: readonly string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolveRun) => {
    execFile(
      process.execPath,
      [require.resolve('tsx/cli'), script, ...args],
      {
        cwd: PROJECT_ROOT,
        timeout: 30000,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', ...env },
      },
      (error, stdout, stderr) => {
        resolveRun({
          code: error ? (typeof error.code === 'number' ? error.code : null) : 0,
          stdout,
          stderr,
        });
      },
    );
  });
}

describe('npm run sandbox, end to end', () => {
  let sandbox: ChildProcess | undefined;
  afterAll(() => {
    sandbox?.kill();
  });

  it('prints what to export; audit and audit --fix --yes run against it, exit by themselves, and the audit goes green', async () => {
    sandbox = spawn(process.execPath, [require.resolve('tsx/cli'), 'tools/sandbox.ts'], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const baseUrl = await new Promise<string>((resolveUrl, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`no base URL printed:\n${output}`)), 30000);
      sandbox!.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = /export TWILIO_API_BASE_URL=(\S+)/.exec(output);
        if (found && output.includes('Ctrl-C')) {
          clearTimeout(timer);
          resolveUrl(found[1]!);
        }
      });
    });
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const env = DEMO_ENV(baseUrl);
    // Each command exits by itself (execFile's timeout would report code null).
    const before = await runTool('tools/audit.ts', [], env);
    expect(before.code).toBe(1);
    expect(before.stdout.split('\n')[0]).toBe('voice: 3 of 12 numbers protected; SMS: 3 of 12');
    const fix = await runTool(
      'tools/audit.ts',
      ['--fix', '--domain', 'guard-1234-dev.twil.io', '--yes'],
      env,
    );
    expect(fix.code).toBe(0);
    const after = await runTool('tools/audit.ts', [], env);
    expect({ code: after.code, first: after.stdout.split('\n')[0] }).toEqual({
      code: 0,
      first: 'voice: 9 of 12 numbers protected; SMS: 9 of 12',
    });
  }, 240000);
});
