/**
 * Reads a plan kept the way councils keep it: one spreadsheet row per action, columns such as Theme, Area,
 * Number, Sources, What we want to achieve, Action, Lead, Timeframe. Column names vary between councils, so
 * each field is found by any of its usual headings.
 */
import { parse } from 'csv-parse/sync';

export interface PlanRowInput {
  row: number;
  theme: string;
  area: string;
  ref: string;
  sources: string;
  objective: string;
  action: string;
  leads: string[];
  timeframe: string;
}

export interface RecommendationInput {
  row: number;
  source: string;
  number: string;
  text: string;
}

export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

const PLAN_HEADINGS: Record<keyof Omit<PlanRowInput, 'row' | 'leads'> | 'leads', string[]> = {
  theme: ['theme', 'priority', 'workstream'],
  area: ['area', 'sub-theme', 'subtheme', 'service area'],
  ref: ['number', 'ref', 'reference', 'no', 'no.', 'action number', 'id'],
  sources: ['sources', 'source', 'recommendation', 'recommendations', 'ofsted recommendation', 'links to'],
  objective: ['what we want to achieve', 'objective', 'outcome', 'what we want to achieve (outcome)'],
  action: ['action', 'actions', 'what we will do', 'action(s)'],
  leads: ['lead', 'leads', 'lead officer', 'responsible officer', 'owner'],
  timeframe: ['timeframe', 'timescale', 'deadline', 'by when', 'due', 'completion date'],
};

function normalise(h: string): string {
  return h
    .replace(/\u00a0/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

function readCsv(text: string): string[][] {
  return parse(text.replace(/^\uFEFF/, ''), {
    relax_column_count: true,
    skip_empty_lines: true,
  }) as string[][];
}

/**
 * Lead cells hold one or more names separated by " / ", ";" or new lines. Not "and": job titles have it
 * ("Head of Learning and Development").
 */
export function splitLeads(cell: string): string[] {
  return cell
    .split(/\s\/\s|;|\n/)
    .map((s) => s.replace(/\u00a0/g, ' ').trim())
    .filter(Boolean);
}

export function readPlanCsv(text: string): PlanRowInput[] {
  const [header, ...rows] = readCsv(text);
  if (!header) throw new ImportError('The file is empty.');
  const names = header.map(normalise);
  const index = {} as Record<keyof typeof PLAN_HEADINGS, number>;
  for (const [field, options] of Object.entries(PLAN_HEADINGS) as [keyof typeof PLAN_HEADINGS, string[]][]) {
    const i = names.findIndex((n) => options.includes(n));
    if (i < 0 && field !== 'sources' && field !== 'area') {
      throw new ImportError(`No column for "${options[0]}" (looked for: ${options.join(', ')}).`);
    }
    index[field] = i;
  }
  const cell = (r: string[], i: number) => (i >= 0 ? (r[i] ?? '').replace(/\u00a0/g, ' ').trim() : '');
  // Merged cells arrive empty: a blank theme or area continues the one above.
  let theme = '';
  let area = '';
  return rows
    .map((r, n) => {
      theme = cell(r, index.theme) || theme;
      area = cell(r, index.area) || area || theme;
      return {
        row: n + 2,
        theme,
        area,
        ref: cell(r, index.ref),
        sources: cell(r, index.sources),
        objective: cell(r, index.objective),
        action: cell(r, index.action),
        leads: splitLeads(cell(r, index.leads)),
        timeframe: cell(r, index.timeframe),
      };
    })
    .filter((r) => r.ref || r.objective || r.action);
}

export function readRecommendationsCsv(text: string): RecommendationInput[] {
  const [header, ...rows] = readCsv(text);
  if (!header) throw new ImportError('The file is empty.');
  const names = header.map(normalise);
  const find = (options: string[]) => {
    const i = names.findIndex((n) => options.includes(n));
    if (i < 0) throw new ImportError(`No column for "${options[0]}".`);
    return i;
  };
  const s = find(['source', 'report']);
  const num = find(['number', 'no', 'no.', 'ref']);
  const t = find(['recommendation', 'text', 'recommendations']);
  return rows.map((r, n) => ({
    row: n + 2,
    source: (r[s] ?? '').trim(),
    number: (r[num] ?? '').trim(),
    text: (r[t] ?? '').trim(),
  }));
}
