/**
 * The live RAG of actions, as SQL over the action row, so that a list filtered, sorted and paged by RAG or
 * flag is one indexed query. The RAG engine (domain/rag.ts) stays the one definition: the part that depends
 * on the latest update is kept on the row by the engine (`rag_started`, `rag_before_start`, written with every
 * change), and this file only applies the rules that depend on the date of reading — signed off, overdue,
 * before the start date, due soon, stale — exactly as the engine does (tests/api/live-rag.test.ts compares
 * the two over generated plans at many instants).
 *
 * A live reading assumes nothing on the row is later than now (true of every write, which is stamped now).
 * Placeholders: now (ISO instant), today (its London date), dueSoonDays, staleDays.
 */
import { sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { RAG_SEVERITY, type Rag } from '@ipt/shared';
import { actions, meetings } from '../db/schema.js';

export interface LiveParams {
  now: string;
  today: string;
  dueSoonDays: number;
  staleDays: number;
}

const now = sql.placeholder('now');
const today = sql.placeholder('today');

const signedOff = sql`(${actions.signedOffAt} IS NOT NULL)`;
const overdue = sql`(${actions.signedOffAt} IS NULL AND ${actions.dueDate} < ${today})`;
const beforeStart = sql`(${actions.startDate} > ${today})`;
const started = sql`(${actions.startDate} IS NULL OR ${actions.startDate} <= ${today})`;
const hasUpdate = sql`(${actions.lastUpdateAt} IS NOT NULL)`;

/** The papers cut-off of the plan's latest meeting that has passed (null when none has). */
export const liveCutoff: SQL<string | null> = sql`(SELECT ${meetings.papersCutoff} FROM ${meetings}
  WHERE ${meetings.planId} = ${actions.planId} AND ${meetings.papersCutoff} <= ${now} AND ${meetings.archivedAt} IS NULL
  ORDER BY ${meetings.papersCutoff} DESC LIMIT 1)`;

export const liveRag: SQL<Rag> = sql`(CASE
  WHEN ${signedOff} THEN 'blue'
  WHEN ${overdue} THEN 'red'
  WHEN ${beforeStart} THEN ${actions.ragBeforeStart}
  ELSE ${actions.ragStarted} END)`;

const daysUntilDue = sql`(julianday(${actions.dueDate}) - julianday(${today}))`;

/**
 * Each flag of the engine's assessment, as a 0/1 (or number) expression, given the plan's latest passed
 * cut-off as an expression: the correlated lookup (liveCutoff) in a filter, or a joined column (see
 * liveCutoffJoin) where a row reads it twice.
 */
export function flagsWith(cutoff: SQL<string | null>) {
  return {
    overdue: sql<number>`${overdue}`,
    daysOverdue: sql<
      number | null
    >`(CASE WHEN ${overdue} THEN CAST(julianday(${today}) - julianday(${actions.dueDate}) AS INTEGER) END)`,
    dueSoon: sql<number>`(NOT ${signedOff} AND ${actions.dueDate} >= ${today} AND ${daysUntilDue} <= ${sql.placeholder('dueSoonDays')})`,
    daysUntilDue: sql<
      number | null
    >`(CASE WHEN NOT ${signedOff} AND ${actions.dueDate} >= ${today} AND ${daysUntilDue} <= ${sql.placeholder('dueSoonDays')} THEN CAST(${daysUntilDue} AS INTEGER) END)`,
    noUpdate: sql<number>`(NOT ${signedOff} AND NOT ${hasUpdate} AND ${started})`,
    // Updated before the latest passed cut-off; with none (the comparison is null), by days since the update.
    // The cut-off is looked up once per row: a NULL comparison falls through coalesce.
    stale: sql<number>`(${liveRag} IN ('red', 'amber', 'green') AND (NOT ${hasUpdate} OR coalesce(
    ${actions.lastUpdateAt} < ${cutoff},
    julianday(${today}) - julianday(${actions.lastUpdateDate}) > ${sql.placeholder('staleDays')})))`,
    awaitingSignOff: sql<number>`(NOT ${signedOff} AND ${hasUpdate} AND ${actions.status} = 'complete')`,
    lateStart: sql<number>`(NOT ${signedOff} AND ${hasUpdate} AND ${actions.status} = 'not_started' AND ${actions.startDate} <= ${today})`,
    noDueDate: sql<number>`(NOT ${signedOff} AND ${actions.dueDate} IS NULL)`,
    timeframeRevised: sql<number>`(${actions.dueDateRevisions} > 0)`,
    revisions: sql<number>`${actions.dueDateRevisions}`,
    slipDays: sql<number>`(CASE WHEN ${actions.originalDueDate} IS NOT NULL AND ${actions.dueDate} IS NOT NULL
    THEN CAST(julianday(${actions.dueDate}) - julianday(${actions.originalDueDate}) AS INTEGER) ELSE 0 END)`,
  };
}

export const liveFlags = flagsWith(liveCutoff);

export type LiveFlag = Exclude<
  keyof typeof liveFlags,
  'daysOverdue' | 'daysUntilDue' | 'revisions' | 'slipDays'
>;

/** Updated since the latest papers cut-off that has passed (any update counts when none has). */
export const updatedSinceCutoffWith = (cutoff: SQL<string | null>) =>
  sql<number>`(${hasUpdate} AND coalesce(${actions.lastUpdateAt} >= ${cutoff}, 1))`;
export const liveUpdatedSinceCutoff = updatedSinceCutoffWith(liveCutoff);

/**
 * The plan's latest passed cut-off joined once per row (`.leftJoin(cutoffMeeting, cutoffMeetingOn)`), for a
 * row that reads it in two flags: its meeting, found by the same indexed lookup as liveCutoff.
 */
export const cutoffMeeting = alias(meetings, 'live_cutoff');
export const cutoffMeetingOn: SQL = sql`${cutoffMeeting.id} = (SELECT ${meetings.id} FROM ${meetings}
  WHERE ${meetings.planId} = ${actions.planId} AND ${meetings.papersCutoff} <= ${now} AND ${meetings.archivedAt} IS NULL
  ORDER BY ${meetings.papersCutoff} DESC LIMIT 1)`;
export const joinedCutoff: SQL<string | null> = sql`${cutoffMeeting.papersCutoff}`;

/**
 * The plan's latest passed cut-off for a list of one plan (`planId` bound): not correlated with the row, so
 * SQLite looks it up once per statement, not once per row.
 */
export const planCutoff: SQL<string | null> = sql`(SELECT ${meetings.papersCutoff} FROM ${meetings}
  WHERE ${meetings.planId} = ${sql.placeholder('planId')} AND ${meetings.papersCutoff} <= ${now} AND ${meetings.archivedAt} IS NULL
  ORDER BY ${meetings.papersCutoff} DESC LIMIT 1)`;

/**
 * The flags of `flagsWith` that hold, as the JSON text of an object with only those keys (ListFlags in the
 * shared schemas): a list carries a flag only when it is true, with its count beside it.
 */
export function listFlagsJson(cutoff: SQL<string | null>): SQL<string> {
  const f = flagsWith(cutoff);
  return sql<string>`concat('{', concat_ws(',',
    CASE WHEN ${overdue} THEN '"overdue":true,"daysOverdue":' || CAST(julianday(${today}) - julianday(${actions.dueDate}) AS INTEGER) END,
    CASE WHEN ${f.dueSoon} THEN '"dueSoon":true,"daysUntilDue":' || CAST(${daysUntilDue} AS INTEGER) END,
    CASE WHEN ${f.noUpdate} THEN '"noUpdate":true' END,
    CASE WHEN ${f.stale} THEN '"stale":true' END,
    CASE WHEN ${f.awaitingSignOff} THEN '"awaitingSignOff":true' END,
    CASE WHEN ${f.lateStart} THEN '"lateStart":true' END,
    CASE WHEN ${f.noDueDate} THEN '"noDueDate":true' END,
    CASE WHEN ${f.timeframeRevised} THEN '"timeframeRevised":true,"revisions":' || ${actions.dueDateRevisions} END
  ), '}')`;
}

/** A RAG's severity (RAG_SEVERITY in the shared rules) as SQL, to order by worst first. */
export function ragSeverity(rag: SQL<Rag>): SQL<number> {
  return sql<number>`(CASE ${rag} ${sql.raw(
    Object.entries(RAG_SEVERITY)
      .map(([r, n]) => `WHEN '${r}' THEN ${Number(n)}`)
      .join(' '),
  )} END)`;
}
