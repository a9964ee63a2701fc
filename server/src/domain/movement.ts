/**
 * How an action's RAG moved between two meetings. Blue is best, then Green; Not started sits with Green
 * (nothing is at risk yet), so starting on track is no change; Amber and Red are worse in turn.
 */
import type { Movement, Rag } from '@ipt/shared';

const RANK: Record<Rag, number> = { blue: 0, green: 1, not_started: 1, amber: 2, red: 3 };

export function movementOf(previous: Rag | null, current: Rag): Movement {
  if (previous === null) return 'new';
  const d = RANK[current] - RANK[previous];
  return d < 0 ? 'improved' : d > 0 ? 'worsened' : 'unchanged';
}

export function worstRag(rags: readonly Rag[]): Rag | null {
  let worst: Rag | null = null;
  for (const r of rags)
    if (worst === null || RANK[r] > RANK[worst] || (RANK[r] === RANK[worst] && r === 'green')) worst = r;
  return worst;
}
