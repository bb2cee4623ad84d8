/**
 * One request to the stand-in, as its route handlers see it, and the helpers they
 * share to build answers from Twilio's own examples.
 */
import type { StoredAccount } from './account-state';
import type { Json, OpenApiContract } from './openapi-contract';
import { twilioErrorBody } from './openapi-contract';
import { pageRequestOf, pageSlice, type PageRequest } from './pagination';

export interface Call {
  readonly product: string;
  readonly contract: OpenApiContract;
  readonly method: string;
  readonly template: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  readonly form: Readonly<Record<string, string>>;
  /** The authenticated account; v1 products serve it. */
  readonly caller: StoredAccount;
}

export type Answer = { status: number; body?: Json; headers?: Record<string, string> };

export const notFound = (what: string): Answer => ({
  status: 404,
  body: twilioErrorBody(404, 20404, `The requested resource ${what} was not found`),
});

/** A route the spec has and the stand-in does not implement (its gap, said plainly). */
export function notServed(call: Pick<Call, 'method' | 'template'>): Answer {
  return {
    status: 501,
    body: twilioErrorBody(
      501,
      20501,
      `the stand-in does not serve ${call.method} ${call.template}`,
    ),
  };
}

/** The spec's list example's first item: the fields a real resource has beyond ours. */
export function itemTemplate(call: Call, listTemplate: string, key: string): Json {
  const example = call.contract.example('GET', listTemplate, 200) as Record<string, Json[]> | null;
  return example?.[key]?.[0] ?? {};
}

export function merged(template: Json, fields: Record<string, Json>): Json {
  return { ...(template as Record<string, Json>), ...fields };
}

/** One page of a list: only the page's items are built (a 10,000-number list stays cheap). */
export function listed(
  sids: readonly string[],
  call: Call,
  build: (sid: string) => Json,
): { items: Json[]; total: number; request: PageRequest } {
  const request = pageRequestOf(call.query);
  return { items: pageSlice(sids, request).map(build), total: sids.length, request };
}
