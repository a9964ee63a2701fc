import type {
  CreateEvidenceBody,
  Evidence,
  EvidenceFileFields,
  EvidenceQueueItem,
  ReviewEvidenceBody,
} from '@ipt/shared/schemas';
import { etagOf } from '@ipt/shared';
import { buildUrl, http, request, upload } from './http';

export type EvidenceFileInput = Omit<EvidenceFileFields, 'file'>;

function evidenceEtag(evidence: { id: number; version: number }): string {
  return etagOf('evidence', evidence.id, evidence.version);
}

export const evidenceApi = {
  /** An action's evidence (withdrawn items only for administrators). */
  list: (actionId: number, signal?: AbortSignal) =>
    http.list<Evidence>(`/actions/${actionId}/evidence`, { signal }),

  /** A link or a written note. */
  add: (actionId: number, body: CreateEvidenceBody) =>
    http.post<Evidence>(`/actions/${actionId}/evidence`, body),

  /** A file, as multipart/form-data with its fields, reporting progress as it goes. */
  async upload(
    actionId: number,
    fields: EvidenceFileInput,
    file: File,
    options: { onProgress?: (loaded: number, total: number) => void; signal?: AbortSignal } = {},
  ): Promise<Evidence> {
    const form = new FormData();
    // The fields first, then the file: the server reads the parts in order.
    form.append('title', fields.title);
    if (fields.description) form.append('description', fields.description);
    form.append('purpose', fields.purpose);
    form.append('effectiveDate', fields.effectiveDate);
    form.append('file', file, file.name);
    return (await upload<Evidence>(`/actions/${actionId}/evidence/files`, form, options)).data;
  },

  /** Where to download a file from: the API sends it as an attachment, never shown inline. */
  fileUrl: (evidenceId: number) => buildUrl(`/evidence/${evidenceId}/file`),

  /** The chair (or an administrator) accepts or rejects an item; a rejection needs a comment. */
  async review(evidence: { id: number; version: number }, body: ReviewEvidenceBody): Promise<Evidence> {
    return (
      await request<Evidence>('POST', `/evidence/${evidence.id}/review`, {
        body,
        ifMatch: evidenceEtag(evidence),
      })
    ).data;
  },

  /** Withdrawn, never deleted: hidden from reports, kept in the record with the reason. */
  withdraw: (evidenceId: number, reason: string) =>
    http.post<Evidence>(`/evidence/${evidenceId}/withdraw`, { reason }),

  /** Evidence awaiting review across a plan, oldest first. */
  queue: (planId: number, signal?: AbortSignal) =>
    http.list<EvidenceQueueItem>(`/plans/${planId}/evidence-queue`, { signal }),
};
