/**
 * The demo plan's story: what each action's leads reported before each of four past board meetings and
 * since the last one. Some actions improve, some slip, some go quiet, some finish. The seed replays it
 * through the real services, each event at its own moment, so the demo's history is as the product would
 * have recorded it.
 */
import type { ActionStatus, ReportedRag } from '@ipt/shared';

/** One report: status, the lead's RAG (optional), commentary. */
export type Report = [ActionStatus, ReportedRag | null, string];

export interface ActionStory {
  /** Reports before meetings 1–4 (by their papers cut-off) and since meeting 4; null = no update then. */
  reports: [Report | null, Report | null, Report | null, Report | null, Report | null];
  /** Who reports, when the first lead cannot sign in: the administrator, on the lead's behalf. */
  byAdminOnBehalf?: boolean;
}

export const PAST_MEETINGS = [
  { title: 'Improvement board', daysAgo: 140 },
  { title: 'Improvement board', daysAgo: 98 },
  { title: 'Improvement board', daysAgo: 56 },
  { title: 'Improvement board', daysAgo: 21 },
] as const;
export const NEXT_MEETING = { title: 'Improvement board', daysAhead: 21 } as const;

export const STORIES: Record<string, ActionStory> = {
  '1.1': {
    reports: [
      [
        'on_track',
        'green',
        'Draft assessment protocol shared with safeguarding partners for comment; workshop with police and health booked.',
      ],
      [
        'on_track',
        'green',
        'Partner workshop held. Comments from police and health received; education comments still awaited.',
      ],
      [
        'at_risk',
        'amber',
        'Education partners have not yet responded, so sign-off by the safeguarding partnership slips to its next meeting. Chased through the partnership business manager.',
      ],
      [
        'on_track',
        'green',
        'Education comments received and worked in. Revised protocol goes to the safeguarding partnership executive this month for sign-off.',
      ],
      [
        'on_track',
        'green',
        'Protocol agreed by the partnership executive. Briefings for First Response teams run this week; launch set for the end of the month.',
      ],
    ],
  },
  '1.2': {
    reports: [
      [
        'on_track',
        'green',
        'New MASH screening tool piloted with two teams. Domestic abuse triage meeting now daily.',
      ],
      [
        'on_track',
        'green',
        'Screening tool in use across the MASH. Missing children coordinator post filled.',
      ],
      [
        'on_track',
        'green',
        'Exploitation unit co-located with the MASH. Out-of-hours team now reads MASH records directly.',
      ],
      [
        'on_track',
        'green',
        'Contacts reaching a decision within 24 hours up from 71% to 88% since the new tool went live.',
      ],
      [
        'on_track',
        'green',
        'Family group conference offer added to domestic abuse triage. Decision timeliness held at 89%.',
      ],
    ],
  },
  '1.3': {
    reports: [
      [
        'on_track',
        'green',
        'CIN audit findings shared with all team managers; action log agreed for each team.',
      ],
      [
        'at_risk',
        'amber',
        'Two team managers left in the month; the review of how CIN reviews are run has paused while interim cover starts.',
      ],
      [
        'at_risk',
        'amber',
        'Interim managers in post. CIN review template redrafted, but business support capacity to minute reviews is not yet agreed.',
      ],
      [
        'off_track',
        'red',
        'Repeat audit of 30 CIN cases found plans still drifting in 11. Business support capacity unresolved; recovery plan goes to the next board.',
      ],
      [
        'off_track',
        'red',
        'Recovery plan drafted: weekly CIN tracker, manager oversight panel from next month. Depends on action 4.1 (business support review).',
      ],
    ],
  },
  '1.4': {
    reports: [
      [
        'not_started',
        null,
        'Scoping the review of step-down pathways; starts once the edge-of-care test is designed.',
      ],
      [
        'on_track',
        'green',
        'Step-down pathway review under way with early help. Edge-of-care test designed with two family support workers.',
      ],
      [
        'on_track',
        'green',
        'Edge-of-care test running in the north locality. First eight families supported.',
      ],
      [
        'at_risk',
        'amber',
        'Edge-of-care test needs a second year of funding to continue; bid with the finance team. Reunification support not yet started.',
      ],
      [
        'at_risk',
        'amber',
        'Funding decision expected at budget setting. Reunification practice guidance drafted.',
      ],
    ],
  },
  '1.5': {
    reports: [
      null,
      [
        'not_started',
        null,
        'Thematic review of PLO and court practice reported; action plan due to start next month.',
      ],
      [
        'on_track',
        'green',
        'Legal gateway meeting restructured; PLO tracker now reviewed weekly by the head of service.',
      ],
      [
        'on_track',
        'green',
        'All children in pre-proceedings have a letter before proceedings and a timetable on file.',
      ],
      [
        'complete',
        'green',
        'All actions from the thematic review delivered. Audit of 15 PLO cases attached as evidence; asking the board to sign this off.',
      ],
    ],
  },
  '1.6': {
    reports: [
      [
        'at_risk',
        'amber',
        'Health passport depends on the NHS commissioner agreeing a template and a way to share health histories. Rights and entitlements leaflet redrafted with the Children in Care Council.',
      ],
      [
        'at_risk',
        'amber',
        'NHS template still not agreed; escalated to the designated nurse. Leaflet printed and online pages refreshed.',
      ],
      [
        'on_track',
        'green',
        'Health passport template agreed with the NHS commissioner. First 20 passports issued to care leavers.',
      ],
      [
        'on_track',
        'green',
        '64 of 112 care leavers have a health passport. Advocacy offer explained at every pathway plan review.',
      ],
      [
        'on_track',
        'green',
        '87 of 112 care leavers have a health passport. Remaining 25 booked with the leaving care nurse.',
      ],
    ],
  },
  '1.7': {
    reports: [
      [
        'on_track',
        'green',
        'Quality assurance programme includes care plans for diversity and identity this quarter.',
      ],
      [
        'on_track',
        'green',
        'Audit of 40 care plans done: identity well recorded in 24. Practice guidance being written from the findings.',
      ],
      [
        'on_track',
        'green',
        'Practice guidance on identity in care planning drafted with the Children in Care Council.',
      ],
      null,
      null,
    ],
  },
  '1.8': {
    reports: [
      [
        'off_track',
        'red',
        'Only 9 of 27 children placed with parents have had their placement reviewed against the regulations. Reviews behind because of IRO vacancies.',
      ],
      [
        'at_risk',
        'amber',
        'Two agency IROs started; 17 of 27 reviewed. Four placements need a change of plan.',
      ],
      [
        'on_track',
        'green',
        'All 27 reviewed. Six children now on a plan to discharge the care order; monthly oversight by the head of service.',
      ],
      [
        'on_track',
        'green',
        'Standards of care checks now on every visit record for placed-with-parents children.',
      ],
      ['on_track', 'green', 'Dip sample of 10 records: all visits on time and checks recorded.'],
    ],
  },
  '1.9': {
    reports: [
      [
        'on_track',
        'green',
        'Review of the child protection and IRO service started; escalation protocol refreshed.',
      ],
      [
        'on_track',
        'green',
        'Escalations now recorded on the child’s file; 46 alerts raised in the quarter, all logged.',
      ],
      ['at_risk', 'amber', 'Review report delayed: IRO caseloads still above 80 while two posts are vacant.'],
      [
        'at_risk',
        'amber',
        'Review findings drafted; consultation with IROs and CP chairs needs more time than planned.',
      ],
      [
        'at_risk',
        'amber',
        'Asked the chair to move the due date: consultation ends next month and the findings need the new IROs’ view.',
      ],
    ],
  },
  '1.10': {
    reports: [
      [
        'on_track',
        'green',
        'Weekly care planning and resources panel running; terms of reference refreshed.',
      ],
      ['on_track', 'green', 'Seven new local foster carers approved this quarter.'],
      ['on_track', 'green', 'Local placements up from 58% to 63% of children in care.'],
      ['on_track', 'green', 'Panel now tracks every placement over budget. Local placements at 64%.'],
      ['on_track', 'green', 'Recruitment campaign for foster carers launched with neighbouring councils.'],
    ],
  },
  '2.1': {
    reports: [
      null,
      null,
      [
        'not_started',
        null,
        'Practice standards work starts once the quality assurance framework is embedded (action 2.2).',
      ],
      ['not_started', null, 'Drafting group of practitioners and managers formed; first meeting booked.'],
      [
        'on_track',
        'green',
        'Case recording and supervision standards drafted; launching at the next service meeting.',
      ],
    ],
  },
  '2.2': {
    reports: [
      [
        'at_risk',
        'amber',
        'Framework agreed but only four of nine teams have held their first monthly audit.',
      ],
      [
        'at_risk',
        'amber',
        'Seven of nine teams auditing monthly. Moderation of audit grades not yet consistent.',
      ],
      [
        'at_risk',
        'amber',
        'Moderation panel started; 30% of audits regraded on moderation, so confidence in grades is low.',
      ],
      [
        'at_risk',
        'amber',
        'Regrading down to 18%. Two teams still miss their monthly audits because of caseloads.',
      ],
      [
        'at_risk',
        'amber',
        'All nine teams audited this month. Regrading at 12%; aiming for under 10% before asking for sign-off.',
      ],
    ],
  },
  '2.4': {
    reports: [
      ['on_track', 'green', 'Practice forums monthly; first action learning set started.'],
      ['on_track', 'green', 'Twelve practice champions appointed across teams.'],
      ['on_track', 'green', 'Manager workshops on reflective supervision delivered to 34 managers.'],
      ['on_track', 'green', 'Coaching offer taken up by 15 team managers.'],
      ['on_track', 'green', 'Staff survey: 72% say they get regular feedback from audits, up from 40%.'],
    ],
  },
  '2.5': {
    byAdminOnBehalf: true,
    reports: [
      [
        'on_track',
        'green',
        'Practice framework guidance re-issued to all staff with a briefing from the director.',
      ],
      null,
      [
        'at_risk',
        'amber',
        'Team training sessions behind: trainer off sick; sessions rebooked for next month.',
      ],
      ['on_track', 'green', 'Training sessions back on schedule; 11 of 16 teams trained.'],
      ['on_track', 'green', '14 of 16 teams trained; last two booked.'],
    ],
  },
  '2.6': {
    reports: [
      ['on_track', 'green', 'Final development centre booked.'],
      ['on_track', 'green', 'Final development centre held; individual feedback sessions under way.'],
      [
        'complete',
        'green',
        'Every team manager and assistant team manager has had feedback; the development offer is agreed with the assessors. Evidence attached.',
      ],
      null,
      null,
    ],
  },
  '2.8': {
    reports: [
      ['on_track', 'green', 'Scope of the performance framework review agreed with the leadership team.'],
      ['at_risk', 'amber', 'New reporting system migration has delayed the remodelled reports.'],
      [
        'off_track',
        'red',
        'Will not finish by the due date: the data warehouse migration slipped by three months. Asked for a new date.',
      ],
      ['at_risk', 'amber', 'New date agreed. Monthly scorecard redesigned; team-level reports in testing.'],
      [
        'at_risk',
        'amber',
        'Team-level reports live for three services; remaining services follow the migration.',
      ],
    ],
  },
  '3.3': {
    reports: [
      ['on_track', 'green', 'Senior sign-off of all agency use in place from this month.'],
      [
        'at_risk',
        'amber',
        'Conversion conversations held with 14 agency workers; four accepted permanent posts.',
      ],
      [
        'off_track',
        'red',
        'Agency use rose over the summer to cover vacancies; conversion stalled. Needs a decision on a market supplement.',
      ],
      null,
      null,
    ],
  },
  '4.1': { reports: [null, null, null, null, null] },
};

/** Timeframe changes asked for in the story: which action, in which slot, how far, and the chair's answer. */
export const TIMEFRAME_REQUESTS = [
  {
    ref: '2.8',
    slot: 2,
    monthsLater: 3,
    reason: 'The data warehouse migration slipped by three months; the remodelled reports depend on it.',
    decision: {
      decision: 'approved' as const,
      comment: 'Agreed, given the dependency. Report progress monthly.',
      daysAfter: 7,
    },
  },
  {
    ref: '1.9',
    slot: 4,
    monthsLater: 2,
    reason: 'Consultation with IROs and CP chairs ends next month and the findings need the new IROs’ view.',
    decision: null,
  },
  {
    ref: '3.3',
    slot: 2,
    monthsLater: 6,
    reason: 'Conversion depends on a market supplement that the council cannot decide before the budget.',
    decision: {
      decision: 'rejected' as const,
      comment:
        'Not agreed: keep the current date and bring an options paper on the market supplement to the next board.',
      daysAfter: 5,
    },
  },
];

/** Evidence in the story: what was attached to which action, when, and what the chair decided. */
export const EVIDENCE_STORY = [
  {
    ref: '2.6',
    slot: 2,
    kind: 'note' as const,
    purpose: 'completion' as const,
    title: 'Development centre feedback log',
    note: 'Feedback given to all 14 team managers and 9 assistant team managers; development offer agreed with the assessors on the date shown.',
    review: { state: 'accepted' as const, comment: 'Accepted: the log covers every manager.' },
    signOff: true,
  },
  {
    ref: '1.5',
    slot: 4,
    kind: 'link' as const,
    purpose: 'completion' as const,
    title: 'Audit of 15 PLO cases',
    url: 'https://intranet.example.org/childrens-services/audits/plo-audit-2026.pdf',
    review: null,
    signOff: false,
  },
  {
    ref: '1.2',
    slot: 3,
    kind: 'note' as const,
    purpose: 'impact' as const,
    title: 'MASH decision timeliness',
    note: 'Contacts reaching a decision within 24 hours: 71% in the quarter before the new screening tool, 88% in the quarter after (MASH performance report).',
    review: { state: 'accepted' as const, comment: 'Accepted as evidence of impact.' },
    signOff: false,
  },
  {
    ref: '2.2',
    slot: 3,
    kind: 'note' as const,
    purpose: 'completion' as const,
    title: 'Monthly audit returns',
    note: 'Audit returns for the month show 7 of 9 teams completing their audits.',
    review: {
      state: 'rejected' as const,
      comment: 'Not yet: the framework is not embedded while two teams miss their audits.',
    },
    signOff: false,
  },
];

/** The board's agreed RAG where it differed from the computed one. */
export const AGREED_RAGS = [
  {
    ref: '1.3',
    meeting: 3,
    rag: 'amber' as const,
    reason:
      'The board accepted the recovery plan and agreed Amber while it beds in; it will be Red if the tracker is not in place.',
  },
];
