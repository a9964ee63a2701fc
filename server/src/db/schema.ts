/**
 * The data model (docs/data-model.md). Instants are ISO 8601 UTC strings (sortable); calendar dates are
 * `YYYY-MM-DD`. Records that matter to governance are append-only (updates, due-date changes, sign-off
 * decisions, agreed RAGs, snapshots, audit); the rest are archived, never deleted.
 */
import { sql } from 'drizzle-orm';
import {
  type AnySQLiteColumn,
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import {
  ACTION_STATUSES,
  DUE_DATE_DECISIONS,
  EVIDENCE_KINDS,
  EVIDENCE_PURPOSES,
  EVIDENCE_REVIEW_STATES,
  JUDGEMENTS,
  LEAD_KINDS,
  LINK_COVERAGES,
  MEETING_STATUSES,
  PLAN_STATUSES,
  QUARTER_YEARS,
  RAGS,
  REPORTED_RAGS,
  ROLES,
  SIGN_OFF_DECISIONS,
  SOURCE_KINDS,
  COMPARATOR_KINDS,
  FREQUENCIES,
  INDICATOR_UNITS,
  POLARITIES,
  THRESHOLD_KINDS,
  VALUE_STATUSES,
  BOARD_ITEM_KINDS,
  RISK_STATUSES,
} from '@ipt/shared';

const createdAt = () => text('created_at').notNull();
const updatedAt = () => text('updated_at').notNull();
const archivedAt = () => text('archived_at');

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    jobTitle: text('job_title').notNull().default(''),
    role: text('role', { enum: ROLES }).notNull(),
    passwordHash: text('password_hash').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    lastSignInAt: text('last_sign_in_at'),
    /** Set when an administrator opens the account or resets its password: nothing else works until changed. */
    mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
    version: integer('version').notNull().default(1),
    /** The plan this person last chose to look at (the plan switcher); null for the default. */
    preferredPlanId: integer('preferred_plan_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_email_unique').on(sql`lower(${t.email})`)],
);

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the random id held in the cookie: a copy of the database gives no live session. */
    idHash: text('id_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: text('last_seen_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Who leads actions: an officer with an account, or a named team or partner agency without one. */
export const leads = sqliteTable(
  'leads',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    kind: text('kind', { enum: LEAD_KINDS }).notNull(),
    userId: integer('user_id').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: archivedAt(),
  },
  (t) => [
    uniqueIndex('leads_name_unique').on(sql`lower(${t.name})`),
    uniqueIndex('leads_user_unique').on(t.userId),
  ],
);

export const plans = sqliteTable('plans', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  title: text('title').notNull(),
  phase: text('phase').notNull().default(''),
  status: text('status', { enum: PLAN_STATUSES }).notNull().default('draft'),
  description: text('description').notNull().default(''),
  /** Days before a meeting its papers close, at 17:00 UK time; null for the service's default. */
  papersCutoffDays: integer('papers_cutoff_days'),
  predecessorPlanId: integer('predecessor_plan_id').references((): AnySQLiteColumn => plans.id),
  /** How a bare quarter ("Q2 2027") in this plan's timeframes is read. */
  quarters: text('quarters', { enum: QUARTER_YEARS }).notNull().default('financial'),
  version: integer('version').notNull().default(1),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  archivedAt: archivedAt(),
});

/**
 * How a plan's imports read a column heading the importer does not recognise: as one of the plan's fields,
 * or ignored. Remembered from the last import into the plan that mapped it.
 */
export const importMappings = sqliteTable(
  'import_mappings',
  {
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id),
    /** The heading, normalised (lower case, single spaces, no punctuation). */
    heading: text('heading').notNull(),
    /** A field of the plan (`theme`, `ref`, `leads`, …) or `ignore`. */
    field: text('field').notNull(),
    updatedBy: integer('updated_by')
      .notNull()
      .references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.heading] })],
);

export const sources = sqliteTable('sources', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  kind: text('kind', { enum: SOURCE_KINDS }).notNull(),
  title: text('title').notNull(),
  /** The short name a plan's "Sources" column uses for it, e.g. "Ofsted Recommendation", "DfE Direction". */
  citation: text('citation').notNull().default(''),
  issuedOn: text('issued_on'),
  judgement: text('judgement', { enum: JUDGEMENTS }),
  version: integer('version').notNull().default(1),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  archivedAt: archivedAt(),
});

export const planSources = sqliteTable(
  'plan_sources',
  {
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id),
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id),
  },
  (t) => [primaryKey({ columns: [t.planId, t.sourceId] })],
);

export const recommendations = sqliteTable(
  'recommendations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id),
    number: text('number').notNull(),
    text: text('text').notNull(),
    position: integer('position').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: archivedAt(),
  },
  (t) => [uniqueIndex('recommendations_source_number_unique').on(t.sourceId, t.number)],
);

export const themes = sqliteTable(
  'themes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id),
    title: text('title').notNull(),
    position: integer('position').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: archivedAt(),
  },
  (t) => [index('themes_plan_idx').on(t.planId)],
);

export const areas = sqliteTable(
  'areas',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    themeId: integer('theme_id')
      .notNull()
      .references(() => themes.id),
    title: text('title').notNull(),
    position: integer('position').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: archivedAt(),
  },
  (t) => [index('areas_theme_idx').on(t.themeId)],
);

export const actions = sqliteTable(
  'actions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id),
    areaId: integer('area_id')
      .notNull()
      .references(() => areas.id),
    ref: text('ref').notNull(),
    /** "What we want to achieve" */
    objective: text('objective').notNull(),
    /** The action itself, often several steps. */
    description: text('description').notNull().default(''),
    /** The timeframe as the plan wrote it when the action was set up. */
    timeframeText: text('timeframe_text').notNull().default(''),
    startDate: text('start_date'),
    /** Kept forever: the due date the plan first set. */
    originalDueDate: text('original_due_date'),
    /** In force now: moves only through approved due-date changes. */
    dueDate: text('due_date'),
    /** Denormalised from the latest update, for filtering and list views. */
    status: text('status', { enum: ACTION_STATUSES }).notNull().default('not_started'),
    reportedRag: text('reported_rag', { enum: REPORTED_RAGS }),
    lastUpdateId: integer('last_update_id'),
    lastUpdateAt: text('last_update_at'),
    /** The latest update's day in London (for "no update for STALE_DAYS"). */
    lastUpdateDate: text('last_update_date'),
    /**
     * The RAG rules 3–4 give now (from the latest update, or none), written in the same transaction as any
     * change to them: `ragStarted` once the start date has come (or with none), `ragBeforeStart` before it.
     * Signed off, overdue, and which of the two applies are decided by date when read. Null only until the
     * start-up backfill has run on rows written before these columns existed.
     */
    ragStarted: text('rag_started', { enum: RAGS }),
    ragBeforeStart: text('rag_before_start', { enum: RAGS }),
    /**
     * What a list row repeats on every read, kept as the JSON text it sends: the action's leads (`[{id, name,
     * kind}]` in the action's order) and its evidence counts (`{submitted, accepted, rejected, withdrawn}`).
     * Written by the repositories in the same transaction as every change to their inputs (the action's
     * leads, a lead's name or kind, its evidence); see `repositories/list-parts.ts`. Null only until the
     * start-up backfill has run on rows written before these columns existed.
     */
    leadsJson: text('leads_json'),
    evidenceCountsJson: text('evidence_counts_json'),
    /** Approved due-date changes so far. */
    dueDateRevisions: integer('due_date_revisions').notNull().default(0),
    signedOffAt: text('signed_off_at'),
    signedOffBy: integer('signed_off_by').references(() => users.id),
    rolledOverFromId: integer('rolled_over_from_id').references((): AnySQLiteColumn => actions.id),
    position: integer('position').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: archivedAt(),
    archivedReason: text('archived_reason'),
  },
  (t) => [
    uniqueIndex('actions_plan_ref_unique').on(t.planId, t.ref),
    index('actions_plan_idx').on(t.planId, t.position),
    index('actions_area_idx').on(t.areaId),
    index('actions_due_idx').on(t.planId, t.dueDate),
    // The open actions of a plan by due date: the overdue list walks it and counts it without reading rows.
    index('actions_open_due_idx')
      .on(t.planId, t.dueDate)
      .where(sql`${t.archivedAt} IS NULL AND ${t.signedOffAt} IS NULL`),
  ],
);

export const actionLeads = sqliteTable(
  'action_leads',
  {
    actionId: integer('action_id')
      .notNull()
      .references(() => actions.id),
    leadId: integer('lead_id')
      .notNull()
      .references(() => leads.id),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.actionId, t.leadId] }), index('action_leads_lead_idx').on(t.leadId)],
);

export const actionRecommendations = sqliteTable(
  'action_recommendations',
  {
    actionId: integer('action_id')
      .notNull()
      .references(() => actions.id),
    recommendationId: integer('recommendation_id')
      .notNull()
      .references(() => recommendations.id),
    /** Whether the action answers the recommendation in full or in part. */
    coverage: text('coverage', { enum: LINK_COVERAGES }).notNull().default('full'),
    /** e.g. "asylum-seeking children only" */
    scopeNote: text('scope_note').notNull().default(''),
  },
  (t) => [
    primaryKey({ columns: [t.actionId, t.recommendationId] }),
    index('action_recommendations_rec_idx').on(t.recommendationId),
  ],
);

/** Append-only: a correction is a new update that names the one it corrects. */
export const actionUpdates = sqliteTable(
  'action_updates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    actionId: integer('action_id')
      .notNull()
      .references(() => actions.id),
    /** Who typed it. */
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    /** The lead it was recorded for, when an administrator records it on their behalf. */
    onBehalfOfLeadId: integer('on_behalf_of_lead_id').references(() => leads.id),
    createdAt: createdAt(),
    status: text('status', { enum: ACTION_STATUSES }).notNull(),
    reportedRag: text('reported_rag', { enum: REPORTED_RAGS }),
    commentary: text('commentary').notNull(),
    correctsUpdateId: integer('corrects_update_id').references((): AnySQLiteColumn => actionUpdates.id),
  },
  (t) => [index('action_updates_action_idx').on(t.actionId, t.createdAt)],
);

export const dueDateChanges = sqliteTable(
  'due_date_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    actionId: integer('action_id')
      .notNull()
      .references(() => actions.id),
    fromDate: text('from_date'),
    toDate: text('to_date').notNull(),
    reason: text('reason').notNull(),
    requestedBy: integer('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: text('requested_at').notNull(),
    decision: text('decision', { enum: DUE_DATE_DECISIONS }).notNull().default('pending'),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: text('decided_at'),
    decisionComment: text('decision_comment'),
  },
  (t) => [
    index('due_date_changes_action_idx').on(t.actionId),
    index('due_date_changes_decision_idx').on(t.decision),
  ],
);

export const signOffDecisions = sqliteTable(
  'sign_off_decisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    actionId: integer('action_id')
      .notNull()
      .references(() => actions.id),
    /** The "complete" update this decision answers. */
    updateId: integer('update_id').references(() => actionUpdates.id),
    decision: text('decision', { enum: SIGN_OFF_DECISIONS }).notNull(),
    reason: text('reason').notNull().default(''),
    decidedBy: integer('decided_by')
      .notNull()
      .references(() => users.id),
    decidedAt: text('decided_at').notNull(),
  },
  (t) => [index('sign_off_decisions_action_idx').on(t.actionId)],
);

export const evidence = sqliteTable(
  'evidence',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    actionId: integer('action_id')
      .notNull()
      .references(() => actions.id),
    kind: text('kind', { enum: EVIDENCE_KINDS }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    purpose: text('purpose', { enum: EVIDENCE_PURPOSES }).notNull(),
    /** When the thing it shows happened (not when it was uploaded). */
    effectiveDate: text('effective_date').notNull(),
    /** SHA-256 of the stored file's content; the file's name on disk. */
    fileHash: text('file_hash'),
    /** The uploader's filename, cleaned: display text only, never a path. */
    fileName: text('file_name'),
    contentType: text('content_type'),
    fileSize: integer('file_size'),
    url: text('url'),
    note: text('note'),
    uploadedBy: integer('uploaded_by')
      .notNull()
      .references(() => users.id),
    uploadedAt: text('uploaded_at').notNull(),
    reviewState: text('review_state', { enum: EVIDENCE_REVIEW_STATES }).notNull().default('submitted'),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    reviewedAt: text('reviewed_at'),
    reviewComment: text('review_comment'),
    withdrawnAt: text('withdrawn_at'),
    withdrawnBy: integer('withdrawn_by').references(() => users.id),
    withdrawnReason: text('withdrawn_reason'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('evidence_action_idx').on(t.actionId),
    index('evidence_review_idx').on(t.reviewState),
    index('evidence_hash_idx').on(t.fileHash),
    check(
      'evidence_kind_payload',
      sql`(${t.kind} = 'file' AND ${t.fileHash} IS NOT NULL) OR (${t.kind} = 'link' AND ${t.url} IS NOT NULL) OR (${t.kind} = 'note' AND ${t.note} IS NOT NULL)`,
    ),
  ],
);

export const meetings = sqliteTable(
  'meetings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id),
    title: text('title').notNull(),
    meetingDate: text('meeting_date').notNull(),
    /** The instant after which updates no longer count for this meeting's papers. */
    papersCutoff: text('papers_cutoff').notNull(),
    status: text('status', { enum: MEETING_STATUSES }).notNull().default('scheduled'),
    lockedAt: text('locked_at'),
    lockedBy: integer('locked_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: archivedAt(),
  },
  (t) => [
    index('meetings_plan_idx').on(t.planId, t.meetingDate),
    index('meetings_plan_cutoff_idx').on(t.planId, t.papersCutoff),
  ],
);

/** Written once, when a meeting is locked; never changed. `data` is the action's row as reported. */
export const meetingSnapshots = sqliteTable(
  'meeting_snapshots',
  {
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id),
    actionId: integer('action_id')
      .notNull()
      .references(() => actions.id),
    rag: text('rag', { enum: RAGS }).notNull(),
    data: text('data').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.meetingId, t.actionId] }),
    // Covers the RAG history grid, a meeting's RAG counts and "newly overdue" against the previous meeting:
    // the RAGs and the overdue flag read without the snapshot's pages (or parsing them).
    index('meeting_snapshots_rag_overdue_idx').on(
      t.meetingId,
      t.actionId,
      t.rag,
      sql`${t.data} ->> '$.flags.overdue'`,
    ),
  ],
);

/**
 * Written once, when a meeting is locked; never changed. `data` is the meeting's record as a versioned JSON
 * document (`format`): the recommendations with their links, the evidence lists, and any further sections
 * (narratives, risks, decisions) added beside them. A locked meeting is served from it and its snapshots.
 */
export const meetingRecords = sqliteTable('meeting_records', {
  meetingId: integer('meeting_id')
    .primaryKey()
    .references(() => meetings.id),
  format: integer('format').notNull(),
  data: text('data').notNull(),
  recordedAt: text('recorded_at').notNull(),
  /**
   * The meeting's view (GET /api/meetings/:id) as it stood when locked, serialised as the API sends it, and
   * its ETag then: while the ETag is unchanged (no agreed RAG or withdrawal since) this is the answer.
   * Null for meetings locked before it was kept.
   */
  view: text('view'),
  viewTag: text('view_tag'),
});

/**
 * A locked meeting's RAGs, compact, for the RAG history grid: each action's id then its RAG's initial, run
 * together (`12g13a14n`; the five RAGs' initials differ), in a row of its own so that reading 30 meetings'
 * is 30 short rows. Written from the snapshot rows in the lock's transaction; filled at start-up for
 * meetings locked before it was kept. Never changed, like the snapshot.
 */
export const meetingRags = sqliteTable('meeting_rags', {
  meetingId: integer('meeting_id')
    .primaryKey()
    .references(() => meetings.id),
  rags: text('rags').notNull(),
});

/** The RAG the board agreed for an action at a meeting; append-only, the latest row stands. */
export const agreedRags = sqliteTable(
  'agreed_rags',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id),
    actionId: integer('action_id')
      .notNull()
      .references(() => actions.id),
    rag: text('rag', { enum: RAGS }).notNull(),
    reason: text('reason').notNull(),
    recordedBy: integer('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [index('agreed_rags_meeting_idx').on(t.meetingId, t.actionId)],
);

/** Append-only: who changed what, when, from what to what. Written in the same transaction as the change. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    /** Null only for the system itself (demo seed, migrations). */
    userId: integer('user_id').references(() => users.id),
    event: text('event').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: integer('entity_id'),
    before: text('before'),
    after: text('after'),
    /** The client address and user agent of the request that wrote the row (null for the system). */
    address: text('address'),
    userAgent: text('user_agent'),
  },
  (t) => [index('audit_entity_idx').on(t.entityType, t.entityId), index('audit_at_idx').on(t.at)],
);

/** A performance indicator of a plan: a number the board reads beside the actions. */
export const indicators = sqliteTable(
  'indicators',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id),
    name: text('name').notNull(),
    definition: text('definition').notNull().default(''),
    unit: text('unit', { enum: INDICATOR_UNITS }).notNull(),
    polarity: text('polarity', { enum: POLARITIES }).notNull(),
    frequency: text('frequency', { enum: FREQUENCIES }).notNull().default('monthly'),
    owner: text('owner').notNull().default(''),
    dataSource: text('data_source').notNull().default(''),
    /** Null: the default for the unit (2 points for a percentage, else 5 per cent). */
    thresholdKind: text('threshold_kind', { enum: THRESHOLD_KINDS }),
    thresholdAmount: real('threshold_amount'),
    position: integer('position').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: archivedAt(),
  },
  (t) => [
    index('indicators_plan_idx').on(t.planId, t.position),
    uniqueIndex('indicators_plan_name_unique').on(t.planId, sql`lower(${t.name})`),
  ],
);

/** Append-only: a new target takes effect from its date; of two from the same date the later stands. */
export const indicatorTargets = sqliteTable(
  'indicator_targets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    value: real('value').notNull(),
    tolerance: real('tolerance').notNull().default(0),
    effectiveFrom: text('effective_from').notNull(),
    recordedBy: integer('recorded_by').references(() => users.id),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [index('indicator_targets_indicator_idx').on(t.indicatorId)],
);

/** Append-only: published comparators, each labelled with the period it describes; the latest of a kind stands. */
export const indicatorComparators = sqliteTable(
  'indicator_comparators',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    kind: text('kind', { enum: COMPARATOR_KINDS }).notNull(),
    value: real('value').notNull(),
    /** e.g. "2022-23", "31 March 2023": published figures lag, so always labelled. */
    periodLabel: text('period_label').notNull(),
    recordedBy: integer('recorded_by').references(() => users.id),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [index('indicator_comparators_indicator_idx').on(t.indicatorId)],
);

export const indicatorActions = sqliteTable(
  'indicator_actions',
  {
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    actionId: integer('action_id')
      .notNull()
      .references(() => actions.id),
  },
  (t) => [
    primaryKey({ columns: [t.indicatorId, t.actionId] }),
    index('indicator_actions_action_idx').on(t.actionId),
  ],
);

export const indicatorRecommendations = sqliteTable(
  'indicator_recommendations',
  {
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    recommendationId: integer('recommendation_id')
      .notNull()
      .references(() => recommendations.id),
  },
  (t) => [
    primaryKey({ columns: [t.indicatorId, t.recommendationId] }),
    index('indicator_recommendations_rec_idx').on(t.recommendationId),
  ],
);

/**
 * Append-only: one row per value recorded for a period (named by its last day); a correction is a later row
 * for the same period, and the old one stays.
 */
export const indicatorValues = sqliteTable(
  'indicator_values',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    periodEnd: text('period_end').notNull(),
    value: real('value').notNull(),
    status: text('status', { enum: VALUE_STATUSES }).notNull(),
    note: text('note').notNull().default(''),
    recordedBy: integer('recorded_by').references(() => users.id),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [index('indicator_values_indicator_idx').on(t.indicatorId, t.periodEnd, t.recordedAt)],
);

/** Written once, when a meeting is locked; never changed. `data` is the indicator's scorecard row as reported. */
export const meetingScorecards = sqliteTable(
  'meeting_scorecards',
  {
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    data: text('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.indicatorId] })],
);

/**
 * A meeting's executive summary (theme null) or one theme's narrative, written before the papers cut-off.
 * Changed in place with If-Match (each change audited); frozen into the meeting's record (`meeting_records`) when it locks.
 */
export const meetingNarratives = sqliteTable(
  'meeting_narratives',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id),
    themeId: integer('theme_id').references(() => themes.id),
    /** 0 for the executive summary, else the theme's id: one row per section of a meeting. */
    section: integer('section').notNull(),
    text: text('text').notNull(),
    version: integer('version').notNull().default(1),
    updatedBy: integer('updated_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('meeting_narratives_section_unique').on(t.meetingId, t.section)],
);

/** A plan's risk. Its score lives in `risk_reviews` (the latest stands); closing archives it. */
export const risks = sqliteTable(
  'risks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    owner: text('owner').notNull(),
    mitigations: text('mitigations').notNull().default(''),
    status: text('status', { enum: RISK_STATUSES }).notNull().default('open'),
    closedAt: text('closed_at'),
    closedBy: integer('closed_by').references(() => users.id),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('risks_plan_idx').on(t.planId)],
);

/** Append-only: each scoring of a risk (the first when raised, then each review); the latest stands. */
export const riskReviews = sqliteTable(
  'risk_reviews',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    riskId: integer('risk_id')
      .notNull()
      .references(() => risks.id),
    likelihood: integer('likelihood').notNull(),
    impact: integer('impact').notNull(),
    note: text('note').notNull().default(''),
    /** The meeting it was reviewed at, if any. */
    meetingId: integer('meeting_id').references(() => meetings.id),
    recordedBy: integer('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [
    index('risk_reviews_risk_idx').on(t.riskId, t.recordedAt),
    check('risk_reviews_scale', sql`${t.likelihood} BETWEEN 1 AND 5 AND ${t.impact} BETWEEN 1 AND 5`),
  ],
);

export const riskActions = sqliteTable(
  'risk_actions',
  {
    riskId: integer('risk_id')
      .notNull()
      .references(() => risks.id),
    actionId: integer('action_id')
      .notNull()
      .references(() => actions.id),
  },
  (t) => [primaryKey({ columns: [t.riskId, t.actionId] })],
);

export const riskRecommendations = sqliteTable(
  'risk_recommendations',
  {
    riskId: integer('risk_id')
      .notNull()
      .references(() => risks.id),
    recommendationId: integer('recommendation_id')
      .notNull()
      .references(() => recommendations.id),
  },
  (t) => [primaryKey({ columns: [t.riskId, t.recommendationId] })],
);

/**
 * The board's decisions and board actions, recorded at a meeting. A board action is closed (who, when, at
 * which meeting), an item recorded in error withdrawn (who, when, why), and neither is ever deleted; a locked meeting shows its items as frozen in `meeting_records`.
 */
export const boardItems = sqliteTable(
  'board_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id),
    kind: text('kind', { enum: BOARD_ITEM_KINDS }).notNull(),
    text: text('text').notNull(),
    owner: text('owner'),
    dueDate: text('due_date'),
    recordedBy: integer('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: text('recorded_at').notNull(),
    closedAt: text('closed_at'),
    closedBy: integer('closed_by').references(() => users.id),
    closedAtMeetingId: integer('closed_at_meeting_id').references(() => meetings.id),
    closingNote: text('closing_note'),
    /** Withdrawn as recorded in error (before its meeting is locked): kept, with who, when and why. */
    withdrawnAt: text('withdrawn_at'),
    withdrawnBy: integer('withdrawn_by').references(() => users.id),
    withdrawalReason: text('withdrawal_reason'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('board_items_meeting_idx').on(t.meetingId)],
);
