import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * twilio-run's deploy cache: after `twilio-run deploy` it writes `.twiliodeployinfo`
 * in the project folder, a JSON object keyed `"<username>:<region>"` (older versions:
 * `"<username>"`), where username is the Account SID or API key used to deploy, each
 * value `{ serviceSid: "ZS…", latestBuild: "ZB…" }` (twilio-run 5,
 * src/utils/deployInfoCache.ts). It holds no domain: that comes from the service's
 * environments.
 */
export const DEPLOY_INFO_FILE = '.twiliodeployinfo';

export interface DeployInfo {
  readonly serviceSid: string;
  readonly latestBuild: string;
}

export type DeployInfoResult =
  | { readonly ok: true; readonly info: DeployInfo }
  | { readonly ok: false; readonly reason: string };

function isDeployInfo(value: unknown): value is DeployInfo {
  const candidate = value as Partial<DeployInfo> | null;
  return (
    typeof candidate?.serviceSid === 'string' &&
    /^ZS[0-9a-fA-F]{32}$/.test(candidate.serviceSid) &&
    typeof candidate.latestBuild === 'string' &&
    /^ZB[0-9a-fA-F]{32}$/.test(candidate.latestBuild)
  );
}

/** Parses the cache's text; `accountSid`/`region` choose the entry as twilio-run does. */
export function parseDeployInfo(
  text: string,
  accountSid: string,
  region = 'us1',
): DeployInfoResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, reason: `${DEPLOY_INFO_FILE} is not valid JSON` };
  }
  if (typeof data !== 'object' || data === null) {
    return { ok: false, reason: `${DEPLOY_INFO_FILE} does not hold deploy entries` };
  }
  const entries = data as Record<string, unknown>;
  const preferred = entries[`${accountSid}:${region}`] ?? entries[accountSid];
  if (isDeployInfo(preferred)) return { ok: true, info: preferred };
  // Deployed with an API key: the entry is keyed by the key's SID. One entry is unambiguous.
  const valid = Object.values(entries).filter(isDeployInfo);
  if (valid.length === 1 && valid[0]) return { ok: true, info: valid[0] };
  return {
    ok: false,
    reason:
      valid.length === 0
        ? `${DEPLOY_INFO_FILE} has no deploy entry`
        : `${DEPLOY_INFO_FILE} has ${valid.length} deploy entries and none for ${accountSid}`,
  };
}

export function readDeployInfo(dir: string, accountSid: string, region = 'us1'): DeployInfoResult {
  const file = join(dir, DEPLOY_INFO_FILE);
  if (!existsSync(file))
    return { ok: false, reason: `no ${DEPLOY_INFO_FILE} in ${dir} (run \`npm run deploy\` first)` };
  return parseDeployInfo(readFileSync(file, 'utf8'), accountSid, region);
}

export interface ServiceEnvironment {
  readonly domainName: string;
  readonly buildSid: string | null;
  readonly uniqueName: string;
}

/**
 * The environment the last deploy went to: the one running `latestBuild`. A service
 * with a single environment is unambiguous too (twilio-run deploys to `dev` unless told).
 */
export function pickDeployedDomain(
  environments: readonly ServiceEnvironment[],
  latestBuild: string,
):
  { readonly ok: true; readonly domain: string } | { readonly ok: false; readonly reason: string } {
  const running = environments.find((environment) => environment.buildSid === latestBuild);
  if (running) return { ok: true, domain: running.domainName };
  if (environments.length === 1 && environments[0])
    return { ok: true, domain: environments[0].domainName };
  if (environments.length === 0)
    return { ok: false, reason: 'the deployed service has no environment' };
  const domains = environments.map((environment) => environment.domainName).join(', ');
  return { ok: false, reason: `the last build runs in no single environment (${domains})` };
}
