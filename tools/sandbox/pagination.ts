/**
 * Twilio's two list-page shapes. The 2010 API carries relative `*_uri` fields at the
 * top level; the version-1 products a `meta` object with absolute `*_url` fields.
 * twilio-node follows `next_page_uri` / `meta.next_page_url` verbatim, so the links
 * name the real product host and the tools' client routes them like any request.
 */
import type { Json } from './openapi-contract';

export const DEFAULT_PAGE_SIZE = 50;

export interface PageRequest {
  readonly pageSize: number;
  readonly page: number;
}

export function pageRequestOf(query: Readonly<Record<string, string>>): PageRequest {
  const pageSize = Number(query.PageSize ?? DEFAULT_PAGE_SIZE);
  const page = Number(query.Page ?? 0);
  return { pageSize, page };
}

function linkTo(
  path: string,
  filters: Readonly<Record<string, string>>,
  pageSize: number,
  page: number,
): string {
  const params = new URLSearchParams({
    ...filters,
    PageSize: String(pageSize),
    Page: String(page),
  });
  if (page > 0) params.set('PageToken', `PT${page * pageSize}`);
  return `${path}?${params.toString()}`;
}

/** `filters`: the list's own query filters (PhoneNumber, ...), kept in every link. */
/** The slice of a list one page shows: only those items are built into answers. */
export function pageSlice<T>(all: readonly T[], request: PageRequest): T[] {
  const start = request.page * request.pageSize;
  return all.slice(start, start + request.pageSize);
}

/** `items`: this page's items (pageSlice), `total`: the whole list's length. */
export function page2010(
  key: string,
  path: string,
  items: readonly Json[],
  total: number,
  request: PageRequest,
  filters: Readonly<Record<string, string>>,
): Json {
  const { pageSize, page } = request;
  const start = page * pageSize;
  const hasNext = start + pageSize < total;
  return {
    [key]: [...items],
    page,
    page_size: pageSize,
    start,
    end: start + Math.max(items.length - 1, 0),
    uri: linkTo(path, filters, pageSize, page),
    first_page_uri: linkTo(path, filters, pageSize, 0),
    next_page_uri: hasNext ? linkTo(path, filters, pageSize, page + 1) : null,
    previous_page_uri: page > 0 ? linkTo(path, filters, pageSize, page - 1) : null,
  };
}

export function pageV1(
  key: string,
  origin: string,
  path: string,
  items: readonly Json[],
  total: number,
  request: PageRequest,
): Json {
  const { pageSize, page } = request;
  const start = page * pageSize;
  const hasNext = start + pageSize < total;
  const link = (n: number) => `${origin}${linkTo(path, {}, pageSize, n)}`;
  return {
    [key]: [...items],
    meta: {
      page,
      page_size: pageSize,
      first_page_url: link(0),
      previous_page_url: page > 0 ? link(page - 1) : null,
      url: link(page),
      next_page_url: hasNext ? link(page + 1) : null,
      key,
    },
  };
}
