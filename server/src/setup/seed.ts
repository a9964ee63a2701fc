/**
 * Demo data: on an empty database, the council plan in server/demo (one council's published Phase 2 plan,
 * in our words), its sources and recommendations, demo accounts for every role, and months of history
 * replayed through the real services, each event at its own moment.
 *
 * The fixture plan ran from 2018 to 2019. So that the demo is always mid-plan, every date in it is moved by
 * whole months so that January 2019 (the plan's "now") falls in the current month.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import {
  addDays,
  addMonths,
  daysInMonth,
  endOfMonth,
  formatDate,
  londonDate,
  londonTimeToInstant,
  parseIsoDate,
  type Role,
  type SourceKind,
} from '@ipt/shared';
import { parseTimeframe, type Timeframe } from '../domain/timeframe.js';
import { leadKindOf, readPlanCsv, readRecommendationsCsv } from '../imports/plan-csv.js';
import { seedDemoBoardRecord } from './demo-board-record.js';
import { seedDemoIndicators } from './demo-indicators.js';
import { hashPassword } from '../lib/passwords.js';
import type { Actor } from '../lib/types.js';
import type { Services } from '../services/index.js';
import {
  AGREED_RAGS,
  EVIDENCE_STORY,
  NEXT_MEETING,
  PAST_MEETINGS,
  STORIES,
  TIMEFRAME_REQUESTS,
} from './demo-story.js';
import { inTransaction } from '../db/client.js';
import { createRepositories } from '../repositories/index.js';

const DEMO_DIR = fileURLToPath(new URL('../../demo/', import.meta.url));
/** The month the fixture plan was written in: its "now". */
const FIXTURE_NOW = { year: 2019, month: 1 };

export interface DemoAccount {
  email: string;
  role: Role;
  name: string;
  jobTitle: string;
}

const FIXED_ACCOUNTS: DemoAccount[] = [
  {
    email: 'admin@example.org',
    role: 'admin',
    name: 'Sam Taylor',
    jobTitle: 'Improvement Programme Manager',
  },
  {
    email: 'chair@example.org',
    role: 'chair',
    name: 'Dr Margaret Ellis',
    jobTitle: 'Independent Chair, Improvement Board',
  },
  {
    email: 'adviser@example.org',
    role: 'adviser',
    name: 'Ruth Kendall',
    jobTitle: 'DfE Improvement Adviser',
  },
  {
    email: 'viewer@example.org',
    role: 'viewer',
    name: 'Cllr Jane Porter',
    jobTitle: "Lead Member for Children's Services",
  },
];

const LEAD_NAMES = [
  'Priya Shah',
  'Daniel Okafor',
  'Helen Marsh',
  'Tom Brennan',
  'Aisha Rahman',
  'Gareth Lloyd',
  'Joanne Whitfield',
  'Marcus Bell',
  'Fiona Campbell',
  'Samir Haddad',
  'Rachel Ogunleye',
  'Chris Doyle',
  'Nadia Kowalski',
  'Owen Pritchard',
];

export { leadKindOf };

export function emailForJobTitle(jobTitle: string): string {
  const local = jobTitle
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '');
  return `${local}@example.org`;
}

/** Moves a fixture date by whole months; a month's last day stays its last day. */
export function shiftDate(iso: string, months: number): string {
  const d = parseIsoDate(iso);
  const moved = addMonths(`${iso.slice(0, 8)}01`, months);
  const m = parseIsoDate(moved);
  return d.day === daysInMonth(d.year, d.month) ? endOfMonth(m.year, m.month) : addMonths(iso, months);
}

function shiftTimeframe(t: Timeframe, months: number): Timeframe {
  if (t.kind === 'dated') {
    return {
      kind: 'dated',
      startDate: t.startDate && shiftDate(t.startDate, months),
      dueDate: shiftDate(t.dueDate, months),
    };
  }
  if (t.kind === 'ongoing')
    return { kind: 'ongoing', startDate: t.startDate && shiftDate(t.startDate, months) };
  return t;
}

/** "Ofsted re-inspection (published 29 Jan 2018)" → title, date, kind and how the plan cites it. */
function describeSource(raw: string, months: number) {
  const m = /^(.*?)\s*\((?:published\s+)?([^)]*)\)\s*$/i.exec(raw);
  const title = (m?.[1] ?? raw).trim();
  let issuedOn: string | null = null;
  if (m?.[2]) {
    const t = parseTimeframe(m[2]);
    if (t.kind === 'dated') issuedOn = shiftDate(t.dueDate, months);
  }
  const dfe = /\b(dfe|direction)\b/i.test(title);
  const kind: SourceKind = dfe
    ? 'dfe_direction'
    : /focused/i.test(title)
      ? 'focused_visit'
      : /monitoring/i.test(title)
        ? 'monitoring_visit'
        : 'inspection';
  return {
    title: dfe ? title.replace(/^dfe\b/i, 'DfE') : `${title} of children's services`,
    issuedOn,
    kind,
    citation: dfe ? 'DfE direction' : 'Ofsted recommendation',
    keyword: dfe ? 'dfe' : 'ofsted',
  };
}

function nearestTuesday(iso: string): string {
  const d = parseIsoDate(iso);
  const dow = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay(); // 0 Sunday
  const shift = ((((2 - dow + 7) % 7) + 3) % 7) - 3; // -3..+3
  return addDays(iso, shift);
}

export interface SeedResult {
  seeded: boolean;
  actions: number;
  meetings: number;
  accounts: DemoAccount[];
}

export async function seedDemo(
  services: Services,
  options: { password: string; now: Date },
): Promise<SeedResult> {
  const repos = createRepositories(services.base.db);
  if (repos.users.count() > 0) {
    const accounts: DemoAccount[] = [];
    for (const a of [...FIXED_ACCOUNTS]) if (repos.users.findByEmail(a.email)) accounts.push(a);
    return {
      seeded: false,
      actions: 0,
      meetings: 0,
      accounts: accounts.length ? demoAccountsInDb(services) : [],
    };
  }

  const now = options.now;
  const today = londonDate(now);
  const t = parseIsoDate(today);
  const months = t.year * 12 + t.month - (FIXTURE_NOW.year * 12 + FIXTURE_NOW.month);

  const planCsv = fs.readFileSync(`${DEMO_DIR}improvement-plan-phase2.csv`);
  const planRows = readPlanCsv(planCsv.toString('utf8'));
  const recRows = readRecommendationsCsv(fs.readFileSync(`${DEMO_DIR}recommendations.csv`, 'utf8'));

  // The timeline: four past board meetings and one ahead, on Tuesdays, papers due a week before at 17:00.
  const meetingDates = PAST_MEETINGS.map((m) => nearestTuesday(addDays(today, -m.daysAgo)));
  const cutoffs = meetingDates.map((d) => londonTimeToInstant(addDays(d, -7), 17, 0));
  const firstCutoff = cutoffs[0];
  if (!firstCutoff) throw new Error('no meetings in the story');
  const setupAt = new Date(firstCutoff.getTime() - 30 * 86_400_000);

  // Replay through services whose clock the seed moves.
  let clockNow = setupAt;
  const seed = services.withClock(() => clockNow);
  const at = (d: Date) => {
    clockNow = d;
  };

  // Accounts: one argon2id hash of the demo password, shared by every demo account.
  const passwordHash = await hashPassword(options.password);
  const leadNames = [...new Set(planRows.flatMap((r) => r.leads))];
  const personLeads = leadNames.filter((n) => leadKindOf(n) === 'person');
  const accounts: DemoAccount[] = [
    ...FIXED_ACCOUNTS,
    ...personLeads.map((jobTitle, i) => ({
      email: emailForJobTitle(jobTitle),
      role: 'lead' as const,
      name: LEAD_NAMES[i % LEAD_NAMES.length] ?? `Lead ${i + 1}`,
      jobTitle,
    })),
  ];
  const setupIso = setupAt.toISOString();
  const actors = new Map<string, Actor>();
  inTransaction(services.base.sqlite, () => {
    for (const a of accounts) {
      const user = repos.users.insert({ ...a, passwordHash, createdAt: setupIso, updatedAt: setupIso });
      let leadId: number | null = null;
      if (a.role === 'lead') {
        leadId = repos.leads.insert({
          name: a.jobTitle,
          kind: 'person',
          userId: user.id,
          createdAt: setupIso,
          updatedAt: setupIso,
        }).id;
      }
      actors.set(a.email, {
        id: user.id,
        email: a.email,
        name: a.name,
        jobTitle: a.jobTitle,
        role: a.role,
        leadId,
      });
    }
    repos.audit.record({
      at: setupIso,
      userId: null,
      event: 'seed',
      entityType: 'demo',
      entityId: null,
      after: { accounts: accounts.length },
    });
  });
  const admin = actors.get('admin@example.org');
  const chair = actors.get('chair@example.org');
  if (!admin || !chair) throw new Error('demo accounts missing');

  // Sources and their recommendations.
  const sourceByKeyword = new Map<string, number>();
  const recId = new Map<string, number>(); // "ofsted:3" → id
  for (const rawSource of [...new Set(recRows.map((r) => r.source))]) {
    const s = describeSource(rawSource, months);
    const source = seed.sources.create(admin, {
      kind: s.kind,
      title: s.title,
      citation: s.citation,
      issuedOn: s.issuedOn,
      judgement: s.kind === 'inspection' ? 'inadequate' : null,
    });
    sourceByKeyword.set(s.keyword, source.id);
    for (const r of recRows.filter((x) => x.source === rawSource)) {
      const rec = seed.sources.createRecommendation(admin, {
        sourceId: source.id,
        number: r.number,
        text: r.text,
      });
      recId.set(`${s.keyword}:${r.number.toLowerCase()}`, rec.id);
    }
  }

  // The plan, laid out as the council does: themes, areas, actions.
  const plan = seed.plans.create(admin, {
    title: "Children's Services Improvement Plan",
    phase: 'Phase 2',
    status: 'active',
    description:
      "Our response to Ofsted's re-inspection of children's services and the Secretary of State's statutory direction. Phase 2 expands Phase 1 and carries forward its outstanding actions.",
    sourceIds: [...sourceByKeyword.values()],
  });
  // Its themes, areas and actions: through the same importer a council's own sheet goes through.
  const imported = await seed.imports.importFile(
    admin,
    plan.id,
    { fileName: 'improvement-plan-phase2.csv', content: planCsv.toString('base64') },
    { adjustTimeframe: (t) => shiftTimeframe(t, months) },
  );
  const actionIdByRef = new Map(imported.created.map((c) => [c.ref, c.id] as const));

  // The board's meetings: four held, one ahead.
  const meetingIds = PAST_MEETINGS.map((m, i) => {
    const date = meetingDates[i] ?? today;
    return seed.meetings.schedule(chair, plan.id, {
      title: `${m.title}, ${formatDate(date)}`,
      meetingDate: date,
      papersCutoff: (cutoffs[i] ?? now).toISOString(),
    }).id;
  });
  const nextDate = nearestTuesday(addDays(today, NEXT_MEETING.daysAhead));
  seed.meetings.schedule(chair, plan.id, {
    title: `${NEXT_MEETING.title}, ${formatDate(nextDate)}`,
    meetingDate: nextDate,
  });

  // Actions already complete when the plan was written: the board accepted them then.
  for (const r of planRows.filter((x) => /^complet/i.test(x.timeframe))) {
    const id = actionIdByRef.get(r.ref);
    if (!id) continue;
    const e = seed.evidence.add(admin, id, {
      kind: 'note',
      title: 'Completion accepted by the board in Phase 1',
      purpose: 'completion',
      effectiveDate: londonDate(setupAt),
      note: 'Recorded complete when Phase 2 was written; the Phase 1 board accepted the evidence of completion.',
    });
    seed.evidence.review(chair, e.id, { decision: 'accepted', comment: 'Accepted at Phase 1 close.' });
  }

  // The story, event by event in time order.
  type Event = { at: Date; run: () => void | Promise<void> };
  const events: Event[] = [];
  // A dozen performance indicators with 18 months of values (demo-indicators.ts).
  events.push(...seedDemoIndicators(seed, { admin, planId: plan.id, actionIdByRef, recId, setupAt, now }));
  // Risks, the latest meeting's narrative, decisions and board actions (demo-board-record.ts).
  events.push(
    ...seedDemoBoardRecord(seed, {
      admin,
      chair,
      planId: plan.id,
      meetingIds,
      meetingDates,
      cutoffs,
      actionIdByRef,
      recId,
      setupAt,
    }),
  );
  const refs = Object.keys(STORIES);
  const slotTime = (slot: number, i: number): Date => {
    const cutoff = cutoffs[slot];
    if (cutoff) {
      const day = addDays(londonDate(cutoff), -(1 + (i % 5)));
      return londonTimeToInstant(day, 9 + (i % 7), 30);
    }
    return new Date(now.getTime() - (1 + (i % 6)) * 86_400_000 - 3_600_000);
  };
  const versionOf = (id: number) => repos.actions.row(id)?.version ?? 0;
  const reporterFor = (ref: string): { actor: Actor; onBehalfOfLeadId?: number } => {
    const id = actionIdByRef.get(ref) ?? 0;
    const leadIds = repos.actions.leadIds(id);
    for (const leadId of leadIds) {
      const actor = [...actors.values()].find((a) => a.leadId === leadId);
      if (actor) return { actor };
    }
    return { actor: admin, ...(leadIds[0] ? { onBehalfOfLeadId: leadIds[0] } : {}) };
  };

  refs.forEach((ref, i) => {
    const story = STORIES[ref];
    const id = actionIdByRef.get(ref);
    if (!story || !id) return;
    story.reports.forEach((report, slot) => {
      if (!report) return;
      const [status, reportedRag, commentary] = report;
      events.push({
        at: slotTime(slot, i),
        run: () => {
          const { actor, onBehalfOfLeadId } = reporterFor(ref);
          seed.progress.postUpdate(actor, id, versionOf(id), {
            status,
            reportedRag,
            commentary,
            ...(onBehalfOfLeadId ? { onBehalfOfLeadId } : {}),
          });
        },
      });
    });
  });

  for (const req of TIMEFRAME_REQUESTS) {
    const id = actionIdByRef.get(req.ref);
    if (!id) continue;
    const asked = new Date(slotTime(req.slot, refs.indexOf(req.ref)).getTime() + 30 * 60_000);
    events.push({
      at: asked,
      run: () => {
        const row = repos.actions.row(id);
        if (!row?.dueDate) return;
        const d = parseIsoDate(row.dueDate);
        const to = parseIsoDate(addMonths(`${row.dueDate.slice(0, 8)}01`, req.monthsLater));
        seed.progress.requestDueDateChange(reporterFor(req.ref).actor, id, row.version, {
          toDate:
            d.day === daysInMonth(d.year, d.month)
              ? endOfMonth(to.year, to.month)
              : addMonths(row.dueDate, req.monthsLater),
          reason: req.reason,
        });
      },
    });
    if (req.decision) {
      const decision = req.decision;
      events.push({
        at: new Date(asked.getTime() + decision.daysAfter * 86_400_000),
        run: () => {
          const change = repos.progress.pendingDueDateChange(id);
          if (!change) return;
          seed.progress.decideDueDateChange(chair, id, change.id, versionOf(id), {
            decision: decision.decision,
            comment: decision.comment,
          });
        },
      });
    }
  }

  for (const item of EVIDENCE_STORY) {
    const id = actionIdByRef.get(item.ref);
    if (!id) continue;
    const added = new Date(slotTime(item.slot, refs.indexOf(item.ref)).getTime() + 60 * 60_000);
    let evidenceId = 0;
    events.push({
      at: added,
      run: async () => {
        const { actor } = reporterFor(item.ref);
        const common = { title: item.title, purpose: item.purpose, effectiveDate: londonDate(added) };
        if (item.kind === 'link') {
          evidenceId = seed.evidence.add(actor, id, { kind: 'link', ...common, url: item.url ?? '' }).id;
        } else if (item.signOff) {
          // The one file of the demo: a small PDF, stored as any upload would be.
          const staged = await seed.evidence.store.stage(
            // pdfkit is loaded only when a demo is seeded: most starts never need it.
            Readable.from(await (await import('./demo-pdf.js')).demoPdf(item.title, item.note ?? '')),
          );
          evidenceId = (
            await seed.evidence.addFile(
              actor,
              id,
              { ...common, description: item.note ?? '' },
              staged,
              'development-centre-feedback-log.pdf',
            )
          ).id;
        } else {
          evidenceId = seed.evidence.add(actor, id, { kind: 'note', ...common, note: item.note ?? '' }).id;
        }
      },
    });
    if (item.review) {
      const review = item.review;
      events.push({
        at: new Date(added.getTime() + 3 * 86_400_000),
        run: () => {
          seed.evidence.review(chair, evidenceId, { decision: review.state, comment: review.comment });
        },
      });
    }
    if (item.signOff) {
      const meetingDay = meetingDates[item.slot] ?? today;
      events.push({
        at: londonTimeToInstant(meetingDay, 11, 0),
        run: () => {
          seed.progress.signOff(chair, id, versionOf(id), { decision: 'signed_off' });
        },
      });
    }
  }

  for (const a of AGREED_RAGS) {
    const id = actionIdByRef.get(a.ref);
    const meetingId = meetingIds[a.meeting];
    const day = meetingDates[a.meeting];
    if (!id || !meetingId || !day) continue;
    events.push({
      at: londonTimeToInstant(day, 15, 0),
      run: () => void seed.meetings.recordAgreedRag(chair, meetingId, id, { rag: a.rag, reason: a.reason }),
    });
  }

  // Each meeting is locked the day after it is held.
  meetingIds.forEach((meetingId, i) => {
    const day = meetingDates[i];
    if (day)
      events.push({
        at: londonTimeToInstant(addDays(day, 1), 10, 0),
        run: () => void seed.meetings.lock(chair, meetingId),
      });
  });

  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const e of events) {
    if (e.at.getTime() >= now.getTime()) continue;
    at(e.at);
    await e.run();
  }

  return { seeded: true, actions: actionIdByRef.size, meetings: meetingIds.length + 1, accounts };
}

function demoAccountsInDb(services: Services): DemoAccount[] {
  return createRepositories(services.base.db)
    .users.list({ pageSize: 200 })
    .items.filter((u) => u.email.endsWith('@example.org') && u.active)
    .map((u) => ({ email: u.email, role: u.role, name: u.name, jobTitle: u.jobTitle }));
}
