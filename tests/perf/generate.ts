/**
 * Generates a large plan set for the benchmarks: bulk rows written straight through drizzle in a few
 * transactions (fast), then every meeting locked through the real meeting service with its clock set to the
 * day after the meeting, so the snapshots are exactly what the product would have written.
 */
import { addDays, londonDate, londonTimeToInstant, type ActionStatus, type ReportedRag } from '@ipt/shared';
import { buildApp } from '../../server/src/app.js';
import { testConfig } from '../../server/src/config.js';
import { inTransaction } from '../../server/src/db/client.js';
import {
  actionLeads,
  actionRecommendations,
  actions,
  areas,
  evidence,
  leads,
  meetings,
  planSources,
  plans,
  recommendations,
  sources,
  themes,
  users,
} from '../../server/src/db/schema.js';
import { hashPassword } from '../../server/src/lib/passwords.js';

export interface GenerateOptions {
  plans: number;
  actionsPerPlan: number;
  updates: number;
  meetingsPerPlan: number;
  evidence: number;
  leads: number;
  password: string;
}

export interface Generated {
  planIds: number[];
  /** Per plan: locked meeting ids in order, and the scheduled one (cut-off passed, not locked). */
  lockedMeetings: Map<number, number[]>;
  scheduledMeeting: Map<number, number>;
  actionIds: Map<number, number[]>;
  leadEmails: string[];
  chairEmail: string;
}

/** A small deterministic random generator, so two runs measure the same data. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const STATUSES: ActionStatus[] = [
  'on_track',
  'on_track',
  'on_track',
  'at_risk',
  'at_risk',
  'off_track',
  'not_started',
];
const RAG_FOR: Record<ActionStatus, ReportedRag | null> = {
  on_track: 'green',
  at_risk: 'amber',
  off_track: 'red',
  not_started: null,
  complete: 'green',
};

export async function generate(dataDir: string, o: GenerateOptions, now = new Date()): Promise<Generated> {
  const config = testConfig({ dataDir });
  const app = await buildApp({ config, logger: false });
  const random = rng(20261123);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const db = app.db;

  const today = londonDate(now);
  const meetingDates = Array.from({ length: o.meetingsPerPlan }, (_, i) =>
    addDays(today, -14 - 42 * (o.meetingsPerPlan - 1 - i)),
  );
  const cutoffs = meetingDates.map((d) => londonTimeToInstant(addDays(d, -7), 17, 0).toISOString());
  const t0 = new Date(new Date(cutoffs[0] ?? now).getTime() - 60 * 86_400_000);
  const iso = (ms: number) => new Date(ms).toISOString();
  const t0s = t0.toISOString();
  const span = now.getTime() - 2 * 86_400_000 - t0.getTime();

  const passwordHash = await hashPassword(o.password);
  const chairEmail = 'chair@bench.example.org';
  const leadEmails: string[] = [];
  const out: Generated = {
    planIds: [],
    lockedMeetings: new Map(),
    scheduledMeeting: new Map(),
    actionIds: new Map(),
    leadEmails,
    chairEmail,
  };
  let chairId = 0;
  const leadIds: number[] = [];
  const leadUser = new Map<number, number>();

  inTransaction(app.sqlite, () => {
    const base = { passwordHash, createdAt: t0s, updatedAt: t0s };
    chairId = db
      .insert(users)
      .values({ ...base, email: chairEmail, name: 'Bench Chair', role: 'chair' })
      .returning()
      .get().id;
    db.insert(users)
      .values({ ...base, email: 'admin@bench.example.org', name: 'Bench Admin', role: 'admin' })
      .run();
    for (let i = 0; i < o.leads; i++) {
      const email = `lead${i + 1}@bench.example.org`;
      const u = db
        .insert(users)
        .values({ ...base, email, name: `Lead ${i + 1}`, jobTitle: `Head of Service ${i + 1}`, role: 'lead' })
        .returning()
        .get();
      const l = db
        .insert(leads)
        .values({
          name: `Head of Service ${i + 1}`,
          kind: 'person',
          userId: u.id,
          createdAt: t0s,
          updatedAt: t0s,
        })
        .returning()
        .get();
      leadEmails.push(email);
      leadIds.push(l.id);
      leadUser.set(l.id, u.id);
    }
  });

  const allActions: { id: number; planId: number; leadId: number }[] = [];
  for (let p = 0; p < o.plans; p++) {
    inTransaction(app.sqlite, () => {
      const plan = db
        .insert(plans)
        .values({
          title: `Bench plan ${p + 1}`,
          phase: 'Phase 1',
          status: 'active',
          createdAt: t0s,
          updatedAt: t0s,
        })
        .returning()
        .get();
      out.planIds.push(plan.id);
      const source = db
        .insert(sources)
        .values({
          kind: 'inspection',
          title: `Inspection ${p + 1}`,
          citation: 'Ofsted recommendation',
          createdAt: t0s,
          updatedAt: t0s,
        })
        .returning()
        .get();
      db.insert(planSources).values({ planId: plan.id, sourceId: source.id }).run();
      const recIds = Array.from(
        { length: 12 },
        (_, i) =>
          db
            .insert(recommendations)
            .values({
              sourceId: source.id,
              number: String(i + 1),
              text: `Recommendation ${i + 1} of inspection ${p + 1}.`,
              position: i,
              createdAt: t0s,
              updatedAt: t0s,
            })
            .returning()
            .get().id,
      );
      const areaIds: number[] = [];
      for (let t = 0; t < 4; t++) {
        const theme = db
          .insert(themes)
          .values({ planId: plan.id, title: `Theme ${t + 1}`, position: t, createdAt: t0s, updatedAt: t0s })
          .returning()
          .get();
        for (let a = 0; a < 3; a++) {
          areaIds.push(
            db
              .insert(areas)
              .values({
                themeId: theme.id,
                title: `Area ${t + 1}.${a + 1}`,
                position: a,
                createdAt: t0s,
                updatedAt: t0s,
              })
              .returning()
              .get().id,
          );
        }
      }
      const ids: number[] = [];
      for (let i = 0; i < o.actionsPerPlan; i++) {
        // Due dates from a year before now to a year after: a realistic share are overdue.
        const due = addDays(today, Math.floor(random() * 730) - 365);
        const row = db
          .insert(actions)
          .values({
            planId: plan.id,
            areaId: pick(areaIds),
            ref: `${p + 1}.${i + 1}`,
            objective: `Objective ${i + 1}: children get the help they need sooner, with plans that progress and managers who check.`,
            description:
              'Review the practice, agree the standard with partners, train the teams, audit the result and report to the board.',
            timeframeText: due,
            startDate: addDays(londonDate(t0), Math.floor(random() * 200)),
            originalDueDate: due,
            dueDate: due,
            position: i,
            createdAt: t0s,
            updatedAt: t0s,
          })
          .returning()
          .get();
        ids.push(row.id);
        const lead = leadIds[(p * o.actionsPerPlan + i) % leadIds.length] ?? 0;
        db.insert(actionLeads).values({ actionId: row.id, leadId: lead, position: 0 }).run();
        db.insert(actionRecommendations)
          .values({ actionId: row.id, recommendationId: pick(recIds), scopeNote: '' })
          .run();
        allActions.push({ id: row.id, planId: plan.id, leadId: lead });
      }
      out.actionIds.set(plan.id, ids);
      for (let m = 0; m < o.meetingsPerPlan; m++) {
        db.insert(meetings)
          .values({
            planId: plan.id,
            title: `Board ${m + 1}`,
            meetingDate: meetingDates[m] ?? today,
            papersCutoff: cutoffs[m] ?? t0s,
            createdBy: chairId,
            createdAt: t0s,
            updatedAt: t0s,
          })
          .run();
      }
      // One more, held today with its cut-off passed yesterday and not yet locked: the "scheduled" view.
      const scheduled = db
        .insert(meetings)
        .values({
          planId: plan.id,
          title: 'Board (papers out)',
          meetingDate: today,
          papersCutoff: iso(now.getTime() - 86_400_000),
          createdBy: chairId,
          createdAt: t0s,
          updatedAt: t0s,
        })
        .returning()
        .get();
      out.scheduledMeeting.set(plan.id, scheduled.id);
    });
  }

  // Updates, spread over the whole timeline, written in time order per action; the action row keeps the latest.
  const perAction = Math.floor(o.updates / allActions.length);
  const extra = o.updates - perAction * allActions.length;
  inTransaction(app.sqlite, () => {
    const insert = app.sqlite.prepare(
      'INSERT INTO action_updates (action_id, author_id, created_at, status, reported_rag, commentary) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const latest = app.sqlite.prepare(
      'UPDATE actions SET status = ?, reported_rag = ?, last_update_id = ?, last_update_at = ?, version = version + ? WHERE id = ?',
    );
    allActions.forEach((a, index) => {
      const n = perAction + (index < extra ? 1 : 0);
      const times = Array.from({ length: n }, () => t0.getTime() + Math.floor(random() * span)).sort(
        (x, y) => x - y,
      );
      let last: { id: number; at: string; status: ActionStatus; rag: ReportedRag | null } | null = null;
      for (const t of times) {
        const status = pick(STATUSES);
        const rag = random() < 0.3 ? RAG_FOR[status] : null;
        const at = iso(t);
        const id = Number(
          insert.run(
            a.id,
            leadUser.get(a.leadId) ?? chairId,
            at,
            status,
            rag,
            `Progress this month on action ${a.id}: what was done, what is next, and any blocker.`,
          ).lastInsertRowid,
        );
        last = { id, at, status, rag };
      }
      if (last) latest.run(last.status, last.rag, last.id, last.at, n, a.id);
    });
  });

  // Evidence: notes and links (files would only measure the disk), in every review state.
  inTransaction(app.sqlite, () => {
    for (let i = 0; i < o.evidence; i++) {
      const a = pick(allActions);
      const up = t0.getTime() + Math.floor(random() * span);
      const state = pick(['submitted', 'accepted', 'accepted', 'rejected'] as const);
      db.insert(evidence)
        .values({
          actionId: a.id,
          kind: random() < 0.5 ? 'note' : 'link',
          title: `Evidence ${i + 1}`,
          purpose: random() < 0.7 ? 'completion' : 'impact',
          effectiveDate: londonDate(new Date(up)),
          note: 'Audit of 20 cases: 15 good or better.',
          url: 'https://intranet.example.org/evidence',
          uploadedBy: leadUser.get(a.leadId) ?? chairId,
          uploadedAt: iso(up),
          reviewState: state,
          reviewedBy: state === 'submitted' ? null : chairId,
          reviewedAt: state === 'submitted' ? null : iso(up + 3 * 86_400_000),
        })
        .run();
    }
  });

  // The rows above were written in bulk, without the live RAG, leads and evidence counts the product keeps
  // on each action: write them, as start-up would.
  app.services.actions.backfillLiveRag();
  app.services.actions.backfillListParts();

  // Lock each meeting the day after it was held, through the real service.
  let clock = now;
  const services = app.services.withClock(() => clock);
  const chair = {
    id: chairId,
    email: chairEmail,
    name: 'Bench Chair',
    jobTitle: '',
    role: 'chair' as const,
    leadId: null,
  };
  for (const planId of out.planIds) {
    const list = services.meetings.list(planId).filter((m) => m.id !== out.scheduledMeeting.get(planId));
    for (const m of list) {
      clock = londonTimeToInstant(addDays(m.meetingDate, 1), 10, 0);
      services.meetings.lock(chair, m.id);
    }
    out.lockedMeetings.set(
      planId,
      list.map((m) => m.id),
    );
  }
  await app.close();
  return out;
}
