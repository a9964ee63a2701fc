/** Evidence in words: its file's type and size, and how a review state looks. */
import type { EvidenceReviewState } from '@ipt/shared';

/** Review state tags: the words say it; grey, green and red as the timeframe decisions use them. */
export const REVIEW_STATE_TAG_CLASSES: Record<EvidenceReviewState, string> = {
  submitted: 'govuk-tag--grey',
  accepted: 'govuk-tag--green',
  rejected: 'govuk-tag--red',
};

/** "840 bytes", "12 KB", "3.4 MB". */
export function fileSizeText(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '';
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / 1024 / 1024;
  return `${mb < 10 ? Math.round(mb * 10) / 10 : Math.round(mb)} MB`;
}

const TYPE_WORDS: [RegExp, string][] = [
  [/pdf/, 'PDF'],
  [/wordprocessingml|msword/, 'Word'],
  [/spreadsheetml|ms-excel/, 'Excel'],
  [/presentationml|ms-powerpoint/, 'PowerPoint'],
  [/opendocument\.text/, 'OpenDocument text'],
  [/opendocument\.spreadsheet/, 'OpenDocument spreadsheet'],
  [/opendocument\.presentation/, 'OpenDocument presentation'],
  [/csv/, 'CSV'],
  [/text\/plain/, 'Text'],
  [/png/, 'PNG image'],
  [/jpe?g/, 'JPEG image'],
];

/** "PDF", "Word", "Excel"… from the type the server found in the content. */
export function fileTypeText(contentType: string | null | undefined): string {
  const type = (contentType ?? '').toLowerCase();
  return TYPE_WORDS.find(([pattern]) => pattern.test(type))?.[1] ?? 'File';
}

/** "The file is larger than 25 MB…": the server's words for a file over the limit, said before sending it. */
export function tooLargeMessage(maxBytes: number): string {
  return `The file is larger than ${fileSizeText(maxBytes)}. Make it smaller (for example, save it as PDF) or split it.`;
}
