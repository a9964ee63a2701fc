/**
 * The "Sources" cell of a council's plan, as people write it, into recommendation references:
 *   "Ofsted Recommendation 3; Ofsted Recommendation 7 (asylum-seeking children only)"
 *   "DfE Direction b5", "Rec 3", "R3", "Ofsted recommendations 3 and 7", "Recs 2, 4"
 * Each reference keeps which source it names (by a keyword such as "Ofsted" or "DfE", or none) and any
 * bracketed scope note. And the other way: how a plan cites a recommendation, as a label.
 */
import { SOURCE_KIND_LABELS, type SourceKind } from '@ipt/shared';

export interface Citation {
  /** Lower-case keyword naming the source ("ofsted", "dfe"), or null when the cell does not say. */
  source: string | null;
  /** As written, e.g. "3", "b5". */
  number: string;
  scopeNote: string;
}

export class CitationError extends Error {
  constructor(
    message: string,
    readonly text: string,
  ) {
    super(message);
    this.name = 'CitationError';
  }
}

const SOURCE_WORDS: [RegExp, string][] = [
  [/\bofsted\b/i, 'ofsted'],
  [/\b(dfe|direction|directions|statutory)\b/i, 'dfe'],
  [/\b(commissioner)\b/i, 'commissioner'],
  [/\b(send|wsoa|written statement)\b/i, 'send'],
];

/** Splits on ; and on commas or "and" between references, but never inside brackets. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && (ch === ';' || ch === '\n')) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

export function parseCitations(text: string): Citation[] {
  const out: Citation[] = [];
  const cleaned = text.replace(/\u00a0/g, ' ').trim();
  if (cleaned === '' || /^(none|n\/a|-|–)$/i.test(cleaned)) return out;
  let lastSource: string | null = null;
  for (const part of splitTopLevel(cleaned)) {
    const noteMatch = /\(([^)]*)\)\s*$/.exec(part);
    const scopeNote = noteMatch?.[1]?.trim() ?? '';
    const body = noteMatch ? part.slice(0, noteMatch.index).trim() : part;
    const source: string | null = SOURCE_WORDS.find(([re]) => re.test(body))?.[1] ?? lastSource;
    // Drop the words; keep the references: "recommendations 3 and 7" → ["3", "7"]; "R3" → ["3"].
    const refsText = body
      .replace(
        /\b(ofsted|dfe|statutory|direction|directions|commissioner|recommendations?|recs?|priority|action|area|for|item)\b/gi,
        ' ',
      )
      .replace(/\bR(?=\d)/g, ' ');
    const refs = refsText
      .split(/,|&|\band\b|\s+/i)
      .map((r) => r.trim().replace(/[.:]$/, ''))
      .filter(Boolean);
    if (refs.length === 0) throw new CitationError(`"${part}" names no recommendation number.`, text);
    for (const ref of refs) {
      if (!/^[A-Za-z]{0,2}\d+[A-Za-z]?$/.test(ref)) {
        throw new CitationError(
          `"${part}" has "${ref}", which is not a recommendation number such as 3 or b5.`,
          text,
        );
      }
      out.push({ source, number: ref.toLowerCase(), scopeNote });
    }
    lastSource = source;
  }
  return out;
}

/** "Ofsted recommendation 3", "DfE direction b5": how a plan cites a recommendation. */
export function recommendationLabel(citation: string, kind: SourceKind, number: string): string {
  const name = citation.trim() || SOURCE_KIND_LABELS[kind];
  return `${name} ${number}`;
}
