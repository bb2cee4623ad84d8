/**
 * `npm run deploy`: `twilio-run deploy` as before; with `--subaccount AC…[,AC…]` the
 * same deploy into each subaccount, one after another (Twilio answers 429 to too many
 * concurrent uploads, and one at a time keeps each account's output readable).
 *
 * Each subaccount's auth token is fetched with the parent's credentials
 * (`GET /2010-04-01/Accounts/{Sid}.json`: a parent reaches its subaccounts,
 * https://www.twilio.com/docs/iam/api/subaccounts), kept in memory, and handed to the
 * child in its process environment only (subaccount-env.ts says how twilio-run reads
 * it): never on a command line, never in a file, never printed.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CliIo } from '../cli/cli-io';
import { EXIT, ToolError } from '../cli/tool-error';
import {
  closeTwilioClient,
  createTwilioClient,
  type TwilioClient,
} from '../twilio-client/create-client';
import { mergeEnvironment, readCredentials, readDotEnv } from '../twilio-client/credentials';
import { describeApiError } from '../twilio-client/describe-api-error';
import { readDeployments } from '../twilio-client/serverless-deployments';
import type { DeployRequest } from './deploy-request';
import { deployServiceName } from './service-name';
import { deployArgs, subaccountEnvFile, subaccountProcessEnv } from './subaccount-env';

export interface DeployIo extends CliIo {
  /** The command that runs twilio-run (tests pass a stub): default the project's own. */
  readonly twilioRunCommand?: readonly string[];
}

const PROJECT_TWILIO_RUN = resolve(__dirname, '..', '..', 'node_modules', '.bin', 'twilio-run');

/** Runs the child with its output forwarded line by line; resolves with its exit code. */
function runChild(
  command: readonly string[],
  args: readonly string[],
  env: Record<string, string>,
  io: DeployIo,
): Promise<number> {
  return new Promise((done) => {
    const child = spawn(command[0]!, [...command.slice(1), ...args], {
      cwd: io.cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const forward = (stream: NodeJS.ReadableStream, write: (text: string) => void) => {
      let rest = '';
      stream.on('data', (chunk: Buffer) => {
        const lines = (rest + chunk.toString('utf8')).split('\n');
        rest = lines.pop()!;
        for (const line of lines) write(line);
      });
      stream.on('end', () => rest && write(rest));
    };
    forward(child.stdout, io.stdout);
    forward(child.stderr, io.stderr);
    child.on('error', (error) => {
      io.stderr(`error: could not run twilio-run: ${error.message}`);
      done(EXIT.failed);
    });
    child.on('close', (code) => done(code ?? EXIT.failed));
  });
}

async function fetchSubaccount(
  parent: TwilioClient,
  parentSid: string,
  sid: string,
): Promise<{ ok: true; token: string } | { ok: false; reason: string }> {
  let account;
  try {
    account = await parent.api.v2010.accounts(sid).fetch();
  } catch (error) {
    return { ok: false, reason: describeApiError(error, `fetching subaccount ${sid}`) };
  }
  if (account.ownerAccountSid !== parentSid || account.sid === parentSid) {
    return { ok: false, reason: `${sid} is not a subaccount of ${parentSid}` };
  }
  if (account.status !== 'active') {
    return { ok: false, reason: `${sid} is ${account.status}: nothing can be deployed there` };
  }
  return { ok: true, token: account.authToken };
}

async function domainsOf(
  client: TwilioClient,
  sid: string,
  serviceName: string,
): Promise<string[]> {
  try {
    const deployments = await readDeployments(client, sid, 50);
    return deployments
      .filter((deployment) => deployment.serviceName === serviceName)
      .map((deployment) => deployment.domain);
  } catch {
    return [];
  }
}

export async function runDeploy(request: DeployRequest, io: DeployIo): Promise<number> {
  const command = io.twilioRunCommand ?? [PROJECT_TWILIO_RUN];
  if (request.subaccounts.length === 0) {
    const env = Object.fromEntries(
      Object.entries(io.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
    return runChild(command, ['deploy', ...request.passThrough], env, io);
  }
  const env = mergeEnvironment(io.env, readDotEnv(io.cwd));
  const credentials = readCredentials(env);
  if (!credentials.ok) throw new ToolError(credentials.reason, 3);
  const parentSid = credentials.credentials.accountSid;
  const parent = createTwilioClient(credentials.credentials, io.httpClient, env);
  const dotEnvFile = join(io.cwd, '.env');
  const envFile = subaccountEnvFile(
    existsSync(dotEnvFile) ? readFileSync(dotEnvFile, 'utf8') : undefined,
  );
  const dir = mkdtempSync(join(tmpdir(), 'deploy-subaccount-'));
  const serviceName = deployServiceName(io.cwd, undefined);
  const failed: string[] = [];
  try {
    const envPath = join(dir, 'subaccount.env');
    // Names ACCOUNT_SID/AUTH_TOKEN empty; the values travel in the child's environment.
    writeFileSync(envPath, envFile, { mode: 0o600 });
    for (const sid of request.subaccounts) {
      const found = await fetchSubaccount(parent, parentSid, sid);
      if (!found.ok) {
        io.stderr(`${sid}: not deployed: ${found.reason}`);
        failed.push(sid);
        continue;
      }
      io.stdout(`${sid}: deploying with twilio-run (credentials in the environment)`);
      const code = await runChild(
        command,
        deployArgs(envPath, request.passThrough),
        subaccountProcessEnv(io.env, sid, found.token),
        io,
      );
      if (code !== 0) {
        io.stderr(`${sid}: twilio-run deploy exited ${code}`);
        failed.push(sid);
        continue;
      }
      const client = createTwilioClient(
        { accountSid: sid, authToken: found.token },
        parent.httpClient,
      );
      const domains = await domainsOf(client, sid, serviceName);
      io.stdout(
        domains.length > 0
          ? `${sid}: deployed: ${domains.map((domain) => `https://${domain}`).join(', ')}`
          : `${sid}: deployed (no "${serviceName}" Service found afterwards to name its domain)`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    closeTwilioClient(parent);
  }
  if (failed.length > 0) {
    io.stderr(`Not deployed: ${failed.join(', ')}. Re-run with --subaccount ${failed.join(',')}`);
    return EXIT.failed;
  }
  return EXIT.ok;
}
