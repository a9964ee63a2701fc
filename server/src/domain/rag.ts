/**
 * The RAG of an action as of a moment T (docs/rag-rules.md). Live views use now; a meeting uses its papers
 * cut-off. Due dates are calendar dates in England: "today" is the date in Europe/London at T, so an action
 * due on 31 March is overdue from 00:00 on 1 April London time, whether that is GMT or BST.
 */
import { daysBetween, londonDate, worseRag } from '@ipt/shared';
import type { ActionStatus, Rag, ReportedRag } from '@ipt/shared';
import type { RagAssessment } from '@ipt/shared/schemas';

export interface UpdateFact {
  createdAt: string; // ISO instant
  status: ActionStatus;
  reportedRag: ReportedRag | null;
}

export interface ActionFacts {
  startDate: string | null; // ISO date
  originalDueDate: string | null; // ISO date, null for ongoing
  dueDate: string | null; // due date in force at T
  revisions: number; // approved due-date changes in force at T
  signedOffAt: string | null; // ISO instant of board sign-off (counts only if <= T)
  latestUpdate: UpdateFact | null; // latest update at or before T
}

/** Configuration, e.g. `{ dueSoonDays: 28, staleDays: 42 }`. */
export interface RagRules {
  dueSoonDays: number;
  staleDays: number;
}

export interface RagContext {
  asOf: Date | string;
  /** ISO instant of the previous meeting's papers cut-off, when there was one. */
  previousCutoff: string | null;
  rules: RagRules;
}

const STATUS_RAG: Record<Exclude<ActionStatus, 'not_started'>, Rag> = {
  off_track: 'red',
  at_risk: 'amber',
  on_track: 'green',
  complete: 'green',
};

/**
 * Milliseconds since the epoch of an instant. Strings parsed are remembered (at most 256, then forgotten
 * together): rating a plan reads the same moment and cut-off for every action, and each update's instant
 * twice (its facts, then its RAG).
 */
const instants = new Map<string, number>();
function instantMs(value: Date | string, what: string): number {
  let ms = typeof value === 'string' ? instants.get(value) : value.getTime();
  if (ms === undefined) {
    ms = new Date(value).getTime();
    if (!Number.isNaN(ms)) {
      if (instants.size >= 256) instants.clear();
      instants.set(value as string, ms);
    }
  }
  if (Number.isNaN(ms)) throw new RangeError(`Not a valid instant for ${what}: ${String(value)}`);
  return ms;
}

/** Where T stands against an action's start date: before it, on or after it, or the action has none. */
export type StartPhase = 'before_start' | 'started' | 'undated';

export function startPhase(startDate: string | null, today: string): StartPhase {
  return startDate === null ? 'undated' : startDate <= today ? 'started' : 'before_start';
}

/**
 * Rules 3–4: the RAG from the latest update (null: nothing reported), for an action neither signed off nor
 * overdue. It depends on nothing but the update and the start phase, so the live RAG keeps each phase's
 * answer on the action row, written with each update, and picks one by date when it is read.
 */
export function progressRag(update: Omit<UpdateFact, 'createdAt'> | null, phase: StartPhase): Rag {
  // 4. Nothing reported: a missing start date does not excuse it.
  if (update === null) return phase === 'before_start' ? 'not_started' : 'amber';
  // 3. From the latest update. Reported not started is late (amber) only when a start date has come; the
  // lead's own RAG counts when it is worse.
  const computed: Rag =
    update.status === 'not_started'
      ? phase === 'started'
        ? 'amber'
        : 'not_started'
      : STATUS_RAG[update.status];
  return update.reportedRag === null ? computed : worseRag(computed, update.reportedRag);
}

/** The inputs of the live RAG that an action row holds (its latest update, denormalised). */
export interface LiveInputs {
  startDate: string | null;
  status: ActionStatus;
  reportedRag: ReportedRag | null;
  lastUpdateAt: string | null;
}

/** What an action row keeps of its live RAG, written with every change to its inputs. */
export interface LiveRagColumns {
  ragStarted: Rag;
  ragBeforeStart: Rag;
  lastUpdateDate: string | null;
}

export function liveRagColumns(a: LiveInputs): LiveRagColumns {
  const update = a.lastUpdateAt !== null ? { status: a.status, reportedRag: a.reportedRag } : null;
  return {
    ragStarted: progressRag(update, a.startDate === null ? 'undated' : 'started'),
    ragBeforeStart: progressRag(update, 'before_start'),
    lastUpdateDate: a.lastUpdateAt !== null ? londonDate(a.lastUpdateAt) : null,
  };
}

export function assessRag(facts: ActionFacts, context: RagContext): RagAssessment {
  const t = instantMs(context.asOf, 'asOf');
  const today = londonDate(t);
  const { dueDate, originalDueDate, startDate, revisions } = facts;
  // The latest update's instant, read once (for "at or before T" and for stale).
  const updateAt = facts.latestUpdate !== null ? instantMs(facts.latestUpdate.createdAt, 'update') : null;
  const update = updateAt !== null && updateAt <= t ? facts.latestUpdate : null;
  // Reported not started: late only when a start date exists and has come.
  const lateStart = update?.status === 'not_started' && startDate !== null && startDate <= today;
  // Nothing reported: a missing start date does not excuse it.
  const noUpdate = update === null && (startDate === null || startDate <= today);

  const timeframe = {
    noDueDate: dueDate === null,
    timeframeRevised: revisions > 0,
    revisions,
    slipDays: originalDueDate !== null && dueDate !== null ? daysBetween(originalDueDate, dueDate) : 0,
  };

  // 1. Signed off by the board on or before T.
  if (facts.signedOffAt !== null && instantMs(facts.signedOffAt, 'signedOffAt') <= t) {
    return {
      rag: 'blue',
      flags: {
        overdue: false,
        daysOverdue: null,
        noUpdate: false,
        stale: false,
        dueSoon: false,
        daysUntilDue: null,
        awaitingSignOff: false,
        lateStart: false,
        ...timeframe,
        // Done: "no due date" (an ongoing action) only matters while the work goes on.
        noDueDate: false,
      },
    };
  }

  const overdue = dueDate !== null && dueDate < today;
  const daysUntilDue = dueDate !== null && !overdue ? daysBetween(today, dueDate) : null;
  const dueSoon = daysUntilDue !== null && daysUntilDue <= context.rules.dueSoonDays;

  // 2. Past its due date: red, whatever the lead reported; otherwise rules 3–4.
  const rag: Rag = overdue ? 'red' : progressRag(update, startPhase(startDate, today));

  // Stale concerns live actions only: not Blue (done) and not Not started (nothing due yet).
  let stale = false;
  if (rag === 'red' || rag === 'amber' || rag === 'green') {
    if (update === null || updateAt === null) stale = true;
    else if (context.previousCutoff !== null) {
      stale = updateAt < instantMs(context.previousCutoff, 'previousCutoff');
    } else {
      stale = daysBetween(londonDate(update.createdAt), today) > context.rules.staleDays;
    }
  }

  return {
    rag,
    flags: {
      overdue,
      daysOverdue: overdue ? daysBetween(dueDate, today) : null,
      noUpdate,
      stale,
      dueSoon,
      daysUntilDue: dueSoon ? daysUntilDue : null,
      awaitingSignOff: update?.status === 'complete',
      lateStart,
      ...timeframe,
    },
  };
}

/** An action's full history, reduced by factsAsOf to what was known at T. */
export interface ActionHistory {
  startDate: string | null;
  originalDueDate: string | null;
  approvedDueDateChanges: { toDate: string; decidedAt: string }[]; // any order
  signedOffAt: string | null;
  updates: UpdateFact[]; // any order
}

/** The facts of an action as of T (e.g. a meeting's papers cut-off). Ties go to the later array entry. */
export function factsAsOf(history: ActionHistory, asOf: Date | string): ActionFacts {
  const t = instantMs(asOf, 'asOf');

  let latestUpdate: UpdateFact | null = null;
  let latestUpdateAt = -Infinity;
  for (const update of history.updates) {
    const at = instantMs(update.createdAt, 'update');
    if (at <= t && at >= latestUpdateAt) {
      latestUpdate = update;
      latestUpdateAt = at;
    }
  }

  let dueDate = history.originalDueDate;
  let revisions = 0;
  let latestChangeAt = -Infinity;
  for (const change of history.approvedDueDateChanges) {
    const at = instantMs(change.decidedAt, 'due-date change');
    if (at > t) continue;
    revisions += 1;
    if (at >= latestChangeAt) {
      dueDate = change.toDate;
      latestChangeAt = at;
    }
  }

  const signedOffAt =
    history.signedOffAt !== null && instantMs(history.signedOffAt, 'signedOffAt') <= t
      ? history.signedOffAt
      : null;

  return {
    startDate: history.startDate,
    originalDueDate: history.originalDueDate,
    dueDate,
    revisions,
    signedOffAt,
    latestUpdate,
  };
}
