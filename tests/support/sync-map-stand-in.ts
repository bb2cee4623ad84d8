/**
 * Twilio Sync Maps on loopback, with state: what Prism (stateless, static examples)
 * cannot show — "Map Item already exists" (409, 54208), "Map not found" (404), a
 * revision mismatch (412, 54205), item TTLs expiring — and what a flood-control test
 * needs: many instances racing to create one item.
 *
 * Built on Twilio's own OpenAPI description (vendor/twilio-oai/twilio_sync_v1.json):
 * every request body is validated against the operation's request schema (Ajv, as
 * Prism does; a violation answers 422 like Prism and is recorded), and every success
 * body is the spec's example with the item's real fields merged in (mergeOverExample),
 * validated against the response schema. Error bodies use Twilio's documented error
 * shape (twilioErrorBody), which the spec does not describe; codes are from Twilio's
 * error dictionary. Contract tests against Prism itself live beside the ledger's tests.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { listenOnLoopback } from '../../tools/emulator/loopback-servers';
import {
  mergeOverExample,
  twilioErrorBody,
  TWILIO_OAI_DIR,
  withoutUntypedNullable,
} from '../../tools/sandbox/openapi-contract';

const SPEC_FILE = 'twilio_sync_v1.json';
const MAPS = '/v1/Services/{ServiceSid}/Maps';
const ITEMS = '/v1/Services/{ServiceSid}/Maps/{MapSid}/Items';
const ITEM = '/v1/Services/{ServiceSid}/Maps/{MapSid}/Items/{Key}';

export interface SyncRequest {
  readonly method: string;
  /** The OpenAPI path template the request matched. */
  readonly operation: string;
  readonly map: string | undefined;
  readonly key: string | undefined;
  readonly form: Record<string, string>;
  readonly ifMatch: string | undefined;
  readonly status: number;
  /** Why the request broke the spec, when it did (answered 422). */
  readonly violation?: string;
}

interface StoredItem {
  data: unknown;
  revision: number;
  expiresAt: number | undefined;
}

export interface SyncStandInOptions {
  /** Clock for item TTLs, ms; share it with the code under test to expire windows. */
  readonly now?: () => number;
  /** Maps that exist from the start (default none: the first item create gets 404). */
  readonly maps?: readonly string[];
  /** The code for "no such map" on an item create (Twilio documents 54200; 20404 is the generic one). */
  readonly mapNotFoundCode?: number;
}

export interface RunningSyncStandIn {
  readonly baseUrl: string;
  readonly requests: SyncRequest[];
  /** Live items of a map, by key (expired ones left out). */
  items(map: string): Map<string, { data: unknown; revision: number }>;
  /** Delay every answer by this many ms (a slow Sync); `Infinity`: never answer. */
  delayMs: number;
  /** Answer every request with this Twilio error (Sync down); `undefined` to stop. */
  failWith: { status: number; code: number; message: string } | undefined;
  close(): Promise<void>;
}

type FormSchema = { properties?: Record<string, unknown>; required?: string[] };
type Json = Parameters<typeof mergeOverExample>[0];

interface SyncSpec {
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: { content?: Record<string, { schema?: FormSchema }> };
        responses?: Record<
          string,
          {
            content?: Record<
              string,
              { schema?: object; examples?: Record<string, { value?: Json }> }
            >;
          }
        >;
      }
    >
  >;
  components: unknown;
}

interface Validators {
  request(method: string, path: string): ValidateFunction | undefined;
  /** The spec's example for a response, merged with `override` and checked against its schema. */
  body(method: string, path: string, status: number, override: Json): Json;
}

let compiled: Validators | undefined;

/** Compiled once per test file: Ajv compiling the whole spec takes a few hundred ms. */
function specValidators(): Validators {
  return (compiled ??= compileValidators());
}

function compileValidators(): Validators {
  const spec = withoutUntypedNullable(
    JSON.parse(readFileSync(resolve(TWILIO_OAI_DIR, SPEC_FILE), 'utf8')),
  ) as SyncSpec;
  // Form values arrive as text: coerce them as Prism does, and refuse names the
  // operation does not know (stricter than Prism, which would let a misspelt one by).
  const requestAjv = new Ajv({ strict: false, allErrors: true, coerceTypes: true });
  const responseAjv = new Ajv({ strict: false, allErrors: true, logger: false });
  addFormats(responseAjv);
  // Twilio's own format names (a map of links); any object is one.
  responseAjv.addFormat('uri-map', true);
  const requests = new Map<string, ValidateFunction>();
  const responses = new Map<string, { example: Json; validate: ValidateFunction }>();
  for (const path of [MAPS, ITEMS, ITEM]) {
    for (const [method, operation] of Object.entries(spec.paths[path] ?? {})) {
      const form = operation.requestBody?.content?.['application/x-www-form-urlencoded']?.schema;
      if (form) {
        requests.set(
          `${method.toUpperCase()} ${path}`,
          requestAjv.compile({ ...form, additionalProperties: false }),
        );
      }
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const json = response.content?.['application/json'];
        if (!json?.schema) continue;
        responses.set(`${method.toUpperCase()} ${path} ${status}`, {
          example: Object.values(json.examples ?? {})[0]?.value ?? null,
          validate: responseAjv.compile({ ...json.schema, components: spec.components }),
        });
      }
    }
  }
  return {
    request: (method, path) => requests.get(`${method} ${path}`),
    body: (method, path, status, override) => {
      const response = responses.get(`${method} ${path} ${status}`);
      if (!response) throw new Error(`the spec documents no body for ${method} ${path} ${status}`);
      const body = mergeOverExample(response.example, override);
      if (!response.validate(body)) {
        const why = (response.validate.errors ?? []).map(
          (e) => `${e.instancePath} ${e.message ?? ''}`,
        );
        throw new Error(`stand-in body breaks the spec for ${method} ${path}: ${why.join('; ')}`);
      }
      return body;
    },
  };
}

function matchOperation(
  pathname: string,
): { operation: string; map?: string; key?: string } | undefined {
  const parts = pathname.split('/').map((part) => decodeURIComponent(part));
  // ['', 'v1', 'Services', sid, 'Maps', map?, 'Items'?, key?]
  if (parts[1] !== 'v1' || parts[2] !== 'Services' || parts[4] !== 'Maps') return undefined;
  if (parts.length === 5) return { operation: MAPS };
  if (parts.length === 7 && parts[6] === 'Items') return { operation: ITEMS, map: parts[5]! };
  if (parts.length === 8 && parts[6] === 'Items') {
    return { operation: ITEM, map: parts[5]!, key: parts[7]! };
  }
  return undefined;
}

async function readForm(request: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}

export async function startSyncMapStandIn(
  options: SyncStandInOptions = {},
): Promise<RunningSyncStandIn> {
  const now = options.now ?? (() => Date.now());
  const validators = specValidators();
  const maps = new Map<string, Map<string, StoredItem>>(
    (options.maps ?? []).map((name) => [name, new Map()]),
  );
  const requests: SyncRequest[] = [];
  let revisions = 0;
  const pendingTimers = new Set<ReturnType<typeof setTimeout>>();

  const liveItem = (map: string, key: string): StoredItem | undefined => {
    const item = maps.get(map)?.get(key);
    if (item?.expiresAt !== undefined && now() >= item.expiresAt) {
      maps.get(map)?.delete(key);
      return undefined;
    }
    return item;
  };

  const itemBody = (
    method: string,
    path: string,
    status: number,
    map: string,
    key: string,
    item: StoredItem,
  ) =>
    validators.body(method, path, status, {
      key,
      data: item.data as Json,
      revision: String(item.revision),
      date_expires: item.expiresAt === undefined ? null : new Date(item.expiresAt).toISOString(),
      url: `https://sync.twilio.com/v1/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Maps/${encodeURIComponent(map)}/Items/${encodeURIComponent(key)}`,
    });

  function answer(
    method: string,
    route: { operation: string; map?: string; key?: string },
    form: Record<string, string>,
    ifMatch: string | undefined,
  ): { status: number; body?: unknown } {
    if (standIn.failWith) {
      const { status, code, message } = standIn.failWith;
      return { status, body: twilioErrorBody(status, code, message) };
    }
    const ttlOf = (seconds: string | undefined) =>
      seconds === undefined ? undefined : now() + Number(seconds) * 1000;

    if (route.operation === MAPS && method === 'POST') {
      const name = form.UniqueName ?? `MP${String(++revisions).padStart(32, '0')}`;
      if (maps.has(name))
        return { status: 409, body: twilioErrorBody(409, 54301, 'Unique name already exists') };
      maps.set(name, new Map());
      return { status: 201, body: validators.body('POST', MAPS, 201, { unique_name: name }) };
    }
    const map = route.map!;
    if (!maps.has(map)) {
      const code = options.mapNotFoundCode ?? 20404;
      return {
        status: 404,
        body: twilioErrorBody(404, code, `The requested resource ${map} was not found`),
      };
    }
    if (route.operation === ITEMS && method === 'POST') {
      const key = form.Key!;
      if (liveItem(map, key)) {
        return { status: 409, body: twilioErrorBody(409, 54208, 'Map Item already exists') };
      }
      const item: StoredItem = {
        data: JSON.parse(form.Data ?? 'null') as unknown,
        revision: ++revisions,
        expiresAt: ttlOf(form.ItemTtl ?? form.Ttl),
      };
      maps.get(map)!.set(key, item);
      return { status: 201, body: itemBody('POST', ITEMS, 201, map, key, item) };
    }
    const key = route.key!;
    const item = liveItem(map, key);
    if (!item) return { status: 404, body: twilioErrorBody(404, 54201, 'Map Item not found') };
    if (ifMatch !== undefined && ifMatch !== String(item.revision)) {
      return { status: 412, body: twilioErrorBody(412, 54205, 'Map Item revision mismatch') };
    }
    if (method === 'GET') return { status: 200, body: itemBody('GET', ITEM, 200, map, key, item) };
    if (method === 'DELETE') {
      maps.get(map)!.delete(key);
      return { status: 204 };
    }
    if (form.Data !== undefined) item.data = JSON.parse(form.Data) as unknown;
    const ttl = form.ItemTtl ?? form.Ttl;
    if (ttl !== undefined) item.expiresAt = ttlOf(ttl);
    item.revision = ++revisions;
    return { status: 200, body: itemBody('POST', ITEM, 200, map, key, item) };
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://loopback');
    const method = (request.method ?? 'GET').toUpperCase();
    const form = await readForm(request);
    const route = matchOperation(url.pathname);
    const ifMatch =
      typeof request.headers['if-match'] === 'string' ? request.headers['if-match'] : undefined;
    const record = (status: number, violation?: string) =>
      requests.push({
        method,
        operation: route?.operation ?? url.pathname,
        map: route?.map,
        key: route?.key ?? form.Key,
        form,
        ifMatch,
        status,
        ...(violation ? { violation } : {}),
      });

    let result: { status: number; body?: unknown };
    const validate = route && validators.request(method, route.operation);
    if (!route || (method !== 'GET' && method !== 'DELETE' && !validate)) {
      result = {
        status: 404,
        body: twilioErrorBody(404, 20404, `no operation ${method} ${url.pathname}`),
      };
      record(result.status, 'no such operation in the spec');
    } else if (!/^Basic /.test(request.headers.authorization ?? '')) {
      result = { status: 401, body: twilioErrorBody(401, 20003, 'Authenticate') };
      record(result.status, 'no basic authorization');
    } else if (validate && !validate({ ...form })) {
      const violation = (validate.errors ?? [])
        .map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`)
        .join('; ');
      result = { status: 422, body: { status: 422, message: violation } };
      record(result.status, violation);
    } else {
      result = answer(method, route, form, ifMatch);
      record(result.status);
    }

    const delay = standIn.delayMs;
    if (delay === Number.POSITIVE_INFINITY) return; // hang: closed by close()
    const send = () => {
      if (response.destroyed) return;
      response.writeHead(result.status, { 'content-type': 'application/json' });
      response.end(result.body === undefined ? undefined : JSON.stringify(result.body));
    };
    if (delay > 0) {
      const timer = setTimeout(() => {
        pendingTimers.delete(timer);
        send();
      }, delay);
      pendingTimers.add(timer);
    } else {
      send();
    }
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(`sync stand-in: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  const listening = await listenOnLoopback(server);

  const standIn: RunningSyncStandIn = {
    baseUrl: listening.baseUrl,
    requests,
    delayMs: 0,
    failWith: undefined,
    items: (map) => {
      const live = new Map<string, { data: unknown; revision: number }>();
      for (const key of maps.get(map)?.keys() ?? []) {
        const item = liveItem(map, key);
        if (item) live.set(key, { data: item.data, revision: item.revision });
      }
      return live;
    },
    close: () => {
      for (const timer of pendingTimers) clearTimeout(timer);
      return listening.close();
    },
  };
  return standIn;
}
