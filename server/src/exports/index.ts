/**
 * The file formats of a progress summary. Each builder writes the same ProgressSummary; none computes
 * anything of its own.
 */
import type { ExportFormat, ProgressSummary } from '@ipt/shared/schemas';
import { buildCsv } from './csv.js';
import { buildDocx } from './docx.js';
import { buildPdf } from './pdf.js';
import { buildXlsx } from './xlsx.js';

export type FileFormat = Exclude<ExportFormat, 'json'>;

export interface BuiltFile {
  body: Buffer;
  contentType: string;
}

export const CONTENT_TYPES: Record<FileFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

const BUILDERS: Record<FileFormat, (summary: ProgressSummary) => Buffer | Promise<Buffer>> = {
  docx: buildDocx,
  pdf: buildPdf,
  xlsx: buildXlsx,
  csv: buildCsv,
};

export async function buildExport(format: FileFormat, summary: ProgressSummary): Promise<BuiltFile> {
  const build = BUILDERS[format];
  if (!build) throw new Error(`Unknown export format: ${String(format)}`);
  return { body: await build(summary), contentType: CONTENT_TYPES[format] };
}
