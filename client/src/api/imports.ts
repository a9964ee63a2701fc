import type {
  ImportCommitBody,
  ImportPreview,
  ImportRequest,
  ImportResult,
  RollOverBody,
  RollOverResult,
} from '@ipt/shared/schemas';
import { http } from './http';

/** Importing a council's plan (preview, then commit) and rolling a plan over to its next phase. */
export const importsApi = {
  preview: (planId: number, body: ImportRequest) =>
    http.post<ImportPreview>(`/plans/${planId}/imports`, body),
  commit: (planId: number, body: ImportCommitBody) =>
    http.post<ImportResult>(`/plans/${planId}/imports/commit`, body),
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
