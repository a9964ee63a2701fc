/**
 * The live RAG: what a reading now is taken at. The ratings themselves are read with the actions, in SQL
 * over the live-RAG columns the RAG engine keeps on each action row (repositories/live-rag.ts); meetings
 * use the engine directly on the facts as they stood at a cut-off.
 */
import { londonDate } from '@ipt/shared';
import type { LiveParams } from '../repositories/live-rag.js';
import type { ServiceDeps } from './deps.js';

export function createAssessmentService({ clock, config }: Pick<ServiceDeps, 'clock' | 'config'>) {
  return {
    /** One clock reading for a request: the instant, its day in London, and the rules in force. */
    live(): LiveParams {
      const now = clock();
      return {
        now: now.toISOString(),
        today: londonDate(now),
        dueSoonDays: config.rag.dueSoonDays,
        staleDays: config.rag.staleDays,
      };
    },
  };
}
export type AssessmentService = ReturnType<typeof createAssessmentService>;
