/**
 * A loopback server that answers chosen Twilio API operations with bodies built from
 * Twilio's own OpenAPI description, for states Prism's static examples never show (a
 * number with a TwiML App, an empty list, an error status).
 *
 * Each override starts from the spec's example for the operation, changes only the
 * fields a test names, and is validated against the operation's response schema before
 * the server starts: a body Twilio's schema would not allow is a setup error, not a
 * test input. With `upstream` (a running Prism), every request is first sent to Prism
 * too, so the request itself is still checked against the spec (Prism's 422 is passed
 * through) and operations without an override get Prism's answer.
 *
 * Twilio's OpenAPI files describe no error responses. For those, pass `rawBody`
 * (e.g. `twilioErrorBody(...)`: the error shape Twilio documents and twilio-node reads).
 */
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { isAbsolute, resolve } from 'node:path';
import { listenOnLoopback } from '../../tools/emulator/loopback-servers';
import {
  mergeOverExample,
  twilioErrorBody,
  TWILIO_OAI_DIR,
  withoutUntypedNullable,
  type Json,
} from '../../tools/sandbox/openapi-contract';

/** Shared with the sandbox's stand-in (tools/sandbox): one contract, one error shape. */
export { mergeOverExample, twilioErrorBody, type Json };

export type HttpVerb = 'GET' | 'POST' | 'DELETE';
export interface ResponseOverride {
  readonly method: HttpVerb;
  /** The OpenAPI path template, e.g. `/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json`. */
  readonly path: string;
  /** Default: the operation's first 2xx response in the spec. */
  readonly status?: number;
  /**
   * Merged over the spec's example for that response: objects key by key, and each
   * object in an array over the example's first item (so `[]` is an empty list and
   * `[{ voice_url: null }]` one example item with that field changed).
   */
  readonly body?: Json;
  /** Served verbatim, for a status the spec does not describe (no schema to check). */
  readonly rawBody?: Json;
  /**
   * Serve the override even when Prism refuses the request with 422, if Prism's
   * answer matches this pattern: for a refusal that is Prism's limitation, not a
   * contract breach (Prism reads a form-encoded array with one item, `Types=x`, as
   * a string; Twilio and twilio-node send exactly that). Any other violation still
   * passes through.
   */
  readonly knownPrismFalseRefusal?: RegExp;
}

export interface OpenApiResponseServerOptions {
  /** A file in vendor/twilio-oai (e.g. `twilio_api_v2010.json`) or an absolute path. */
  readonly specFile: string;
  readonly overrides: readonly ResponseOverride[];
  /** A Prism base URL: every request is validated there first (see above). */
  readonly upstream?: string;
}

export interface ServedRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly answeredBy: 'override' | 'upstream';
}

export interface RunningOpenApiResponseServer {
  readonly baseUrl: string;
  /** Every request answered, in order. */
  readonly served: ServedRequest[];
  close(): Promise<void>;
}

interface OpenApiSpec {
  paths: Record<string, Record<string, OpenApiOperation | unknown>>;
  components?: unknown;
}
interface OpenApiOperation {
  responses?: Record<
    string,
    {
      content?: Record<
        string,
        { schema?: object; example?: Json; examples?: Record<string, { value?: Json }> }
      >;
    }
  >;
}

const specCache = new Map<string, OpenApiSpec>();

function loadSpec(specFile: string): OpenApiSpec {
  const file = isAbsolute(specFile) ? specFile : resolve(TWILIO_OAI_DIR, specFile);
  let spec = specCache.get(file);
  if (!spec) {
    spec = JSON.parse(readFileSync(file, 'utf8')) as OpenApiSpec;
    specCache.set(file, spec);
  }
  return spec;
}

function operationOf(spec: OpenApiSpec, method: HttpVerb, path: string): OpenApiOperation {
  const operation = spec.paths[path]?.[method.toLowerCase()] as OpenApiOperation | undefined;
  if (!operation?.responses) throw new Error(`the spec has no operation ${method} ${path}`);
  return operation;
}

function defaultStatus(operation: OpenApiOperation): number {
  const status = Object.keys(operation.responses ?? {}).find((code) => /^2\d\d$/.test(code));
  if (!status) throw new Error('the operation has no 2xx response');
  return Number(status);
}

function describeErrors(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`)
    .join('; ');
}

/**
 * The body a real Twilio answer for this operation could have: the spec's example with
 * `override` merged in, checked against the response schema. Throws naming every
 * violation otherwise. Ajv with ajv-formats is what Prism itself validates with.
 */
export function buildResponseBody(
  specFile: string,
  method: HttpVerb,
  path: string,
  status?: number,
  override?: Json,
): { status: number; body: Json } {
  const spec = loadSpec(specFile);
  const operation = operationOf(spec, method, path);
  const code = status ?? defaultStatus(operation);
  const response = operation.responses?.[String(code)];
  const content = response?.content?.['application/json'];
  if (!content?.schema) {
    throw new Error(
      `${method} ${path} documents no JSON body for HTTP ${code}; use rawBody for an undocumented status`,
    );
  }
  const example = content.example ?? Object.values(content.examples ?? {})[0]?.value;
  const body = mergeOverExample(example, override);
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  addFormats(ajv);
  // The response schema's $refs point at #/components/...: give it the spec's components.
  const validate = ajv.compile({
    ...content.schema,
    components: withoutUntypedNullable(spec.components),
  });
  if (!validate(body)) {
    throw new Error(
      `body for ${method} ${path} (HTTP ${code}) breaks the spec's schema: ${describeErrors(validate.errors)}`,
    );
  }
  return { status: code, body };
}

function templateToRegExp(template: string): RegExp {
  const pattern = template
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return new RegExp(`^${pattern}$`);
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startOpenApiResponseServer(
  options: OpenApiResponseServerOptions,
): Promise<RunningOpenApiResponseServer> {
  const routes = options.overrides.map((override) => {
    const answer =
      override.rawBody !== undefined
        ? { status: override.status ?? 200, body: override.rawBody }
        : buildResponseBody(
            options.specFile,
            override.method,
            override.path,
            override.status,
            override.body,
          );
    return {
      method: override.method,
      match: templateToRegExp(override.path),
      knownPrismFalseRefusal: override.knownPrismFalseRefusal,
      ...answer,
    };
  });
  const served: ServedRequest[] = [];

  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://loopback');
      const method = (request.method ?? 'GET').toUpperCase();
      const body = await readBody(request);
      const route = routes.find(
        (candidate) => candidate.method === method && candidate.match.test(url.pathname),
      );
      let upstreamAnswer: { status: number; type: string; text: string } | undefined;
      if (options.upstream) {
        const headers: Record<string, string> = {};
        for (const name of ['content-type', 'authorization', 'accept']) {
          const value = request.headers[name];
          if (typeof value === 'string') headers[name] = value;
        }
        const upstream = await fetch(`${options.upstream}${url.pathname}${url.search}`, {
          method,
          headers,
          body: method === 'GET' || method === 'DELETE' ? undefined : body,
        });
        upstreamAnswer = {
          status: upstream.status,
          type: upstream.headers.get('content-type') ?? 'application/json',
          text: await upstream.text(),
        };
      }
      // Prism refused the request itself: that is the answer, override or not.
      const refused =
        upstreamAnswer !== undefined &&
        upstreamAnswer.status === 422 &&
        !(route?.knownPrismFalseRefusal?.test(upstreamAnswer.text) ?? false);
      if (route && !refused) {
        served.push({ method, path: url.pathname, status: route.status, answeredBy: 'override' });
        response.writeHead(route.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(route.body));
      } else if (upstreamAnswer) {
        served.push({
          method,
          path: url.pathname,
          status: upstreamAnswer.status,
          answeredBy: 'upstream',
        });
        response.writeHead(upstreamAnswer.status, { 'content-type': upstreamAnswer.type });
        response.end(upstreamAnswer.text);
      } else {
        served.push({ method, path: url.pathname, status: 501, answeredBy: 'override' });
        response.writeHead(501, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify(twilioErrorBody(501, 0, `no override for ${method} ${url.pathname}`)),
        );
      }
    })().catch((error: unknown) => {
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(
        `openapi-response-server: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  });
  const { baseUrl, close } = await listenOnLoopback(server);
  return { baseUrl, served, close };
}
