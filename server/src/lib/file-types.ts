/**
 * The evidence allow-list, checked by what a file contains, never by its name or declared type. The name's
 * extension must also agree with the content, so that an HTML page named report.pdf or a program named
 * minutes.docx is refused rather than stored under a lie.
 */
import fs from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';

export interface AllowedType {
  mime: string;
  label: string;
  extensions: string[];
}

const CFB_EXTENSIONS: Record<string, AllowedType> = {
  doc: { mime: 'application/msword', label: 'Word 97–2003 document', extensions: ['doc'] },
  xls: { mime: 'application/vnd.ms-excel', label: 'Excel 97–2003 workbook', extensions: ['xls'] },
  ppt: {
    mime: 'application/vnd.ms-powerpoint',
    label: 'PowerPoint 97–2003 presentation',
    extensions: ['ppt'],
  },
};

/** By the MIME type file-type detects from the content. */
const DETECTED: Record<string, AllowedType> = {
  'application/pdf': { mime: 'application/pdf', label: 'PDF', extensions: ['pdf'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word document',
    extensions: ['docx'],
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    label: 'Excel workbook',
    extensions: ['xlsx'],
  },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': {
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    label: 'PowerPoint presentation',
    extensions: ['pptx'],
  },
  'application/vnd.oasis.opendocument.text': {
    mime: 'application/vnd.oasis.opendocument.text',
    label: 'OpenDocument text',
    extensions: ['odt'],
  },
  'application/vnd.oasis.opendocument.spreadsheet': {
    mime: 'application/vnd.oasis.opendocument.spreadsheet',
    label: 'OpenDocument spreadsheet',
    extensions: ['ods'],
  },
  'application/vnd.oasis.opendocument.presentation': {
    mime: 'application/vnd.oasis.opendocument.presentation',
    label: 'OpenDocument presentation',
    extensions: ['odp'],
  },
  'image/png': { mime: 'image/png', label: 'PNG image', extensions: ['png'] },
  'image/jpeg': { mime: 'image/jpeg', label: 'JPEG image', extensions: ['jpg', 'jpeg'] },
};

const TEXT: Record<string, AllowedType> = {
  csv: { mime: 'text/csv; charset=utf-8', label: 'CSV file', extensions: ['csv'] },
  txt: { mime: 'text/plain; charset=utf-8', label: 'text file', extensions: ['txt'] },
};

export const ALLOWED_DESCRIPTION = 'PDF, Word, Excel, PowerPoint, OpenDocument, CSV, plain text, PNG or JPEG';

export type SniffResult = { ok: true; type: AllowedType } | { ok: false; reason: string };

function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  return m?.[1]?.toLowerCase() ?? '';
}

/** Markup that a browser would run or render if it were ever served inline. */
const MARKUP = /<\s*(!doctype|html|head|body|script|iframe|svg|object|embed|meta|\?xml)\b/i;

async function looksLikeText(file: string): Promise<{ text: boolean; markup: boolean }> {
  const handle = await fs.open(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const head = buf.subarray(0, bytesRead);
    if (head.includes(0)) return { text: false, markup: false };
    const decoded = new TextDecoder('utf-8', { fatal: false }).decode(head);
    // A few replacement characters can come from a cut in the middle of a character at the 64 KiB edge.
    const bad = (decoded.match(/\uFFFD/g) ?? []).length;
    return { text: bad <= 2, markup: MARKUP.test(decoded) };
  } finally {
    await handle.close();
  }
}

/** Extensions said as letters whose first letter's name starts with a vowel sound: "an SVG", "an HTML". */
const SAID_AS_LETTERS = /^(F|H|L|M|N|R|S|X)[^AEIOU]/;

/** "an EXE", "an SVG", "a ZIP", "a PNG": the article as the extension is said aloud. */
export function withArticle(extension: string): string {
  const an = /^[AEIOU]/.test(extension) || SAID_AS_LETTERS.test(extension);
  return `${an ? 'an' : 'a'} ${extension}`;
}

export async function sniffFile(file: string, originalName: string): Promise<SniffResult> {
  const ext = extensionOf(originalName);
  const detected = await fileTypeFromFile(file);
  let type: AllowedType | undefined;
  if (detected) {
    type = detected.mime === 'application/x-cfb' ? CFB_EXTENSIONS[ext] : DETECTED[detected.mime];
    if (!type) {
      return {
        ok: false,
        reason: `This file is ${detected.mime === 'application/x-cfb' ? 'an old-style Office file' : `${withArticle(detected.ext.toUpperCase())} file`}, which is not a type we accept. Upload a ${ALLOWED_DESCRIPTION} file.`,
      };
    }
  } else {
    const { text, markup } = await looksLikeText(file);
    if (!text)
      return {
        ok: false,
        reason: `We cannot tell what kind of file this is. Upload a ${ALLOWED_DESCRIPTION} file.`,
      };
    if (markup)
      return {
        ok: false,
        reason:
          'This file contains web page or SVG markup, which we do not accept as evidence. Save it as PDF first.',
      };
    type = TEXT[ext] ?? TEXT.txt;
    if (!type) return { ok: false, reason: 'unreachable' };
  }
  if (ext && !type.extensions.includes(ext)) {
    return {
      ok: false,
      reason: `The file is named .${ext} but its content is a ${type.label}. Check you chose the right file, or rename it .${type.extensions[0]}.`,
    };
  }
  return { ok: true, type };
}

/**
 * The uploader's filename made safe to show: no folders, no control characters, no more than 200
 * characters (keeping the extension). Never used as a path.
 */
export function cleanFileName(raw: string | undefined, fallbackExt: string): string {
  // Browsers write a double quote in a multipart filename as %22 (HTML's form encoding); read it back.
  let name = (raw ?? '').replace(/%22/g, '"').normalize('NFC');
  name = name.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  name = name.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
  name = name.replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
  if (name === '') name = `evidence.${fallbackExt}`;
  if (name.length > 200) {
    const ext = extensionOf(name);
    name = ext ? `${name.slice(0, 199 - ext.length).trimEnd()}.${ext}` : name.slice(0, 200);
  }
  return name;
}
