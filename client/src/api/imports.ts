import type {
  ImportCommitBody,
  ImportPreview,
  ImportRequest,
  ImportResult,
  RecommendationsImportBody,
  RecommendationsImportResult,
  RecommendationsPreview,
  RecommendationsPreviewBody,
  RollOverBody,
  RollOverResult,
} from '@ipt/shared/schemas';
import { http } from './http';

/**
 * Importing a council's plan (preview, then commit), a source's recommendations from the letter, and rolling a
 * plan over to its next phase.
 */
export const importsApi = {
  preview: (planId: number, body: ImportRequest) =>
    http.post<ImportPreview>(`/plans/${planId}/imports`, body),
  commit: (planId: number, body: ImportCommitBody) =>
    http.post<ImportResult>(`/plans/${planId}/imports/commit`, body),
  previewRecommendations: (sourceId: number, body: RecommendationsPreviewBody) =>
    http.post<RecommendationsPreview>(`/sources/${sourceId}/recommendations/preview`, body),
  saveRecommendations: (sourceId: number, body: RecommendationsImportBody) =>
    http.post<RecommendationsImportResult>(`/sources/${sourceId}/recommendations/import`, body),
  rollOver: (planId: number, body: RollOverBody) =>
    http.post<RollOverResult>(`/plans/${planId}/roll-over`, body),
};

/** A chosen file as the API takes it: its name and its bytes in base64. */
export async function fileForImport(file: File): Promise<{ fileName: string; content: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return { fileName: file.name, content: btoa(binary) };
}
