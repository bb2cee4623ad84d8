/**
 * Which `*.twil.io` domains an account owns, and the visibility of each path deployed
 * there: Serverless Services → Environments (`domain_name`, `build_sid`) →
 * Builds/{Sid} (`function_versions[]` and `asset_versions[]` with `path`, `visibility`),
 * https://www.twilio.com/docs/serverless/api. Twilio has no reverse lookup from a
 * domain to its account, so each account of the tree is asked with its own
 * credentials (Serverless is a version-1 product: it serves whoever authenticates).
 * Functions (Classic) do not appear in this API.
 */
import type { TwilioClient } from './create-client';

export type Visibility = 'public' | 'protected' | 'private';

export interface Deployment {
  readonly accountSid: string;
  readonly serviceSid: string;
  readonly serviceName: string;
  readonly domain: string;
  /** Path (`/fallback`) → visibility, from the build running in this environment. */
  readonly paths: ReadonlyMap<string, Visibility>;
}

function visibilityOf(raw: unknown): Visibility {
  const text = typeof raw === 'string' ? raw.toLowerCase() : '';
  return text === 'public' || text === 'private' ? text : 'protected';
}

function pathsOf(versions: readonly unknown[], paths: Map<string, Visibility>): void {
  for (const version of versions) {
    const { path, visibility } = (version ?? {}) as { path?: unknown; visibility?: unknown };
    if (typeof path === 'string') paths.set(path, visibilityOf(visibility));
  }
}

export async function readDeployments(
  client: TwilioClient,
  accountSid: string,
  pageSize: number,
): Promise<Deployment[]> {
  const deployments: Deployment[] = [];
  const services = await client.serverless.v1.services.list({ pageSize });
  for (const service of services) {
    const environments = await client.serverless.v1
      .services(service.sid)
      .environments.list({ pageSize });
    for (const environment of environments) {
      const paths = new Map<string, Visibility>();
      if (environment.buildSid) {
        const build = await client.serverless.v1
          .services(service.sid)
          .builds(environment.buildSid)
          .fetch();
        pathsOf(build.functionVersions ?? [], paths);
        pathsOf(build.assetVersions ?? [], paths);
      }
      deployments.push({
        accountSid,
        serviceSid: service.sid,
        serviceName: service.uniqueName,
        domain: environment.domainName.toLowerCase(),
        paths,
      });
    }
  }
  return deployments;
}
