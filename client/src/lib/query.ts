/**
 * Reading and writing the URL query behind the GET forms (the plan's filters, the chair's overview, the
 * export page's choices), so a chosen view can be bookmarked, reloaded and sent to a colleague. Anything
 * the API would refuse is dropped on the way in.
 */
import type { Lead, Recommendation, Theme } from '@ipt/shared/schemas';

export type RawQuery = Record<string, string | null | (string | null)[] | undefined>;

/** The first value of a query parameter, if it is a string. */
export function first(value: RawQuery[string]): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v : undefined;
}

/** A whole number from 1 to `max` (an id, a page), else undefined. */
export function positiveInt(value: string | undefined, max = 2147483647): number | undefined {
  if (value === undefined || !/^\d{1,10}$/.test(value.trim())) return undefined;
  const n = Number(value.trim());
  return n >= 1 && n <= max ? n : undefined;
}

/** The part of the plan a view is narrowed to: one theme, lead or recommendation (each optional). */
export interface Scope {
  theme?: number;
  lead?: number;
  recommendation?: number;
}

const SCOPE_KEYS = ['theme', 'lead', 'recommendation'] as const;

/** Reads the scope's ids from a route query. */
export function parseScope(query: RawQuery): Scope {
  const scope: Scope = {};
  for (const key of SCOPE_KEYS) {
    const id = positiveInt(first(query[key]));
    if (id) scope[key] = id;
  }
  return scope;
}

/** The scope as a route query: set ids only, as strings. */
export function scopeToQuery(scope: Scope): Record<string, string> {
  const query: Record<string, string> = {};
  for (const key of SCOPE_KEYS) if (scope[key]) query[key] = String(scope[key]);
  return query;
}

/** The scope's set ids only (for an API query built from a larger object). */
export function pickScope(scope: Scope): Scope {
  const picked: Scope = {};
  for (const key of SCOPE_KEYS) if (scope[key]) picked[key] = scope[key];
  return picked;
}

export function hasScope(scope: Scope): boolean {
  return SCOPE_KEYS.some((key) => Boolean(scope[key]));
}

/** A form's select value for an optional id ('' for none); `parseScope` reads a form's fields back. */
export function idToField(id: number | undefined): string {
  return id ? String(id) : '';
}

/**
 * The form's scope fields as selects hold them (strings). A type, not an interface, so that the fields can be
 * read back as a query by `parseScope`.
 */
export type ScopeFields = {
  theme: string;
  lead: string;
  recommendation: string;
};

export function scopeToFields(scope: Scope): ScopeFields {
  return {
    theme: idToField(scope.theme),
    lead: idToField(scope.lead),
    recommendation: idToField(scope.recommendation),
  };
}

/** Select options for the plan's themes, leads and recommendations. */
export const themeOptions = (themes: readonly Theme[]) =>
  themes.map((t) => ({ value: String(t.id), text: t.title }));
export const leadOptions = (leads: readonly Lead[]) =>
  leads.map((l) => ({ value: String(l.id), text: l.name }));
export const recommendationOptions = (recommendations: readonly Recommendation[]) =>
  recommendations.map((r) => ({ value: String(r.id), text: r.label }));
