/**
 * The plan page's filters live in the URL query (a GET form), so a filtered view can be bookmarked, shared
 * and reloaded. These functions read a route query into typed filters, and back.
 */
import {
  ACTION_FLAG_FILTER_LABELS,
  ACTION_FLAG_FILTERS,
  RAG_LABELS,
  RAGS,
  type ActionFlagFilter,
  type Rag,
} from '@ipt/shared';
import type { ActionListQuery } from '@ipt/shared/schemas';
import { first, positiveInt, type RawQuery } from './query';

export const ACTIONS_PAGE_SIZE = 100;

export interface PlanFilters {
  theme?: number;
  lead?: number;
  /** Set by links from elsewhere (the overview's counts); the plan page's form has no field for it. */
  recommendation?: number;
  rag?: Rag;
  flag?: ActionFlagFilter;
  q?: string;
  page: number;
}

export const RAG_FILTER_OPTIONS = RAGS.map((value) => ({ value, text: RAG_LABELS[value] }));
export const FLAG_FILTER_OPTIONS = ACTION_FLAG_FILTERS.map((value) => ({
  value,
  text: ACTION_FLAG_FILTER_LABELS[value],
}));

/** Reads filters from a route query, dropping anything the API would refuse. */
export function parsePlanFilters(query: RawQuery): PlanFilters {
  const filters: PlanFilters = { page: positiveInt(first(query.page), 100000) ?? 1 };
  const theme = positiveInt(first(query.theme));
  if (theme) filters.theme = theme;
  const lead = positiveInt(first(query.lead));
  if (lead) filters.lead = lead;
  const recommendation = positiveInt(first(query.recommendation));
  if (recommendation) filters.recommendation = recommendation;
  const rag = first(query.rag);
  if (rag && (RAGS as readonly string[]).includes(rag)) filters.rag = rag as Rag;
  const flag = first(query.flag);
  if (flag && (ACTION_FLAG_FILTERS as readonly string[]).includes(flag))
    filters.flag = flag as ActionFlagFilter;
  const q = first(query.q)?.trim().slice(0, 200);
  if (q) filters.q = q;
  return filters;
}

/** The route query for filters: empty values left out, page 1 left implicit. */
export function planFiltersToQuery(filters: PlanFilters): Record<string, string> {
  const query: Record<string, string> = {};
  if (filters.theme) query.theme = String(filters.theme);
  if (filters.lead) query.lead = String(filters.lead);
  if (filters.recommendation) query.recommendation = String(filters.recommendation);
  if (filters.rag) query.rag = filters.rag;
  if (filters.flag) query.flag = filters.flag;
  if (filters.q) query.q = filters.q;
  if (filters.page > 1) query.page = String(filters.page);
  return query;
}

export function hasActiveFilters(filters: PlanFilters): boolean {
  return Boolean(
    filters.theme || filters.lead || filters.recommendation || filters.rag || filters.flag || filters.q,
  );
}

/** The API query for one page of the plan's actions. */
export function toActionListQuery(filters: PlanFilters): ActionListQuery {
  const query: ActionListQuery = { page: filters.page, pageSize: ACTIONS_PAGE_SIZE };
  if (filters.theme) query.theme = filters.theme;
  if (filters.lead) query.lead = filters.lead;
  if (filters.recommendation) query.recommendation = filters.recommendation;
  if (filters.rag) query.rag = filters.rag;
  if (filters.flag) query.flag = filters.flag;
  if (filters.q) query.q = filters.q;
  return query;
}
