/**
 * The demo board's own record: a few risks scored and rescored across the meetings, an executive summary and
 * a theme narrative written for the latest past meeting before its papers went out, and the decisions and
 * board actions recorded at the last two meetings (one action closed at the next, one still open, so the
 * meeting ahead has a matter arising).
 */
import { addDays, londonTimeToInstant } from '@ipt/shared';
import type { Actor } from '../lib/types.js';
import type { Services } from '../services/index.js';

const DAY = 86_400_000;

interface DemoRisk {
  title: string;
  description: string;
  owner: string;
  mitigations: string;
  actions: string[];
  recs: string[];
  /** Likelihood × impact when raised, then at reviews before meetings 2, 3 and 4 and since (null: not reviewed). */
  scores: ([number, number, string] | null)[];
}

const RISKS: DemoRisk[] = [
  {
    title: 'Reliance on agency social workers',
    description:
      'A third of social work posts in the safeguarding teams are filled by agency staff: caseloads change hands and children retell their story.',
    owner: 'Head of Workforce',
    mitigations:
      'Market supplement for hard-to-fill teams; monthly agency review panel; recruitment campaign and ASYE academy.',
    actions: ['3.2', '3.3'],
    recs: ['dfe:b4'],
    scores: [
      [4, 4, 'Raised'],
      null,
      [4, 5, 'Two team managers left; agency share rose to 38 per cent.'],
      [5, 4, 'Agency share steady at 36 per cent; two permanent starters in post.'],
      null,
    ],
  },
  {
    title: 'Demand at the front door outstrips capacity',
    description:
      'Contacts to the MASH have risen by a fifth since the re-inspection; screening decisions slip past 24 hours at peaks.',
    owner: 'Head of First Response',
    mitigations: 'Daily domestic abuse triage; screening tool; surge rota agreed with the police.',
    actions: ['1.1', '1.2'],
    recs: ['ofsted:3'],
    scores: [
      [4, 3, 'Raised'],
      [3, 3, 'Screening tool in use; decisions within 24 hours in 92 per cent of contacts.'],
      null,
      [3, 3, 'No change: demand steady.'],
      [2, 3, 'Surge rota used twice with no backlog.'],
    ],
  },
  {
    title: 'Case recording system replacement slips',
    description:
      'The new case recording system may go live after the summer, delaying the performance framework.',
    owner: 'Head of Quality Assurance',
    mitigations: 'Supplier weekly checkpoint; interim reports from the old system kept running.',
    actions: ['2.8'],
    recs: [],
    scores: [
      [2, 3, 'Raised'],
      null,
      [3, 3, 'Supplier data migration two weeks late.'],
      [2, 3, 'Back on plan.'],
      null,
    ],
  },
];

export function seedDemoBoardRecord(
  seed: Services,
  args: {
    admin: Actor;
    chair: Actor;
    planId: number;
    meetingIds: number[];
    meetingDates: string[];
    cutoffs: Date[];
    actionIdByRef: Map<string, number>;
    recId: Map<string, number>;
    setupAt: Date;
  },
): { at: Date; run: () => void }[] {
  const { admin, chair, planId, meetingIds, meetingDates, cutoffs, actionIdByRef, recId, setupAt } = args;
  const events: { at: Date; run: () => void }[] = [];
  const riskIds: number[] = [];

  RISKS.forEach((r, i) => {
    events.push({
      at: new Date(setupAt.getTime() + (2 + i) * DAY),
      run: () => {
        const [likelihood, impact] = r.scores[0] ?? [3, 3];
        const risk = seed.boardRecord.createRisk(chair, planId, {
          title: r.title,
          description: r.description,
          owner: r.owner,
          likelihood,
          impact,
          mitigations: r.mitigations,
          actionIds: r.actions.flatMap((ref) => actionIdByRef.get(ref) ?? []),
          recommendationIds: r.recs.flatMap((k) => recId.get(k) ?? []),
        });
        riskIds[i] = risk.id;
      },
    });
    r.scores.slice(1).forEach((s, k) => {
      if (!s) return;
      // Reviews before meetings 2, 3, 4 (a few days before their cut-offs), and the last since meeting 4.
      const cutoff = cutoffs[k + 1];
      const at = cutoff
        ? new Date(cutoff.getTime() - (3 + i) * DAY)
        : new Date((cutoffs[cutoffs.length - 1]?.getTime() ?? 0) + (10 + i) * DAY);
      events.push({
        at,
        run: () => {
          const id = riskIds[i];
          if (!id) return;
          seed.boardRecord.reviewRisk(chair, id, seed.boardRecord.risk(chair, id).version, {
            likelihood: s[0],
            impact: s[1],
            note: s[2],
          });
        },
      });
    });
  });

  // The latest past meeting's narrative, written before its papers went out.
  const last = meetingIds.length - 1;
  const lastId = meetingIds[last];
  const lastCutoff = cutoffs[last];
  if (lastId && lastCutoff) {
    events.push({
      at: new Date(lastCutoff.getTime() - 2 * DAY),
      run: () => {
        seed.boardRecord.writeNarrative(
          admin,
          lastId,
          null,
          0,
          'Practice is improving where the workforce is stable: the front door now screens within a day, and the first audits of care plans show better recording of identity. The risk the board must watch is the safeguarding teams’ reliance on agency social workers, which holds back the help and protection actions, two of them Red. The market-supplement options come to this board for a decision.',
        );
        const practice = seed.boardRecord.record(admin, lastId).themes[0]?.themeId;
        if (practice)
          seed.boardRecord.writeNarrative(
            admin,
            lastId,
            practice,
            0,
            'Front door and care planning on track; help and protection held back by staffing. Management oversight audits repeat in the spring.',
          );
      },
    });
  }

  // Decisions and board actions: at meeting 3 (closed at meeting 4), and at meeting 4 (still open).
  const record = (slot: number, kind: 'decision' | 'action', text: string, owner?: string, due?: number) => {
    const id = meetingIds[slot];
    const day = meetingDates[slot];
    if (!id || !day) return;
    events.push({
      at: londonTimeToInstant(day, 14, kind === 'decision' ? 0 : 5),
      run: () =>
        void seed.boardRecord.recordItem(chair, id, {
          kind,
          text,
          ...(owner ? { owner } : {}),
          ...(due !== undefined ? { dueDate: addDays(day, due) } : {}),
        }),
    });
  };
  record(
    2,
    'decision',
    'The board agreed to fund two additional screening social workers at the front door for six months.',
  );
  record(
    2,
    'action',
    'ACTION: Head of Quality Assurance to bring the first care-plan audit findings.',
    'Head of Quality Assurance',
    35,
  );
  record(
    3,
    'decision',
    'The board agreed that the aligned safeguarding teams action stays Amber, not Red, while the restructure beds in.',
  );
  record(
    3,
    'action',
    'ACTION: Head of Finance to bring the market-supplement options to the next meeting.',
    'Head of Finance',
    35,
  );
  const m3 = meetingIds[2];
  const m4 = meetingIds[3];
  const day4 = meetingDates[3];
  if (m3 && m4 && day4) {
    events.push({
      at: londonTimeToInstant(day4, 14, 30),
      run: () => {
        const item = seed.boardRecord
          .record(chair, m4)
          .mattersArising.find((i) => i.meetingId === m3 && i.closed === null);
        if (item)
          seed.boardRecord.closeAction(chair, item.id, item.version, {
            meetingId: m4,
            note: 'Audit findings presented; repeat audit booked for the spring.',
          });
      },
    });
  }
  return events;
}
