/**
 * Twilio's own OpenAPI descriptions (vendor/twilio-oai) as a contract a stand-in
 * enforces: which operations exist, which query and form parameters each accepts
 * (Ajv, as Prism validates), and whether a response body fits the operation's schema.
 * Shared by the sandbox and the tests' stand-ins, so both keep the same contract.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

/** Twilio's OpenAPI files, kept in the project (vendor/twilio-oai/SOURCE.md says which version). */
export const TWILIO_OAI_DIR = resolve(__dirname, '..', '..', 'vendor', 'twilio-oai');

/**
 * A JSON value, as a response body. An `undefined` property is allowed (and dropped
 * when serialised, as JSON.stringify does) so typed records with optional fields fit.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined };

/** The error shape Twilio documents and twilio-node reads (the spec describes none). */
export function twilioErrorBody(status: number, code: number, message: string): Json {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

function isObject(value: unknown): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `override` merged over the spec's `example`: objects key by key, and each object in
 * an array over the example's first item (so `[]` is an empty list and
 * `[{ voice_url: null }]` one example item with that field changed).
 */
export function mergeOverExample(example: Json | undefined, override: Json | undefined): Json {
  if (override === undefined) return example ?? null;
  if (Array.isArray(override)) {
    const template = Array.isArray(example) ? example[0] : undefined;
    return override.map((item) =>
      isObject(item) && isObject(template) ? mergeOverExample(template, item) : item,
    );
  }
  if (isObject(override) && isObject(example)) {
    const merged: { [key: string]: Json } = { ...example };
    for (const [key, value] of Object.entries(override))
      merged[key] = mergeOverExample(example[key], value);
    return merged;
  }
  return override;
}

/**
 * Twilio's files mark some untyped fields `nullable` (a Sync item's `data`), which Ajv
 * refuses without a `type`; such a field takes any JSON, null included, so the flag
 * says nothing and is dropped.
 */
export function withoutUntypedNullable(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutUntypedNullable);
  if (typeof schema !== 'object' || schema === null) return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = withoutUntypedNullable(value);
  if (copy.nullable !== undefined && copy.type === undefined) delete copy.nullable;
  return copy;
}

export function describeAjvErrors(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`.trim())
    .join('; ');
}

type Schema = { properties?: Record<string, unknown>; required?: string[] };
interface Operation {
  parameters?: { name: string; in: string; required?: boolean; schema?: unknown }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
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
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components?: unknown;
}

export interface MatchedOperation {
  /** The OpenAPI path template, e.g. `/v1/Services/{Sid}`. */
  readonly template: string;
  /** Path parameters by name, decoded. */
  readonly params: Readonly<Record<string, string>>;
}

function templatePattern(template: string): { regexp: RegExp; names: string[] } {
  const names: string[] = [];
  const pattern = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(name);
      return '([^/]+?)';
    })
    .join('');
  return { regexp: new RegExp(`^${pattern}$`), names };
}

/** One spec file's operations, with validators compiled on first use. */
export class OpenApiContract {
  private readonly spec: Spec;
  private readonly patterns: { template: string; regexp: RegExp; names: string[] }[];
  private readonly requestAjv = new Ajv({
    strict: false,
    allErrors: true,
    coerceTypes: true,
    logger: false,
  });
  private readonly responseAjv = new Ajv({ strict: false, allErrors: true, logger: false });
  private readonly compiled = new Map<string, ValidateFunction | null>();

  constructor(specFile: string) {
    const file = isAbsolute(specFile) ? specFile : resolve(TWILIO_OAI_DIR, specFile);
    this.spec = withoutUntypedNullable(JSON.parse(readFileSync(file, 'utf8'))) as Spec;
    this.patterns = Object.keys(this.spec.paths)
      // Literal templates first: `/v1/Services/PhoneNumbers` must not read as `{Sid}`.
      .sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0))
      .map((template) => ({ template, ...templatePattern(template) }));
    addFormats(this.responseAjv);
    // Twilio's 2010 API answers relative `*_uri` values under `format: uri`, and uses
    // format names of its own (`uri-map`, `phone-number`, ...): the type is checked, not those.
    for (const format of ['uri', 'uri-map', 'phone-number', 'date-time-rfc-2822'])
      this.responseAjv.addFormat(format, true);
  }

  /** The operation a request path is for, or undefined when the spec has no such path. */
  match(pathname: string): MatchedOperation | undefined {
    for (const { template, regexp, names } of this.patterns) {
      const found = regexp.exec(pathname);
      if (!found) continue;
      const params: Record<string, string> = {};
      names.forEach((name, index) => (params[name] = decodeURIComponent(found[index + 1]!)));
      return { template, params };
    }
    return undefined;
  }

  has(method: string, template: string): boolean {
    return this.operation(method, template) !== undefined;
  }

  /**
   * Why the request breaks the contract (unknown query or form parameter, a missing
   * required one, a value of the wrong shape), or undefined when it keeps it.
   * Stricter than Prism on names: a misspelt parameter is refused, not ignored.
   */
  requestViolation(
    method: string,
    template: string,
    query: Readonly<Record<string, string>>,
    form: Readonly<Record<string, string>>,
  ): string | undefined {
    const operation = this.operation(method, template);
    if (!operation) return `no operation ${method} ${template} in the spec`;
    const queryCheck = this.validator(
      `${method} ${template} query`,
      () => {
        const parameters = (operation.parameters ?? []).filter((p) => p.in === 'query');
        return {
          type: 'object',
          properties: Object.fromEntries(parameters.map((p) => [p.name, p.schema ?? {}])),
          required: parameters.filter((p) => p.required).map((p) => p.name),
          additionalProperties: false,
        };
      },
      this.requestAjv,
    );
    if (queryCheck && !queryCheck({ ...query })) {
      return `query: ${describeAjvErrors(queryCheck.errors)}`;
    }
    const formSchema =
      operation.requestBody?.content?.['application/x-www-form-urlencoded']?.schema;
    if (!formSchema) {
      return Object.keys(form).length > 0 ? 'the operation takes no form body' : undefined;
    }
    const formCheck = this.validator(
      `${method} ${template} form`,
      () => ({ ...formSchema, additionalProperties: false, components: this.spec.components }),
      this.requestAjv,
    );
    if (formCheck && !formCheck({ ...form })) return `form: ${describeAjvErrors(formCheck.errors)}`;
    return undefined;
  }

  /** The spec's example body for the operation's answer (its first example). */
  example(method: string, template: string, status: number): Json {
    const content = this.content(method, template, status);
    return content?.example ?? Object.values(content?.examples ?? {})[0]?.value ?? null;
  }

  /** Why `body` is not a body Twilio could answer with, or undefined when it fits. */
  responseViolation(
    method: string,
    template: string,
    status: number,
    body: Json,
  ): string | undefined {
    const content = this.content(method, template, status);
    if (!content?.schema)
      return `the spec documents no JSON body for ${method} ${template} ${status}`;
    const check = this.validator(
      `${method} ${template} ${status}`,
      // Wrapped: beside a root `$ref`, `components` would be ignored (draft-07).
      () => ({ allOf: [content.schema], components: this.spec.components }),
      this.responseAjv,
    );
    if (check && !check(body)) return describeAjvErrors(check.errors);
    return undefined;
  }

  private operation(method: string, template: string): Operation | undefined {
    return this.spec.paths[template]?.[method.toLowerCase()];
  }

  private content(method: string, template: string, status: number) {
    return this.operation(method, template)?.responses?.[String(status)]?.content?.[
      'application/json'
    ];
  }

  private validator(key: string, schema: () => object, ajv: Ajv): ValidateFunction | null {
    if (!this.compiled.has(key)) this.compiled.set(key, ajv.compile(schema()));
    return this.compiled.get(key) ?? null;
  }
}

const contracts = new Map<string, OpenApiContract>();

/** One compiled contract per spec file per process: Ajv compiling takes a few hundred ms. */
export function contractFor(specFile: string): OpenApiContract {
  let contract = contracts.get(specFile);
  if (!contract) contracts.set(specFile, (contract = new OpenApiContract(specFile)));
  return contract;
}
