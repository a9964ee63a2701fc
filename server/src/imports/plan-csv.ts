/**
 * Reads a plan kept the way councils keep it: one row per action under a header row, with columns such as
 * Theme, Area, Number, Sources, What we want to achieve, Action, Lead, Timeframe. Column names vary between
 * councils, so each heading is recognised by its meaning (case, punctuation, line breaks and bracketed
 * suffixes aside); a heading it does not recognise can be mapped to a field, or ignored, by the person.
 * Works on any table of cell text (see readers.ts): CSV, a worksheet, a Word table.
 */
import { readCsvGrid, type Grid } from './readers.js';

export const PLAN_FIELDS = [
  'theme',
  'area',
  'ref',
  'sources',
  'objective',
  'action',
  'leads',
  'timeframe',
] as const;
export type PlanField = (typeof PLAN_FIELDS)[number];
export const PLAN_FIELD_LABELS: Record<PlanField, string> = {
  theme: 'Theme',
  area: 'Area',
  ref: 'Reference',
  sources: 'Sources',
  objective: 'What we want to achieve',
  action: 'Action',
  leads: 'Lead',
  timeframe: 'Timeframe',
};
/** A person's answer for a heading: a field, or leave the column out. */
export type ColumnChoice = PlanField | 'ignore';

export interface PlanRowInput {
  /** The row's number in the sheet (1 is the first row, the header included). */
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

export interface PlanColumn {
  /** Column letter as a spreadsheet shows it: A, B, … AA. */
  letter: string;
  heading: string;
  /** The heading as recognised and remembered: lower case, single spaces, no punctuation or brackets. */
  key: string;
  field: PlanField | null;
  /** How the field was decided: by the heading's meaning, by the person's mapping, or not at all. */
  how: 'recognised' | 'mapped' | 'ignored' | 'unrecognised';
}

export interface PlanTable {
  /** The header's row number in the sheet. */
  headerRow: number;
  columns: PlanColumn[];
  rows: PlanRowInput[];
  /** Fields no column gives, of those a plan needs. */
  missing: PlanField[];
  /** Rows read as a theme's heading (one filled cell). */
  sectionRows: number[];
}

export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

/** The fields a plan cannot do without; sources and area are optional. */
export const REQUIRED_FIELDS: PlanField[] = ['theme', 'ref', 'objective', 'leads', 'timeframe'];

export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "Action(s)\n(incl. Ofsted recommendations)" → "action"; "Lead Officer:" → "lead officer". */
export function headingKey(heading: string): string {
  return heading
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/\b(?:incl|including)\b.*$/i, ' ')
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** By meaning, in this order: the first rule a heading meets decides (so "Action lead" is a lead). */
const MEANINGS: [RegExp, PlanField][] = [
  [/\b(leads?|responsible|owners?|accountable|officers?)\b/, 'leads'],
  [/\b(timeframes?|timescales?|deadlines?|by when|due|target date|completion date|when|date)\b/, 'timeframe'],
  [/\b(sources?|recommendations?|links? to|ofsted|directions?|requirements?)\b/, 'sources'],
  [/^(?:action |actions )?(?:ref|reference|refs|no|nos|number|id|num)$|\b(ref|reference|no|number)\b/, 'ref'],
  [/\b(achieve|objectives?|outcomes?|aims?|intended|success|impact)\b/, 'objective'],
  [/\b(themes?|workstreams?|priority|priorities|strands?)\b/, 'theme'],
  [/\b(areas?|sub ?themes?|service|services|focus)\b/, 'area'],
  [/\b(actions?|what we will do|activity|activities|tasks?|steps?|how)\b/, 'action'],
];

export function recogniseHeading(key: string): PlanField | null {
  if (key === '') return null;
  return MEANINGS.find(([re]) => re.test(key))?.[1] ?? null;
}

/** Columns of one header row, given the person's mapping of headings (by key). */
function columnsOf(header: string[], mapping: Record<string, ColumnChoice>): PlanColumn[] {
  const taken = new Set<PlanField>();
  const columns = header.map((heading, i): PlanColumn => {
    const key = headingKey(heading);
    const letter = columnLetter(i);
    const chosen = mapping[key];
    if (chosen === 'ignore') return { letter, heading, key, field: null, how: 'ignored' };
    if (chosen !== undefined) return { letter, heading, key, field: chosen, how: 'mapped' };
    return { letter, heading, key, field: null, how: 'unrecognised' };
  });
  for (const c of columns) if (c.field) taken.add(c.field);
  for (const c of columns) {
    if (c.how !== 'unrecognised') continue;
    const field = recogniseHeading(c.key);
    // The first column of a meaning wins; a second stays for the person to map or ignore.
    if (field && !taken.has(field)) {
      c.field = field;
      c.how = 'recognised';
      taken.add(field);
    }
  }
  return columns;
}

/** The first row (of the first 20) that names at least three fields, an action or objective among them. */
export function findHeaderRow(grid: Grid, mapping: Record<string, ColumnChoice> = {}): number | null {
  for (let r = 0; r < Math.min(grid.length, 20); r++) {
    const fields = new Set(columnsOf(grid[r] ?? [], mapping).flatMap((c) => (c.field ? [c.field] : [])));
    if (fields.size >= 3 && (fields.has('action') || fields.has('objective'))) return r;
  }
  return null;
}

const clean = (s: string | undefined) =>
  (s ?? '')
    .replace(/\u00a0/g, ' ')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .trim();

/**
 * Lead cells hold one or more names separated by " / ", ";" or new lines. Not "and": job titles have it
 * ("Head of Learning and Development"); see ambiguousLeadSplit.
 */
export function splitLeads(cell: string): string[] {
  return cell
    .split(/\s\/\s|;|\n/)
    .map((s) => s.replace(/\u00a0/g, ' ').trim())
    .filter(Boolean);
}

/** "Head of Safeguarding and Head of Quality" → its parts, to be confirmed; null when there is no "and". */
export function ambiguousLeadSplit(name: string): string[] | null {
  const parts = name
    .split(/\s+(?:and|&)\s+/i)
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.length > 1 ? parts : null;
}

/** Reads the plan from a table: the header, the columns, and one input per action row. */
export function readPlanTable(grid: Grid, mapping: Record<string, ColumnChoice> = {}): PlanTable | null {
  const h = findHeaderRow(grid, mapping);
  if (h === null) return null;
  const columns = columnsOf(grid[h] ?? [], mapping);
  const index = (field: PlanField) => columns.findIndex((c) => c.field === field);
  const at = Object.fromEntries(PLAN_FIELDS.map((f) => [f, index(f)])) as Record<PlanField, number>;
  const missing = REQUIRED_FIELDS.filter((f) =>
    f === 'objective' ? at.objective < 0 && at.action < 0 : at[f] < 0,
  );
  const cell = (r: string[], field: PlanField) => (at[field] >= 0 ? clean(r[at[field]]) : '');
  const rows: PlanRowInput[] = [];
  const sectionRows: number[] = [];
  // Merged cells arrive blank: a blank theme or area continues the one above.
  let theme = '';
  let area = '';
  for (let r = h + 1; r < grid.length; r++) {
    const cells = grid[r] ?? [];
    const used = columns.flatMap((c, i) => (c.field && clean(cells[i]) !== '' ? [i] : []));
    if (used.length === 0) continue;
    // A row with one filled cell (a heading across the table) starts a theme.
    if (
      used.length === 1 &&
      (used[0] === at.theme || used[0] === 0 || at.ref < 0 || clean(cells[at.ref]) === '')
    ) {
      const text = clean(cells[used[0]!]);
      if (used[0] !== at.ref && used[0] !== at.leads && used[0] !== at.timeframe) {
        theme = text;
        area = '';
        sectionRows.push(r + 1);
        continue;
      }
    }
    const themeCell = cell(cells, 'theme');
    if (themeCell && themeCell !== theme) {
      theme = themeCell;
      area = '';
    }
    area = cell(cells, 'area') || area;
    const objective = cell(cells, 'objective');
    const action = cell(cells, 'action');
    rows.push({
      row: r + 1,
      theme,
      area: area || theme,
      ref: cell(cells, 'ref'),
      sources: cell(cells, 'sources'),
      // A plan without an objectives column states each action as its own objective.
      objective: at.objective >= 0 ? objective : action,
      action: at.objective >= 0 ? action : '',
      leads: splitLeads(cell(cells, 'leads')),
      timeframe: cell(cells, 'timeframe'),
    });
  }
  return { headerRow: h + 1, columns, rows, missing, sectionRows };
}

/** The demo seeder's reader: a CSV with every column it needs, or an ImportError naming what is missing. */
export function readPlanCsv(text: string): PlanRowInput[] {
  const table = readPlanTable(readCsvGrid(text));
  if (!table)
    throw new ImportError('No header row: the first rows name no Theme, Action, Lead or Timeframe.');
  if (table.missing.length) {
    throw new ImportError(
      `No column for ${table.missing.map((f) => `"${PLAN_FIELD_LABELS[f]}"`).join(', ')}.`,
    );
  }
  return table.rows;
}

export function readRecommendationsCsv(text: string): RecommendationInput[] {
  const [header, ...rows] = readCsvGrid(text).filter((r) => r.some((c) => c.trim() !== ''));
  if (!header) throw new ImportError('The file is empty.');
  const names = header.map(headingKey);
  const find = (options: string[]) => {
    const i = names.findIndex((n) => options.includes(n));
    if (i < 0) throw new ImportError(`No column for "${options[0]}".`);
    return i;
  };
  const s = find(['source', 'report']);
  const num = find(['number', 'no', 'ref']);
  const t = find(['recommendation', 'text', 'recommendations']);
  return rows.map((r, n) => ({
    row: n + 2,
    source: (r[s] ?? '').trim(),
    number: (r[num] ?? '').trim(),
    text: (r[t] ?? '').trim(),
  }));
}

/** A lead cell names an officer, a team, or a partner agency. */
export function leadKindOf(name: string): 'person' | 'team' | 'partner' {
  if (/\b(team|board|group|panel|partnership)\b/i.test(name)) return 'team';
  if (/\b(nhs|police|commissioner|cqc|trust|icb|ccg|partner)\b/i.test(name)) return 'partner';
  return 'person';
}
