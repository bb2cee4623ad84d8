/**
 * Twilio Serverless (serverless.twilio.com/v1) as the account tree's audit reads it:
 * Services → Environments (`domain_name`, `build_sid`) → Builds/{Sid}
 * (`function_versions[]` / `asset_versions[]` with `path` and `visibility`). A
 * version-1 product: it serves the account that authenticates, whatever the caller
 * asks for (https://www.twilio.com/docs/iam/api/subaccounts).
 */
import type { StoredAccount, StoredBuild, StoredServerlessService } from './account-state';
import type { Json } from './openapi-contract';
import { pageV1 } from './pagination';
import {
  itemTemplate,
  listed,
  merged,
  notFound,
  notServed,
  type Answer,
  type Call,
} from './stand-in-call';

const SERVICES = '/v1/Services';
const ENVIRONMENTS = '/v1/Services/{ServiceSid}/Environments';
const BUILD = '/v1/Services/{ServiceSid}/Builds/{Sid}';
const ORIGIN = 'https://serverless.twilio.com';

/** Twilio addresses a Service by its SID or its unique name. */
function serviceOf(account: StoredAccount, key: string): StoredServerlessService | undefined {
  return (
    account.serverless.get(key) ??
    [...account.serverless.values()].find((service) => service.uniqueName === key)
  );
}

export function handleServerless(call: Call): Answer {
  const account = call.caller;
  if (call.method === 'GET' && call.template === SERVICES) {
    const { items, total, request } = listed([...account.serverless.keys()], call, (sid) => {
      const service = account.serverless.get(sid)!;
      const url = `${ORIGIN}/v1/Services/${sid}`;
      return merged(itemTemplate(call, SERVICES, 'services'), {
        sid,
        account_sid: account.sid,
        unique_name: service.uniqueName,
        friendly_name: service.friendlyName,
        url,
        links: { environments: `${url}/Environments`, builds: `${url}/Builds` },
      });
    });
    return { status: 200, body: pageV1('services', ORIGIN, SERVICES, items, total, request) };
  }
  const service = serviceOf(account, call.params.ServiceSid ?? '');
  if (!service) return notFound(`Service ${call.params.ServiceSid}`);
  if (call.method === 'GET' && call.template === ENVIRONMENTS) {
    const bySid = new Map(
      service.environments.map((environment) => [environment.sid, environment]),
    );
    const { items, total, request } = listed([...bySid.keys()], call, (sid) => {
      const environment = bySid.get(sid)!;
      return merged(itemTemplate(call, ENVIRONMENTS, 'environments'), {
        sid,
        account_sid: account.sid,
        service_sid: service.sid,
        build_sid: environment.buildSid,
        unique_name: environment.uniqueName,
        domain_suffix: environment.domainSuffix,
        domain_name: environment.domainName,
        url: `${ORIGIN}/v1/Services/${service.sid}/Environments/${sid}`,
      });
    });
    const path = ENVIRONMENTS.replace('{ServiceSid}', service.sid);
    return { status: 200, body: pageV1('environments', ORIGIN, path, items, total, request) };
  }
  if (call.method === 'GET' && call.template === BUILD) {
    const build = service.builds.get(call.params.Sid!);
    if (!build) return notFound(`Build ${call.params.Sid}`);
    const versions = (list: StoredBuild['functionVersions'], prefix: string): Json[] =>
      list.map((version, index) => ({
        sid: `${prefix}${String(index + 1).padStart(32, '0')}`,
        account_sid: account.sid,
        service_sid: service.sid,
        path: version.path,
        // Twilio answers visibility in upper case (the spec's own example: "PUBLIC").
        visibility: version.visibility.toUpperCase(),
      }));
    const template = call.contract.example('GET', BUILD, 200) as Record<string, Json>;
    return {
      status: 200,
      body: merged(template, {
        sid: build.sid,
        account_sid: account.sid,
        service_sid: service.sid,
        function_versions: versions(build.functionVersions, 'ZN'),
        asset_versions: versions(build.assetVersions, 'ZN'),
        url: `${ORIGIN}/v1/Services/${service.sid}/Builds/${build.sid}`,
      }),
    };
  }
  return notServed(call);
}
