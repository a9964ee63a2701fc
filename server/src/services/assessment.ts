/**
 * The live RAG of actions, from the denormalised facts on each action row (latest status, reported RAG,
 * due date in force, sign-off). Meetings use the same engine with facts reduced from history instead.
 */
import type { RagAssessment } from '@ipt/shared/schemas';
import { assessRag, type ActionFacts } from '../domain/rag.js';
import type { ActionRow } from '../repositories/actions.js';
import type { ServiceDeps } from './deps.js';

export interface LiveContext {
  asOf: Date;
  /** The latest papers cut-off that has passed, per plan. */
  cutoffOf(planId: number): string | null;
}

export function liveFacts(
  row: Pick<
    ActionRow,
    | 'startDate'
    | 'originalDueDate'
    | 'dueDate'
    | 'dueDateRevisions'
    | 'signedOffAt'
    | 'lastUpdateAt'
    | 'status'
    | 'reportedRag'
  >,
): ActionFacts {
  return {
    startDate: row.startDate,
    originalDueDate: row.originalDueDate,
    dueDate: row.dueDate,
    revisions: row.dueDateRevisions,
    signedOffAt: row.signedOffAt,
    latestUpdate: row.lastUpdateAt
      ? { createdAt: row.lastUpdateAt, status: row.status, reportedRag: row.reportedRag }
      : null,
  };
}

export function createAssessmentService({ repos, clock, config }: ServiceDeps) {
  return {
    /** A context for one request: one clock reading, each plan's last cut-off looked up once. */
    liveContext(): LiveContext {
      const asOf = clock();
      const at = asOf.toISOString();
      const cache = new Map<number, string | null>();
      return {
        asOf,
        cutoffOf(planId: number) {
          if (!cache.has(planId)) cache.set(planId, repos.meetings.latestCutoffAtOrBefore(planId, at));
          return cache.get(planId) ?? null;
        },
      };
    },

    assess(row: ActionRow, ctx: LiveContext): RagAssessment {
      return assessRag(liveFacts(row), {
        asOf: ctx.asOf,
        previousCutoff: ctx.cutoffOf(row.planId),
        rules: config.rag,
      });
    },
  };
}
export type AssessmentService = ReturnType<typeof createAssessmentService>;
