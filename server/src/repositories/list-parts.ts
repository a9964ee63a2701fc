/**
 * What a list row (ActionListItem) repeats on every read, kept on the action row as the JSON text the list
 * sends (`actions.leads_json`, `actions.evidence_counts_json`): the action's leads in its order, and its
 * evidence counts. The expressions below compute both from their sources (action_leads with leads; evidence);
 * the repositories write them back in the same statement sequence — so the same transaction — as every change
 * to those sources: an action's leads set (`actions.setLeads`), a lead renamed or its kind changed
 * (`leads.update`), evidence submitted, reviewed or withdrawn (`evidence.insert`, `evidence.update`). Rows
 * written before the columns existed, or in bulk, are filled by `backfill()` at start-up.
 * tests/api/consistency.test.ts checks the stored text against the sources after each kind of write.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { actions } from '../db/schema.js';

/**
 * The action row's id as these subqueries read it: named with its table, since an unqualified `id` inside
 * them would be the lead's or the evidence item's own.
 */
const actionId = sql.raw('"actions"."id"');

/** The action's leads as the list sends them (`[{id, name, kind}]`), in the action's order. */
export const leadsJsonOfRow: SQL<string> = sql<string>`(SELECT json_group_array(json_object('id', l.id,
    'name', l.name, 'kind', l.kind) ORDER BY al.position, l.id)
  FROM action_leads al JOIN leads l ON l.id = al.lead_id WHERE al.action_id = ${actionId})`;

/** The action's evidence counts as the list sends them (`{submitted, accepted, rejected, withdrawn}`). */
export const evidenceCountsJsonOfRow: SQL<string> = sql<string>`(SELECT
    '{"submitted":' || count(*) FILTER (WHERE withdrawn_at IS NULL AND review_state = 'submitted')
    || ',"accepted":' || count(*) FILTER (WHERE withdrawn_at IS NULL AND review_state = 'accepted')
    || ',"rejected":' || count(*) FILTER (WHERE withdrawn_at IS NULL AND review_state = 'rejected')
    || ',"withdrawn":' || count(withdrawn_at) || '}'
  FROM evidence WHERE action_id = ${actionId})`;

/** A new action's: no leads yet, no evidence. */
export const NO_LEADS_JSON = '[]';
export const NO_EVIDENCE_JSON = '{"submitted":0,"accepted":0,"rejected":0,"withdrawn":0}';

/** The writes that keep the two columns current; each repository that changes their sources holds one. */
export function createListPartsWriter(db: Db) {
  const leadsOfAction = db
    .update(actions)
    .set({ leadsJson: leadsJsonOfRow })
    .where(sql`${actionId} = ${sql.placeholder('id')}`)
    .prepare();
  const leadsOfLead = db
    .update(actions)
    .set({ leadsJson: leadsJsonOfRow })
    .where(
      sql`${actionId} IN (SELECT action_id FROM action_leads WHERE lead_id = ${sql.placeholder('leadId')})`,
    )
    .prepare();
  const evidenceOfAction = db
    .update(actions)
    .set({ evidenceCountsJson: evidenceCountsJsonOfRow })
    .where(sql`${actionId} = ${sql.placeholder('id')}`)
    .prepare();
  const missing = db
    .update(actions)
    .set({ leadsJson: leadsJsonOfRow, evidenceCountsJson: evidenceCountsJsonOfRow })
    .where(sql`${actions.leadsJson} IS NULL OR ${actions.evidenceCountsJson} IS NULL`)
    .prepare();
  return {
    /** After the action's leads changed (added, removed, reordered). */
    leadsOfAction(id: number): void {
      leadsOfAction.run({ id });
    },
    /** After a lead's name or kind changed: every action it leads. */
    leadsOfLead(leadId: number): void {
      leadsOfLead.run({ leadId });
    },
    /** After one of the action's evidence items was added or changed. */
    evidenceOfAction(id: number): void {
      evidenceOfAction.run({ id });
    },
    /** Fills the columns where they are missing (idempotent); returns how many rows it wrote. */
    backfill(): number {
      return missing.run().changes;
    },
  };
}
export type ListPartsWriter = ReturnType<typeof createListPartsWriter>;
