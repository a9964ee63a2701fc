/**
 * How an action's RAG moved between two meetings, by the one severity order (RAG_SEVERITY in shared/rag.ts:
 * Blue best, then Not started, Green, Amber, Red). For movement, Not started counts as Green — nothing is
 * at risk yet — so starting on track is no change.
 */
import { RAG_SEVERITY, type Movement, type Rag } from '@ipt/shared';

function level(rag: Rag): number {
  return RAG_SEVERITY[rag === 'not_started' ? 'green' : rag];
}

export function movementOf(previous: Rag | null, current: Rag): Movement {
  if (previous === null) return 'new';
  const d = level(current) - level(previous);
  return d < 0 ? 'improved' : d > 0 ? 'worsened' : 'unchanged';
}

/** The worst RAG of a set, by severity (Green is worse than Not started); null for none. */
export function worstRag(rags: readonly Rag[]): Rag | null {
  let worst: Rag | null = null;
  for (const r of rags) if (worst === null || RAG_SEVERITY[r] > RAG_SEVERITY[worst]) worst = r;
  return worst;
}
