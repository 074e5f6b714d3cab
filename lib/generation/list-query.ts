export const PAGE_SIZE = 12;
/** The longest history search the server reads; the search box stops there. */
export const SEARCH_MAX = 200;

/** The history list's filters as URL search parameters: the browser writes them, the route parses them. */
export type ListFilters = { readonly q?: string; readonly model?: string; readonly status?: string; readonly starred?: boolean };

/** Whether a list shows everything (a new item belongs at its top) rather than what matches a filter. */
export const isUnfiltered = (filters: ListFilters): boolean => !(filters.q?.trim() || filters.model || filters.status || filters.starred);

export const listSearchParams = (filters: ListFilters, cursor: string | null): URLSearchParams => {
  const params = new URLSearchParams();
  if (filters.q?.trim()) params.set("q", filters.q.trim());
  if (filters.model) params.set("model", filters.model);
  if (filters.status) params.set("status", filters.status);
  if (filters.starred) params.set("starred", "1");
  if (cursor) params.set("cursor", cursor);
  return params;
};
