/**
 * The "Sources" cell of a council's plan, as people write it, into recommendation references:
 *   "Ofsted Recommendation 3; Ofsted Recommendation 7 (asylum-seeking children only)"
 *   "DfE Direction b5", "Rec 3", "R3, R7", "Ofsted recommendations 3 and 7", "Recs 2, 4",
 *   "recommendations 1-3", "Peer review priority 2", "Priority 4 of the PLO thematic review"
 * Each reference keeps which source it names (by a keyword such as "Ofsted" or "DfE", a named review, or
 * none) and any bracketed scope note. `citedSources` then says which of a plan's sources a reference can
 * mean; recommendationLabel() is how a plan cites one back, as a label.
 */
import { SOURCE_KIND_LABELS, type SourceKind } from '@ipt/shared';

export interface Citation {
  /** Lower-case keyword naming the source ("ofsted", "dfe", "review"), or null when the cell does not say. */
  source: string | null;
  /** For a named review ("Peer review priority 2"), its name as written: "Peer review". */
  sourceName?: string;
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

/** "1-3", "1 – 3", "1 to 3", "b2-b4" → each number in between; anything else as it was. */
function expandRange(ref: string): string[] | null {
  const m = /^([A-Za-z]{0,2})(\d+)\s*(?:-|–|—|to)\s*([A-Za-z]{0,2})(\d+)$/i.exec(ref);
  if (!m) return null;
  const [, p1 = '', a = '', p2 = '', b = ''] = m;
  if (p2 !== '' && p2.toLowerCase() !== p1.toLowerCase()) return null;
  const from = Number(a);
  const to = Number(b);
  if (to < from || to - from > 50) return null;
  return Array.from({ length: to - from + 1 }, (_, i) => `${p1}${from + i}`);
}

/** "Peer review priority 2" or "Priority 2 of the Peer review": the review's name and the rest. */
function namedReview(body: string): { name: string; refs: string } | null {
  const before = /^(.*?\breview\b.*?)[\s,:–-]+(?:priority|priorities|recommendations?|recs?)\s+(.+)$/i.exec(
    body,
  );
  if (before) return { name: before[1]!.trim(), refs: before[2]! };
  const after =
    /^(?:priority|priorities|recommendations?|recs?)\s+(.+?)\s*(?:of|from|in|[-–:,])\s*(?:the\s+)?(.*\breview\b.*)$/i.exec(
      body,
    );
  if (after) return { name: after[2]!.trim(), refs: after[1]! };
  return null;
}

export function parseCitations(text: string): Citation[] {
  const out: Citation[] = [];
  const cleaned = text.replace(/\u00a0/g, ' ').trim();
  if (cleaned === '' || /^(none|n\/a|-|–)$/i.test(cleaned)) return out;
  let lastSource: string | null = null;
  let lastName: string | undefined;
  for (const part of splitTopLevel(cleaned)) {
    const noteMatch = /\(([^)]*)\)\s*$/.exec(part);
    const scopeNote = noteMatch?.[1]?.trim() ?? '';
    let body = noteMatch ? part.slice(0, noteMatch.index).trim() : part;
    let source: string | null;
    let sourceName: string | undefined;
    const review = SOURCE_WORDS.some(([re]) => re.test(body)) ? null : namedReview(body);
    if (review) {
      source = 'review';
      sourceName = review.name;
      body = review.refs;
    } else {
      source = SOURCE_WORDS.find(([re]) => re.test(body))?.[1] ?? lastSource;
      if (source === lastSource) sourceName = lastName;
    }
    // Drop the words; keep the references: "recommendations 3 and 7" → ["3", "7"]; "R3" → ["3"].
    const refsText = body
      .replace(
        /\b(ofsted|dfe|statutory|direction|directions|commissioner|recommendations?|recs?|priority|priorities|action|area|for|item|nos?|numbers?)\b\.?/gi,
        ' ',
      )
      .replace(/\bR(?=\d)/g, ' ')
      // Keep a range together: "1 - 3" → "1-3".
      .replace(/([A-Za-z]{0,2}\d+)\s*(?:-|–|—|\bto\b)\s*([A-Za-z]{0,2}\d+)/gi, '$1-$2');
    const refs = refsText
      .split(/,|&|\band\b|\s+/i)
      .map((r) => r.trim().replace(/[.:]$/, ''))
      .filter(Boolean);
    if (refs.length === 0) throw new CitationError(`"${part}" names no recommendation number.`, text);
    for (const ref of refs) {
      const numbers = expandRange(ref) ?? [ref];
      for (const number of numbers) {
        if (!/^[A-Za-z]{0,2}\d+[A-Za-z]?$/.test(number)) {
          throw new CitationError(
            `"${part}" has "${ref}", which is not a recommendation number such as 3 or b5.`,
            text,
          );
        }
        out.push({
          source,
          number: number.toLowerCase(),
          scopeNote,
          ...(sourceName !== undefined ? { sourceName } : {}),
        });
      }
    }
    lastSource = source;
    lastName = sourceName;
  }
  return out;
}

/** A source as far as resolving a citation needs it. */
export interface CitableSource {
  id: number;
  kind: SourceKind;
  title: string;
  citation: string;
}

const KINDS_BY_KEYWORD: Record<string, SourceKind[]> = {
  ofsted: ['inspection', 'monitoring_visit', 'focused_visit'],
  dfe: ['dfe_direction'],
  commissioner: ['commissioner_report'],
  send: ['send_inspection'],
  review: ['internal_review'],
};

const words = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, ' ')
    .split(/\s+/)
    .filter((w) => w && !['the', 'of', 'and', 'review'].includes(w));

/**
 * The sources a citation can mean: by its keyword's kinds (a named review by the words of its name in the
 * source's title or citation), or every source when the cell names none.
 */
export function citedSources<S extends CitableSource>(c: Citation, sources: S[]): S[] {
  if (c.source === null) return sources;
  const kinds = KINDS_BY_KEYWORD[c.source] ?? [];
  const ofKind = sources.filter((s) => kinds.includes(s.kind));
  if (c.source !== 'review' || !c.sourceName) return ofKind;
  const wanted = words(c.sourceName);
  const named = sources.filter((s) => {
    const have = new Set(words(`${s.title} ${s.citation}`));
    return wanted.length > 0 && wanted.every((w) => have.has(w));
  });
  return named.length ? named : ofKind.length === 1 ? ofKind : [];
}

/** How a citation reads back in a message: "Ofsted 3", "Peer review 2", "recommendation 3". */
export function describeCitation(c: Citation): string {
  if (c.sourceName) return `${c.sourceName} priority ${c.number}`;
  if (c.source === 'ofsted') return `Ofsted recommendation ${c.number}`;
  if (c.source === 'dfe') return `DfE direction ${c.number}`;
  if (c.source) return `${c.source} ${c.number}`;
  return `recommendation ${c.number}`;
}

/** "Ofsted recommendation 3", "DfE direction b5": how a plan cites a recommendation. */
export function recommendationLabel(citation: string, kind: SourceKind, number: string): string {
  const name = citation.trim() || SOURCE_KIND_LABELS[kind];
  return `${name} ${number}`;
}

/**
 * The characters `String.prototype.trim` removes (white space and line terminators), for a rule written in
 * SQL too: SQLite's `trim(x, TRIMMED_BY_JS)` trims what `x.trim()` does (the action page writes
 * recommendationLabel in SQL).
 */
export const TRIMMED_BY_JS =
  '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
