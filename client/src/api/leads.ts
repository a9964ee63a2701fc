import type { CreateLeadBody, Lead, UpdateLeadBody } from '@ipt/shared/schemas';
import { etagOf } from '@ipt/shared';
import { http, request } from './http';

export function leadEtag(lead: { id: number; version: number }): string {
  return etagOf('lead', lead.id, lead.version);
}

export const leadsApi = {
  /** Live leads; with `archived`, the archived ones too (administrators' list). */
  list: (options: { archived?: boolean } = {}) =>
    http.list<Lead>('/leads', { query: options.archived ? { archived: true } : undefined }),

  get: (id: number) => http.get<Lead>(`/leads/${id}`),

  create: (body: CreateLeadBody) => http.post<Lead>('/leads', body),

  /** Renames a lead (or changes its kind) at the version read. */
  update: async (lead: Lead, body: UpdateLeadBody) =>
    (await request<Lead>('PATCH', `/leads/${lead.id}`, { body, ifMatch: leadEtag(lead) })).data,

  archive: async (lead: Lead, reason: string) =>
    (await request<Lead>('POST', `/leads/${lead.id}/archive`, { body: { reason }, ifMatch: leadEtag(lead) }))
      .data,
};
