/**
 * Risk scoring: likelihood × impact, each 1–5, and the band a score falls in. The bands (docs/rag-rules.md):
 * 1–4 Green, 5–12 Amber, 15–25 Red. Movement of a risk is its score against the previous meeting's.
 */
import type { RiskBand, RiskMovement } from '@ipt/shared';

export const RISK_BAND_FLOORS = { amber: 5, red: 15 } as const;

export function riskScore(likelihood: number, impact: number): number {
  if (!isScale(likelihood) || !isScale(impact)) {
    throw new RangeError(`likelihood and impact are whole numbers 1–5 (got ${likelihood} and ${impact})`);
  }
  return likelihood * impact;
}

export function riskBand(score: number): RiskBand {
  if (score >= RISK_BAND_FLOORS.red) return 'red';
  if (score >= RISK_BAND_FLOORS.amber) return 'amber';
  return 'green';
}

/** New when the previous meeting did not list it; otherwise whether the score went up, down or stayed. */
export function riskMovement(previousScore: number | null, score: number): RiskMovement {
  if (previousScore === null) return 'new';
  if (score > previousScore) return 'up';
  if (score < previousScore) return 'down';
  return 'unchanged';
}

/** Highest score first; of equal scores the higher impact, then the older risk. */
export function compareRisks(
  a: { score: number; impact: number; riskId: number },
  b: { score: number; impact: number; riskId: number },
): number {
  return b.score - a.score || b.impact - a.impact || a.riskId - b.riskId;
}

function isScale(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 5;
}
