/**
 * RAG: the rating every action gets. A colour never stands alone: every place that shows one also shows
 * its word (WCAG 1.4.1), so the labels and tag classes live together here.
 */

export const RAGS = ['blue', 'green', 'amber', 'red', 'not_started'] as const;
export type Rag = (typeof RAGS)[number];

export const RAG_LABELS: Record<Rag, string> = {
  blue: 'Blue',
  green: 'Green',
  amber: 'Amber',
  red: 'Red',
  not_started: 'Not started',
};

/** What each rating means, for hints and report keys. */
export const RAG_DESCRIPTIONS: Record<Rag, string> = {
  blue: 'Complete, and the board has accepted the evidence',
  green: 'On track to finish within its timeframe',
  amber: 'At risk: slipping, or a dependency is in doubt, with mitigation in hand',
  red: 'Off track, or overdue',
  not_started: 'Start date not yet reached',
};

/** govuk-frontend tag modifier for each rating (colours with AA contrast for the tag's text). */
export const RAG_TAG_CLASSES: Record<Rag, string> = {
  blue: 'govuk-tag--blue',
  green: 'govuk-tag--green',
  amber: 'govuk-tag--orange',
  red: 'govuk-tag--red',
  not_started: 'govuk-tag--grey',
};

/** Fill colours for charts and documents, each paired with the word wherever used. */
export const RAG_COLOURS: Record<Rag, { fill: string; text: string }> = {
  blue: { fill: '#1d70b8', text: '#ffffff' },
  green: { fill: '#00703c', text: '#ffffff' },
  amber: { fill: '#ffdd00', text: '#0b0c0c' },
  red: { fill: '#d4351c', text: '#ffffff' },
  not_started: { fill: '#505a5f', text: '#ffffff' },
};

/**
 * Severity for "worse than" comparisons and sorting: higher is worse. Not started sits below Green
 * (nothing is yet at risk); Blue is best of all.
 */
export const RAG_SEVERITY: Record<Rag, number> = {
  blue: 0,
  not_started: 1,
  green: 2,
  amber: 3,
  red: 4,
};

/** The order reports list RAG counts in: worst first. */
export const RAG_REPORT_ORDER: readonly Rag[] = ['red', 'amber', 'green', 'blue', 'not_started'];

export function worseRag(a: Rag, b: Rag): Rag {
  return RAG_SEVERITY[a] >= RAG_SEVERITY[b] ? a : b;
}

export function isRag(value: unknown): value is Rag {
  return typeof value === 'string' && (RAGS as readonly string[]).includes(value);
}

/** Empty counts object, one key per rating. */
export function emptyRagCounts(): Record<Rag, number> {
  return { blue: 0, green: 0, amber: 0, red: 0, not_started: 0 };
}
