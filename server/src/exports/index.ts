/**
 * The file formats of a progress summary. Each builder writes the same ProgressSummary; none computes
 * anything of its own.
 */
import type { ExportFormat, ProgressSummary } from '@ipt/shared/schemas';

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

type Builder = (summary: ProgressSummary) => Buffer | Promise<Buffer>;

/** Loaded on first use: docx, pdfkit and exceljs are large, and most starts never export. */
const BUILDERS: Record<FileFormat, () => Promise<Builder>> = {
  docx: async () => (await import('./docx.js')).buildDocx,
  pdf: async () => (await import('./pdf.js')).buildPdf,
  xlsx: async () => (await import('./xlsx.js')).buildXlsx,
  csv: async () => (await import('./csv.js')).buildCsv,
};

export async function buildExport(format: FileFormat, summary: ProgressSummary): Promise<BuiltFile> {
  const load = BUILDERS[format];
  if (!load) throw new Error(`Unknown export format: ${String(format)}`);
  const build = await load();
  return { body: await build(summary), contentType: CONTENT_TYPES[format] };
}

/** The Performance table as CSV (a CSV holds one table; the default is the actions). */
export async function buildPerformanceCsvExport(summary: ProgressSummary): Promise<BuiltFile> {
  const { buildPerformanceCsv } = await import('./csv.js');
  return { body: buildPerformanceCsv(summary), contentType: CONTENT_TYPES.csv };
}
