/**
 * The RAG of actions as of a moment (a meeting's papers cut-off), as SQL, so that a meeting's page can be
 * written by SQLite without rating each action in JavaScript. The RAG engine (domain/rag.ts) stays the one
 * definition:
 * - the part that depends on the latest update (rules 3–4, `progressRag`) is the engine's own function,
 *   tabulated over every status, reported RAG and start phase (a finite table) into a CASE;
 * - movement (`movementOf`) is tabulated the same way;
 * - the rules that depend on the date — signed off, overdue, before the start date, due soon, stale — are
 *   written here over the inputs as of the moment, as live-rag.ts writes them over the action row for now.
 * tests/api/asof-rag.test.ts compares this with the engine over the demo and generated plans at many cut-offs.
 *
 * Inputs are SQL expressions over the caller's own columns (`AsOfInputs`); the named parameters `:today`,
 * `:staleBefore` and `:dueSoonDays` come from asOfParams().
 */
import { addDays, londonDate, londonTimeToInstant, RAGS, type Rag } from '@ipt/shared';
import { ACTION_STATUSES, REPORTED_RAGS } from '@ipt/shared';
import type { Sqlite } from '../db/client.js';
import { movementOf } from '../domain/movement.js';
import { progressRag, type RagRules, type StartPhase } from '../domain/rag.js';

/** SQL expressions of an action's RAG inputs as of the moment. */
export interface AsOfInputs {
  startDate: string;
  originalDueDate: string;
  /** The due date in force at the moment (the latest approved change by then, else the original). */
  dueDate: string;
  /** Approved due-date changes decided by the moment. */
  revisions: string;
  /** The sign-off, only if at or before the moment (else null). */
  signedOffAt: string;
  /** The latest update at or before the moment: its instant, status and reported RAG (nulls when none). */
  updateAt: string;
  status: string;
  reportedRag: string;
}

export interface AsOfParams {
  today: string;
  /** An update before this instant is stale: the previous meeting's cut-off, else the start of the London day staleDays before today. */
  staleBefore: string;
  dueSoonDays: number;
}

/**
 * The parameters of a rating as of `asOf`. Stale, as the engine has it: updated before the previous
 * meeting's cut-off, or (with none) more than staleDays London days before today — that is, before the
 * start of the London day `today - staleDays`.
 */
export function asOfParams(asOf: string, previousCutoff: string | null, rules: RagRules): AsOfParams {
  const today = londonDate(asOf);
  return {
    today,
    staleBefore: previousCutoff ?? londonTimeToInstant(addDays(today, -rules.staleDays), 0, 0).toISOString(),
    dueSoonDays: rules.dueSoonDays,
  };
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** A simple CASE over `key` giving each value its result: the key is worked out once per row, not once per WHEN. */
function tableCase(key: string, table: Map<string, string>): string {
  return `(CASE ${key} ${[...table].map(([k, r]) => `WHEN ${quote(k)} THEN ${quote(r)}`).join(' ')} END)`;
}

/** progressRag() as a CASE over the update's status and reported RAG, for one start phase. */
function progressRagSql(i: AsOfInputs, phase: StartPhase): string {
  const table = new Map<string, string>();
  for (const status of ACTION_STATUSES)
    for (const reportedRag of [null, ...REPORTED_RAGS])
      table.set(`${status}/${reportedRag ?? ''}`, progressRag({ status, reportedRag }, phase));
  return `(CASE WHEN ${i.updateAt} IS NULL THEN ${quote(progressRag(null, phase))}
    ELSE ${tableCase(`(${i.status} || '/' || coalesce(${i.reportedRag}, ''))`, table)} END)`;
}

const signedOff = (i: AsOfInputs) => `(${i.signedOffAt} IS NOT NULL)`;
const overdue = (i: AsOfInputs) => `(${i.signedOffAt} IS NULL AND ${i.dueDate} < :today)`;
const daysUntilDue = (i: AsOfInputs) => `(julianday(${i.dueDate}) - julianday(:today))`;
const dueSoon = (i: AsOfInputs) =>
  `(NOT ${signedOff(i)} AND ${i.dueDate} >= :today AND ${daysUntilDue(i)} <= :dueSoonDays)`;

/** The RAG as of the moment (assessRag's rag). */
export function asOfRag(i: AsOfInputs): string {
  return `(CASE WHEN ${signedOff(i)} THEN 'blue' WHEN ${overdue(i)} THEN 'red'
    WHEN ${i.startDate} IS NULL THEN ${progressRagSql(i, 'undated')}
    WHEN ${i.startDate} <= :today THEN ${progressRagSql(i, 'started')}
    ELSE ${progressRagSql(i, 'before_start')} END)`;
}

/** A JSON boolean, so that json_object writes true/false rather than the strings. */
const bool = (condition: string) => `CASE WHEN ${condition} THEN json('true') ELSE json('false') END`;

/**
 * The flags as a JSON object of RagFlags (every key, in the schema's order), given the RAG as an expression
 * (a column holding asOfRag(), so it is not evaluated twice). Built by json_object, not as text to be parsed
 * again, so that it goes into the row's own json_object as it is.
 */
export function asOfFlagsJson(i: AsOfInputs, rag: string): string {
  const live = `NOT ${signedOff(i)}`;
  const slip = `(CASE WHEN ${i.originalDueDate} IS NOT NULL AND ${i.dueDate} IS NOT NULL
    THEN CAST(julianday(${i.dueDate}) - julianday(${i.originalDueDate}) AS INTEGER) ELSE 0 END)`;
  return `json_object('overdue', ${bool(overdue(i))},
    'daysOverdue', CASE WHEN ${overdue(i)} THEN CAST(julianday(:today) - julianday(${i.dueDate}) AS INTEGER) END,
    'noUpdate', ${bool(`${live} AND ${i.updateAt} IS NULL AND (${i.startDate} IS NULL OR ${i.startDate} <= :today)`)},
    'stale', ${bool(`${rag} IN ('red', 'amber', 'green') AND (${i.updateAt} IS NULL OR ${i.updateAt} < :staleBefore)`)},
    'dueSoon', ${bool(dueSoon(i))},
    'daysUntilDue', CASE WHEN ${dueSoon(i)} THEN CAST(${daysUntilDue(i)} AS INTEGER) END,
    'awaitingSignOff', ${bool(`${live} AND ${i.updateAt} IS NOT NULL AND ${i.status} = 'complete'`)},
    'lateStart', ${bool(`${live} AND ${i.updateAt} IS NOT NULL AND ${i.status} = 'not_started' AND ${i.startDate} <= :today`)},
    'noDueDate', ${bool(`${live} AND ${i.dueDate} IS NULL`)},
    'timeframeRevised', ${bool(`${i.revisions} > 0`)},
    'revisions', ${i.revisions},
    'slipDays', ${slip})`;
}

/** Whether the action is overdue as of the moment, 0/1 (the flag, for the page's "newly overdue"). */
export function asOfOverdue(i: AsOfInputs): string {
  return `${overdue(i)}`;
}

/** The status a meeting reports: the latest update's, else complete once signed off, else not started. */
export function asOfStatus(i: AsOfInputs): string {
  return `coalesce(${i.status}, CASE WHEN ${signedOff(i)} THEN 'complete' ELSE 'not_started' END)`;
}

/** movementOf(previous, rag) as a CASE (previous null: new). */
export function movementSql(previous: string, rag: string): string {
  const table = new Map<string, string>();
  for (const p of [null, ...RAGS]) for (const r of RAGS) table.set(`${p ?? ''}/${r}`, movementOf(p, r));
  return tableCase(`(coalesce(${previous}, '') || '/' || ${rag})`, table);
}

/**
 * The select-list of a derived table of actions (`a`) with their inputs as of `:asOf`: the dates, the due
 * date and revisions by then, the sign-off if by then, and the id of the latest update by then (one seek on
 * action_updates_action_idx; ties to the later id). Join `action_updates` on `update_id` for the update.
 */
function asOfInputColumns(a: string): string {
  const approved = `FROM due_date_changes c WHERE c.action_id = ${a}.id AND +c.decision = 'approved' AND c.decided_at <= :asOf`;
  return `${a}.start_date, ${a}.original_due_date,
    coalesce((SELECT c.to_date ${approved} ORDER BY c.decided_at DESC, c.id DESC LIMIT 1), ${a}.original_due_date) AS due_date,
    (SELECT count(*) ${approved}) AS revisions,
    CASE WHEN ${a}.signed_off_at <= :asOf THEN ${a}.signed_off_at END AS signed_off_at,
    (SELECT u.id FROM action_updates u WHERE u.action_id = ${a}.id AND u.created_at <= :asOf
      ORDER BY u.created_at DESC, u.id DESC LIMIT 1) AS update_id`;
}

/** The inputs over a derived table `f` of asOfInputColumns() joined to its update `u`. */
function inputsOver(f: string, u: string): AsOfInputs {
  return {
    startDate: `${f}.start_date`,
    originalDueDate: `${f}.original_due_date`,
    dueDate: `${f}.due_date`,
    revisions: `${f}.revisions`,
    signedOffAt: `${f}.signed_off_at`,
    updateAt: `${u}.created_at`,
    status: `${u}.status`,
    reportedRag: `${u}.reported_rag`,
  };
}

/**
 * Two CTEs for a `WITH`: `f`, the actions `a` of `from` (a FROM … WHERE, given) with `columns` and their
 * inputs as of `:asOf`; and `r`, each with its latest update by then (`update_at`, `update_status`,
 * `reported_rag`, and `updateColumns` of `u`) and its RAG, `r.rag`. Both materialised: the RAG is rated
 * once per row however often the query reads it. Over `r`, `rated` gives the inputs.
 */
export function asOfRatedCtes(from: string, columns = '', updateColumns = ''): string {
  return `f AS MATERIALIZED (SELECT a.id, ${columns ? `${columns}, ` : ''}${asOfInputColumns('a')} ${from}),
    r AS MATERIALIZED (SELECT f.*, u.created_at AS update_at, u.status AS update_status,
      u.reported_rag${updateColumns ? `, ${updateColumns}` : ''}, ${asOfRag(inputsOver('f', 'u'))} AS rag
    FROM f LEFT JOIN action_updates u ON u.id = f.update_id)`;
}

/** The inputs over the CTE `r` of asOfRatedCtes(). */
export const rated: AsOfInputs = {
  ...inputsOver('r', 'r'),
  updateAt: 'r.update_at',
  status: 'r.update_status',
  reportedRag: 'r.reported_rag',
};

/** The actions of a plan that existed at `:asOf` (created by then, not archived by then). */
export const existedAt = (a: string) =>
  `${a}.created_at <= :asOf AND (${a}.archived_at IS NULL OR ${a}.archived_at > :asOf)`;

/**
 * The RAG of each action of a plan that existed at `asOf`, as of then, by action id: for any view that
 * needs a meeting's RAGs not yet frozen (e.g. a column of the RAG history).
 */
export function createAsOfRagReader(sqlite: Sqlite) {
  const stmt = sqlite.prepare<{ planId: number; asOf: string } & AsOfParams, { id: number; rag: Rag }>(
    `WITH ${asOfRatedCtes(`FROM actions a WHERE a.plan_id = :planId AND ${existedAt('a')}`)}
    SELECT r.id, r.rag FROM r`,
  );
  return {
    ragsAsOf(planId: number, asOf: string, previousCutoff: string | null, rules: RagRules): Map<number, Rag> {
      const rows = stmt.all({ planId, asOf, ...asOfParams(asOf, previousCutoff, rules) });
      return new Map(rows.map((r) => [r.id, r.rag]));
    },
  };
}
