/**
 * A meeting's record: what a meeting reports besides each action's row, as one versioned JSON document.
 * Written once when the meeting is locked (table meeting_records) and read back whole from then on, so
 * rewording or adding a recommendation, relinking an action or withdrawing evidence afterwards cannot
 * change what the meeting reported. Further sections (narratives, risks, decisions) are added as new
 * optional keys beside these; `format` is raised only when a key's meaning changes.
 */
import type { EvidenceKind, EvidencePurpose, LinkCoverage, SourceKind } from '@ipt/shared';

export const MEETING_RECORD_FORMAT = 1;

/** A recommendation as it stood, with the link of each action that answered it. */
export interface RecordRecommendation {
  id: number;
  sourceTitle: string;
  sourceKind: SourceKind;
  citation: string;
  number: string;
  text: string;
  links: { actionId: number; coverage: LinkCoverage; scopeNote: string }[];
}

/** An item of evidence accepted by the papers cut-off, as it stood. */
export interface RecordEvidence {
  id: number;
  actionId: number;
  title: string;
  kind: EvidenceKind;
  purpose: EvidencePurpose;
  effectiveDate: string;
  acceptedAt: string;
}

export interface MeetingRecord {
  format: number;
  recommendations: RecordRecommendation[];
  evidence: RecordEvidence[];
}

/** The recommendations each action answers only in part, from a record's links. */
export function inPartOf(record: Pick<MeetingRecord, 'recommendations'>): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const rec of record.recommendations)
    for (const l of rec.links)
      if (l.coverage === 'part') out.set(l.actionId, [...(out.get(l.actionId) ?? []), rec.id]);
  return out;
}
