import { createEvidenceStore } from '../lib/evidence-store.js';
import { SignInThrottle } from '../lib/sign-in-throttle.js';
import { createRepositories } from '../repositories/index.js';
import { createActionService } from './actions.js';
import { createAssessmentService } from './assessment.js';
import { createAuditService } from './audit.js';
import { createAuthService } from './auth.js';
import { createBoardRecordService } from './board-record.js';
import type { ServiceDeps } from './deps.js';
import { createEvidenceService } from './evidence.js';
import { createExportService } from './exports.js';
import { createIndicatorService } from './indicators.js';
import { createHealthService } from './health.js';
import { createImportService } from './imports.js';
import { createMeetingService } from './meetings.js';
import { createOverviewService } from './overview.js';
import { createPlanService } from './plans.js';
import { createProgressService } from './progress.js';
import { createRecordKeeper } from './records.js';
import { createSourceService } from './sources.js';
import { createUserService } from './users.js';

function build(base: Omit<ServiceDeps, 'repos'>) {
  const deps: ServiceDeps = { ...base, repos: createRepositories(base.db) };
  const assessment = createAssessmentService(deps);
  const records = createRecordKeeper(deps);
  const actions = createActionService(deps, assessment);
  const meetings = createMeetingService(deps);
  const plans = createPlanService(deps, records);
  const sources = createSourceService(deps, assessment, records);
  // One count of wrong passwords: sign-in adds to it, the accounts pages show and clear it.
  const throttle = new SignInThrottle(base.config.signInThrottle);
  return {
    /** What the services were built from (setup code builds its own repositories from it). */
    base,
    assessment,
    audit: createAuditService(deps),
    auth: createAuthService(deps, throttle),
    users: createUserService(deps, throttle),
    plans,
    sources,
    actions,
    progress: createProgressService(deps, actions),
    meetings,
    evidence: createEvidenceService(deps, createEvidenceStore(base.config.dataDir)),
    overview: createOverviewService(deps, assessment, actions, meetings),
    exports: createExportService(deps, meetings),
    indicators: createIndicatorService(deps, records),
    health: createHealthService(deps),
    imports: createImportService(deps, actions, plans, sources),
    boardRecord: createBoardRecordService(deps),
  };
}

export type Services = ReturnType<typeof build> & {
  /** The same services on another clock (the demo seed replays its story through them). */
  withClock(clock: ServiceDeps['clock']): Services;
};

export function createServices(base: Omit<ServiceDeps, 'repos'>): Services {
  return { ...build(base), withClock: (clock) => createServices({ ...base, clock }) };
}
