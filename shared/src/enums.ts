/**
 * The vocabulary of the product (see docs/rag-rules.md and docs/data-model.md), defined once. Values are the API's wire values;
 * labels are the words people read on screens and in reports.
 */

export const ROLES = ['admin', 'chair', 'lead', 'adviser', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  chair: 'Board chair',
  lead: 'Action lead',
  adviser: 'DfE improvement adviser',
  viewer: 'Viewer',
};
/** Who holds each role, as the end of a sentence: "This is for administrators and the board chair." */
export const ROLE_HOLDERS: Record<Role, string> = {
  admin: 'administrators',
  chair: 'the board chair',
  lead: 'action leads',
  adviser: 'the DfE improvement adviser',
  viewer: 'viewers',
};

export const ACTION_STATUSES = ['not_started', 'on_track', 'at_risk', 'off_track', 'complete'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  not_started: 'Not started',
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
  complete: 'Complete',
};

/** RAG values a lead may report with an update (Blue is the board's to give, through sign-off). */
export const REPORTED_RAGS = ['green', 'amber', 'red'] as const;
export type ReportedRag = (typeof REPORTED_RAGS)[number];

export const PLAN_STATUSES = ['draft', 'active', 'closed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  draft: 'Draft',
  active: 'Live',
  closed: 'Closed',
};

/** How an action answers a recommendation it is linked to. */
export const LINK_COVERAGES = ['full', 'part'] as const;
export type LinkCoverage = (typeof LINK_COVERAGES)[number];
export const LINK_COVERAGE_LABELS: Record<LinkCoverage, string> = {
  full: 'In full',
  part: 'In part',
};

export const SOURCE_KINDS = [
  'inspection',
  'monitoring_visit',
  'focused_visit',
  'send_inspection',
  'dfe_direction',
  'commissioner_report',
  'internal_review',
  'peer_review',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export const SOURCE_KIND_LABELS: Record<SourceKind, string> = {
  inspection: 'Ofsted inspection',
  monitoring_visit: 'Ofsted monitoring visit',
  focused_visit: 'Ofsted focused visit',
  send_inspection: 'SEND area inspection',
  dfe_direction: 'DfE statutory direction',
  commissioner_report: 'Commissioner report',
  internal_review: 'Internal review',
  peer_review: 'Peer review',
};

export const JUDGEMENTS = ['outstanding', 'good', 'requires_improvement', 'inadequate'] as const;
export type Judgement = (typeof JUDGEMENTS)[number];
export const JUDGEMENT_LABELS: Record<Judgement, string> = {
  outstanding: 'Outstanding',
  good: 'Good',
  requires_improvement: 'Requires improvement to be good',
  inadequate: 'Inadequate',
};

export const LEAD_KINDS = ['person', 'team', 'partner'] as const;
export type LeadKind = (typeof LEAD_KINDS)[number];
export const LEAD_KIND_LABELS: Record<LeadKind, string> = {
  person: 'Officer',
  team: 'Team',
  partner: 'Partner agency',
};

export const DUE_DATE_DECISIONS = ['pending', 'approved', 'rejected'] as const;
export type DueDateDecision = (typeof DUE_DATE_DECISIONS)[number];
export const DUE_DATE_DECISION_LABELS: Record<DueDateDecision, string> = {
  pending: 'Awaiting decision',
  approved: 'Approved',
  rejected: 'Rejected',
};

export const SIGN_OFF_DECISIONS = ['signed_off', 'returned'] as const;
export type SignOffDecision = (typeof SIGN_OFF_DECISIONS)[number];

export const EVIDENCE_KINDS = ['file', 'link', 'note'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export const EVIDENCE_KIND_LABELS: Record<EvidenceKind, string> = {
  file: 'File',
  link: 'Link',
  note: 'Note',
};
export const EVIDENCE_PURPOSES = ['completion', 'impact'] as const;
export type EvidencePurpose = (typeof EVIDENCE_PURPOSES)[number];
export const EVIDENCE_PURPOSE_LABELS: Record<EvidencePurpose, string> = {
  completion: 'Evidence of completion',
  impact: 'Evidence of impact',
};
export const EVIDENCE_REVIEW_STATES = ['submitted', 'accepted', 'rejected'] as const;
export type EvidenceReviewState = (typeof EVIDENCE_REVIEW_STATES)[number];
export const EVIDENCE_REVIEW_STATE_LABELS: Record<EvidenceReviewState, string> = {
  submitted: 'Awaiting review',
  accepted: 'Accepted',
  rejected: 'Rejected',
};

export const MEETING_STATUSES = ['scheduled', 'locked'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  scheduled: 'Scheduled',
  locked: 'Locked',
};

export const MOVEMENTS = ['improved', 'worsened', 'unchanged', 'new'] as const;
export type Movement = (typeof MOVEMENTS)[number];
export const MOVEMENT_LABELS: Record<Movement | 'removed', string> = {
  improved: 'Improved',
  worsened: 'Worsened',
  unchanged: 'No change',
  new: 'New',
  removed: 'No longer in the plan',
};

/**
 * How a plan reads a bare quarter such as "Q2 2027": of the financial year 2027/28 (July–September 2027) or of
 * the calendar year (April–June 2027). "Q2 2027/28" is always the financial year.
 */
export const QUARTER_YEARS = ['financial', 'calendar'] as const;
export type QuarterYear = (typeof QUARTER_YEARS)[number];
export const QUARTER_YEAR_LABELS: Record<QuarterYear, string> = {
  financial: 'Financial year (Q1 is April to June)',
  calendar: 'Calendar year (Q1 is January to March)',
};
