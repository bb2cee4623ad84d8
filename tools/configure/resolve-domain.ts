import { describeApiError } from '../twilio-client/describe-api-error';
import type { TwilioClient } from '../twilio-client/create-client';
import { pickDeployedDomain, readDeployInfo } from './deploy-info';
import { ToolError } from '../cli/tool-error';

const ASK_FOR_DOMAIN = 'pass --domain <service>-1234-dev.twil.io';

/**
 * The domain of the last `twilio-run deploy` from this folder: its service SID from
 * `.twiliodeployinfo`, then the service's environments (Serverless API). Any miss is a
 * usage error asking for `--domain`, never a guess.
 */
export async function resolveDeployedDomain(
  client: TwilioClient,
  dir: string,
  accountSid: string,
): Promise<string> {
  const info = readDeployInfo(dir, accountSid);
  if (!info.ok) throw new ToolError(`no --domain given and ${info.reason}: ${ASK_FOR_DOMAIN}`, 2);
  let environments;
  try {
    environments = await client.serverless.v1.services(info.info.serviceSid).environments.list();
  } catch (error) {
    throw new ToolError(
      `${describeApiError(error, `reading the environments of service ${info.info.serviceSid}`)}; or ${ASK_FOR_DOMAIN}`,
    );
  }
  const picked = pickDeployedDomain(environments, info.info.latestBuild);
  if (!picked.ok)
    throw new ToolError(`no --domain given and ${picked.reason}: ${ASK_FOR_DOMAIN}`, 2);
  return picked.domain;
}
