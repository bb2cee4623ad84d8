/**
 * A stateful stand-in of the parts of Twilio's REST API the tools use, on 127.0.0.1:
 * IncomingPhoneNumbers and Applications (2010-04-01), Messaging Services and their
 * PhoneNumbers, SIP Trunks, Serverless, and the Webhooks configuration API's Rules and
 * Settings (webhooks-routes.ts). It is what `npm run sandbox` serves and what the tools'
 * tests run against, so the sandbox a user tries is the one the tests prove.
 *
 * Routes are those of TWILIO_API_BASE_URL: `https://<product>.twilio.com/<path>` is
 * served at `<baseUrl>/<product>/<path>`. Every request is checked against Twilio's
 * OpenAPI description of the operation (unknown or malformed parameters answer 422,
 * as Prism does) and every answer is checked against the operation's response schema
 * before it is sent (a mismatch is the stand-in's bug: HTTP 500, recorded).
 *
 * Credentials: HTTP Basic with an account's SID and auth token. 2010-04-01 paths name
 * the account; version-1 products serve the account that authenticates (Twilio's
 * subaccounts page), which is the rule issue 16's account tree builds on.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from '../emulator/loopback-servers';
import type { AccountStatus, StandInState, StoredAccount } from './account-state';
import { contractFor, twilioErrorBody, type Json } from './openapi-contract';
import { page2010, pageRequestOf, pageSlice, pageV1 } from './pagination';
import { handleServerless } from './serverless-routes';
import {
  itemTemplate,
  listed,
  merged,
  notFound,
  notServed,
  type Answer,
  type Call,
} from './stand-in-call';
import { applyForm, wireFieldsOf } from './wire-format';
import { handleWebhooks, WEBHOOKS_SPEC_FILE } from './webhooks-routes';

/** Twilio product (the host's first label) → the OpenAPI file that describes it. */
export const PRODUCT_SPECS = {
  api: 'twilio_api_v2010.json',
  messaging: 'twilio_messaging_v1.json',
  trunking: 'twilio_trunking_v1.json',
  serverless: 'twilio_serverless_v1.json',
  // Twilio publishes no OpenAPI file for this Public Beta API: the project's own, from the docs.
  webhooks: WEBHOOKS_SPEC_FILE,
} as const;
export type Product = keyof typeof PRODUCT_SPECS;

export interface RecordedRequest {
  readonly method: string;
  readonly product: string;
  /** The OpenAPI path template matched, or the raw path when none did. */
  readonly operation: string;
  readonly query: Readonly<Record<string, string>>;
  readonly form: Readonly<Record<string, string>>;
  readonly status: number;
  /** The Account SID the request authenticated as (HTTP Basic user name; never the token). */
  readonly authSid?: string;
  /** Why the request (or the stand-in's answer) broke the contract. */
  readonly violation?: string;
}

/** An error the stand-in answers instead of the real one, for fault tests. */
export interface InjectedFault {
  readonly method?: string;
  /** Matched against the path template, e.g. `Applications/{Sid}.json`. */
  readonly operationIncludes?: string;
  /** Matching requests let through before the fault starts (default 0). */
  readonly skip?: number;
  /** Matching requests answered with the fault (default 1). */
  readonly times?: number;
  readonly status: number;
  /** Twilio error code, e.g. 20429 for 429, 20500 for 500. */
  readonly code: number;
  readonly retryAfterSeconds?: number;
}

export interface RunningApiStandIn {
  /** The value for TWILIO_API_BASE_URL. */
  readonly baseUrl: string;
  readonly state: StandInState;
  /** Every request answered, in order. */
  readonly requests: RecordedRequest[];
  injectFault(fault: InjectedFault): void;
  account(sid: string): StoredAccount;
  close(): Promise<void>;
}

const NUMBERS = '/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json';
const NUMBER = '/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/{Sid}.json';
const APPLICATIONS = '/2010-04-01/Accounts/{AccountSid}/Applications.json';
const APPLICATION = '/2010-04-01/Accounts/{AccountSid}/Applications/{Sid}.json';
const SERVICES = '/v1/Services';
const SERVICE = '/v1/Services/{Sid}';
const SERVICE_NUMBERS = '/v1/Services/{ServiceSid}/PhoneNumbers';
const TRUNKS = '/v1/Trunks';
const TRUNK = '/v1/Trunks/{Sid}';

/**
 * The account a 2010-04-01 path names, when the caller may reach it: its own, or a
 * subaccount of it. Twilio's subaccounts page
 * (https://www.twilio.com/docs/iam/api/subaccounts): "a parent account can access any
 * of its subaccounts' resources" with the parent's SID and auth token; a subaccount
 * reaches neither its parent nor its siblings.
 */
function reachable(
  state: StandInState,
  caller: StoredAccount,
  sid: string,
): StoredAccount | undefined {
  const account = state.accounts.get(sid);
  if (!account) return undefined;
  return account.sid === caller.sid || account.ownerAccountSid === caller.sid ? account : undefined;
}

function accountOf(state: StandInState, call: Call): StoredAccount | undefined {
  const sid = call.params.AccountSid;
  if (sid === undefined) return call.caller;
  return reachable(state, call.caller, sid);
}

const ACCOUNTS = '/2010-04-01/Accounts.json';
const ACCOUNT = '/2010-04-01/Accounts/{Sid}.json';

function accountWire(call: Call, account: StoredAccount): Json {
  return merged(itemTemplate(call, ACCOUNTS, 'accounts'), {
    sid: account.sid,
    auth_token: account.authToken,
    friendly_name: account.friendlyName,
    owner_account_sid: account.ownerAccountSid,
    status: account.status,
    uri: `/2010-04-01/Accounts/${account.sid}.json`,
  });
}

/**
 * `Accounts.json`: the caller and its subaccounts (Twilio lists the parent too),
 * filtered by `Status` and `FriendlyName`; `Accounts/{Sid}.json`: one of them.
 */
function handleAccounts(state: StandInState, call: Call): Answer | undefined {
  if (call.method === 'GET' && call.template === ACCOUNT) {
    const account = reachable(state, call.caller, call.params.Sid!);
    return account
      ? { status: 200, body: accountWire(call, account) }
      : notFound(`Account ${call.params.Sid}`);
  }
  if (call.method !== 'GET' || call.template !== ACCOUNTS) return undefined;
  const status = call.query.Status as AccountStatus | undefined;
  const name = call.query.FriendlyName;
  const sids = [...state.accounts.values()]
    .filter((account) => reachable(state, call.caller, account.sid))
    .filter(
      (account) =>
        (status === undefined || account.status === status) &&
        (name === undefined || account.friendlyName === name),
    )
    .map((account) => account.sid);
  const { items, total, request } = listed(sids, call, (sid) =>
    accountWire(call, state.accounts.get(sid)!),
  );
  const filters = Object.fromEntries(
    Object.entries({ FriendlyName: name, Status: status }).filter(([, v]) => v !== undefined),
  ) as Record<string, string>;
  return { status: 200, body: page2010('accounts', ACCOUNTS, items, total, request, filters) };
}

function numberWire(call: Call, account: StoredAccount, sid: string): Json {
  const number = account.numbers.get(sid)!;
  return merged(itemTemplate(call, NUMBERS, 'incoming_phone_numbers'), {
    ...wireFieldsOf(number),
    account_sid: account.sid,
    uri: `/2010-04-01/Accounts/${account.sid}/IncomingPhoneNumbers/${sid}.json`,
  });
}

function applicationWire(call: Call, account: StoredAccount, sid: string): Json {
  const application = account.applications.get(sid)!;
  return merged(itemTemplate(call, APPLICATIONS, 'applications'), {
    ...wireFieldsOf(application),
    account_sid: account.sid,
    uri: `/2010-04-01/Accounts/${account.sid}/Applications/${sid}.json`,
  });
}

function serviceWire(call: Call, account: StoredAccount, sid: string): Json {
  const service = account.services.get(sid)!;
  const url = `https://messaging.twilio.com/v1/Services/${sid}`;
  const template = itemTemplate(call, SERVICES, 'services') as Record<string, Json>;
  return merged(template, {
    ...wireFieldsOf(service, ['phoneNumberSids']),
    account_sid: account.sid,
    url,
    links: { ...(template.links as Record<string, Json>), phone_numbers: `${url}/PhoneNumbers` },
  });
}

function handleApi(state: StandInState, call: Call): Answer {
  const accounts = handleAccounts(state, call);
  if (accounts) return accounts;
  const account = accountOf(state, call);
  if (!account) return notFound(`Account ${call.params.AccountSid}`);
  const key = `${call.method} ${call.template}`;
  const filters = Object.fromEntries(
    Object.entries(call.query).filter(
      ([name]) => !['PageSize', 'Page', 'PageToken'].includes(name),
    ),
  );
  const listPath = (template: string) => template.replace('{AccountSid}', account.sid);
  switch (key) {
    case `GET ${NUMBERS}`: {
      const wanted = call.query.PhoneNumber?.replace(/[^\d+]/g, '');
      const sids = [...account.numbers.values()]
        .filter((number) => !wanted || number.phoneNumber.includes(wanted))
        .map((number) => number.sid);
      const request = pageRequestOf(call.query);
      const items = pageSlice(sids, request).map((sid) => numberWire(call, account, sid));
      const body = page2010(
        'incoming_phone_numbers',
        listPath(NUMBERS),
        items,
        sids.length,
        request,
        filters,
      );
      return { status: 200, body };
    }
    case `GET ${APPLICATIONS}`: {
      const { items, total, request } = listed([...account.applications.keys()], call, (sid) =>
        applicationWire(call, account, sid),
      );
      const body = page2010('applications', listPath(APPLICATIONS), items, total, request, filters);
      return { status: 200, body };
    }
    case `GET ${NUMBER}`:
    case `POST ${NUMBER}`: {
      const number = account.numbers.get(call.params.Sid!);
      if (!number) return notFound(`IncomingPhoneNumber ${call.params.Sid}`);
      if (call.method === 'POST') {
        const after = { ...number };
        applyForm(after, call.form);
        // Twilio refuses a fallback with no primary to fall back from (21405 voice, 21406 SMS).
        if (after.voiceFallbackUrl && !after.voiceUrl && call.form.VoiceFallbackUrl) {
          return {
            status: 400,
            body: twilioErrorBody(400, 21405, 'VoiceFallbackUrl requires a VoiceUrl'),
          };
        }
        if (after.smsFallbackUrl && !after.smsUrl && call.form.SmsFallbackUrl) {
          return {
            status: 400,
            body: twilioErrorBody(400, 21406, 'SmsFallbackUrl requires an SmsUrl'),
          };
        }
        Object.assign(number, after);
      }
      return { status: 200, body: numberWire(call, account, number.sid) };
    }
    case `GET ${APPLICATION}`:
    case `POST ${APPLICATION}`: {
      const application = account.applications.get(call.params.Sid!);
      if (!application) return notFound(`Application ${call.params.Sid}`);
      if (call.method === 'POST') applyForm(application, call.form);
      return { status: 200, body: applicationWire(call, account, application.sid) };
    }
    default:
      return notServed(call);
  }
}

function handleMessaging(call: Call): Answer {
  const account = call.caller;
  const key = `${call.method} ${call.template}`;
  const origin = 'https://messaging.twilio.com';
  switch (key) {
    case `GET ${SERVICES}`: {
      const { items, total, request } = listed([...account.services.keys()], call, (sid) =>
        serviceWire(call, account, sid),
      );
      return { status: 200, body: pageV1('services', origin, SERVICES, items, total, request) };
    }
    case `GET ${SERVICE}`:
    case `POST ${SERVICE}`: {
      const service = account.services.get(call.params.Sid!);
      if (!service) return notFound(`Service ${call.params.Sid}`);
      if (call.method === 'POST') applyForm(service, call.form);
      return { status: 200, body: serviceWire(call, account, service.sid) };
    }
    case `GET ${SERVICE_NUMBERS}`: {
      const service = account.services.get(call.params.ServiceSid!);
      if (!service) return notFound(`Service ${call.params.ServiceSid}`);
      const template = itemTemplate(call, SERVICE_NUMBERS, 'phone_numbers');
      const { items, total, request } = listed(service.phoneNumberSids, call, (sid) =>
        merged(template, {
          sid,
          account_sid: account.sid,
          service_sid: service.sid,
          phone_number: account.numbers.get(sid)?.phoneNumber ?? null,
          url: `${origin}/v1/Services/${service.sid}/PhoneNumbers/${sid}`,
        }),
      );
      const path = SERVICE_NUMBERS.replace('{ServiceSid}', service.sid);
      return {
        status: 200,
        body: pageV1('phone_numbers', origin, path, items, total, request),
      };
    }
    default:
      return notServed(call);
  }
}

function handleTrunking(call: Call): Answer {
  const account = call.caller;
  const origin = 'https://trunking.twilio.com';
  const wire = (sid: string) =>
    merged(itemTemplate(call, TRUNKS, 'trunks'), {
      ...wireFieldsOf(account.trunks.get(sid)!),
      account_sid: account.sid,
      url: `${origin}/v1/Trunks/${sid}`,
    });
  if (call.method === 'GET' && call.template === TRUNKS) {
    const { items, total, request } = listed([...account.trunks.keys()], call, wire);
    return { status: 200, body: pageV1('trunks', origin, TRUNKS, items, total, request) };
  }
  if (call.method === 'GET' && call.template === TRUNK) {
    return account.trunks.has(call.params.Sid!)
      ? { status: 200, body: wire(call.params.Sid!) }
      : notFound(`Trunk ${call.params.Sid}`);
  }
  return notServed(call);
}

function basicCredentials(authorization: string | undefined): [string?, string?] {
  const match = /^Basic (.+)$/.exec(authorization ?? '');
  if (!match) return [];
  const [sid, token] = Buffer.from(match[1]!, 'base64').toString('utf8').split(/:(.*)/s);
  return [sid, token];
}

/** The account whose SID and token authenticate the request; a suspended or closed one does not. */
function caller(state: StandInState, authorization: string | undefined): StoredAccount | undefined {
  const [sid, token] = basicCredentials(authorization);
  const account = sid === undefined ? undefined : state.accounts.get(sid);
  return account && account.authToken === token && account.status === 'active'
    ? account
    : undefined;
}

async function readForm(request: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}

export interface ApiStandInOptions {
  readonly accounts: readonly StoredAccount[];
  /** Default: an ephemeral port (tests); the sandbox may ask for a fixed one. */
  readonly port?: number;
}

export async function startApiStandIn(options: ApiStandInOptions): Promise<RunningApiStandIn> {
  const state: StandInState = { accounts: new Map(options.accounts.map((a) => [a.sid, a])) };
  const requests: RecordedRequest[] = [];
  const faults: { fault: InjectedFault; seen: number; left: number }[] = [];

  function faultFor(method: string, template: string): InjectedFault | undefined {
    for (const entry of faults) {
      const { fault } = entry;
      if (fault.method && fault.method !== method) continue;
      if (fault.operationIncludes && !template.includes(fault.operationIncludes)) continue;
      entry.seen += 1;
      if (entry.seen <= (fault.skip ?? 0) || entry.left <= 0) continue;
      entry.left -= 1;
      return fault;
    }
    return undefined;
  }

  function answer(
    method: string,
    pathname: string,
    query: Record<string, string>,
    form: Record<string, string>,
    authorization: string | undefined,
  ): { answer: Answer; record: Omit<RecordedRequest, 'status'> } {
    const [, productName = '', ...rest] = pathname.split('/');
    const path = `/${rest.join('/')}`;
    const base = { method, product: productName, operation: path, query, form };
    if (!(productName in PRODUCT_SPECS)) {
      const body = twilioErrorBody(
        404,
        20404,
        `no Twilio product "${productName}" in the stand-in (expected ${Object.keys(PRODUCT_SPECS)
          .map((p) => `/${p}`)
          .join(', ')})`,
      );
      return { answer: { status: 404, body }, record: { ...base, violation: 'unknown product' } };
    }
    const product = productName as Product;
    const contract = contractFor(PRODUCT_SPECS[product]);
    const matched = contract.match(path);
    if (!matched || !contract.has(method, matched.template)) {
      const body = twilioErrorBody(404, 20404, `no operation ${method} ${path}`);
      return {
        answer: { status: 404, body },
        record: { ...base, violation: 'no such operation in the spec' },
      };
    }
    const record = { ...base, operation: matched.template };
    const account = caller(state, authorization);
    if (!account) {
      return { answer: { status: 401, body: twilioErrorBody(401, 20003, 'Authenticate') }, record };
    }
    const violation = contract.requestViolation(method, matched.template, query, form);
    if (violation) {
      return {
        answer: { status: 422, body: { status: 422, message: violation } },
        record: { ...record, violation },
      };
    }
    const fault = faultFor(method, matched.template);
    if (fault) {
      const headers: Record<string, string> = fault.retryAfterSeconds
        ? { 'retry-after': String(fault.retryAfterSeconds) }
        : {};
      const body = twilioErrorBody(fault.status, fault.code, `injected fault ${fault.status}`);
      return { answer: { status: fault.status, body, headers }, record };
    }
    const call: Call = {
      product,
      contract,
      method,
      template: matched.template,
      params: matched.params,
      query,
      form,
      caller: account,
    };
    const result =
      product === 'api'
        ? handleApi(state, call)
        : product === 'messaging'
          ? handleMessaging(call)
          : product === 'serverless'
            ? handleServerless(call)
            : product === 'webhooks'
              ? handleWebhooks(call)
              : handleTrunking(call);
    if (result.status < 300 && result.body !== undefined) {
      const broken = contract.responseViolation(
        method,
        matched.template,
        result.status,
        result.body,
      );
      if (broken) {
        const body = twilioErrorBody(500, 20500, `stand-in answer breaks the spec: ${broken}`);
        return {
          answer: { status: 500, body },
          record: { ...record, violation: `response: ${broken}` },
        };
      }
    }
    return { answer: result, record };
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://loopback');
    const method = (request.method ?? 'GET').toUpperCase();
    const form = await readForm(request);
    const query = Object.fromEntries(url.searchParams);
    const result = answer(method, url.pathname, query, form, request.headers.authorization);
    const [authSid] = basicCredentials(request.headers.authorization);
    requests.push({
      ...result.record,
      status: result.answer.status,
      ...(authSid ? { authSid } : {}),
    });
    response.writeHead(result.answer.status, {
      'content-type': 'application/json',
      ...result.answer.headers,
    });
    response.end(result.answer.body === undefined ? undefined : JSON.stringify(result.answer.body));
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify(
          twilioErrorBody(
            500,
            20500,
            `stand-in: ${error instanceof Error ? error.message : String(error)}`,
          ),
        ),
      );
    });
  });
  const listening = await listenOnLoopback(
    server,
    options.port !== undefined ? { port: options.port } : {},
  );
  return {
    baseUrl: listening.baseUrl,
    state,
    requests,
    injectFault: (fault) => faults.push({ fault, seen: 0, left: fault.times ?? 1 }),
    account: (sid) => {
      const account = state.accounts.get(sid);
      if (!account) throw new Error(`no account ${sid} in the stand-in`);
      return account;
    },
    close: () => listening.close(),
  };
}
