import type { Db } from '../db/client.js';
import { createActionRepository } from './actions.js';
import { createAuditRepository } from './audit.js';
import { createBoardRecordRepository } from './board-record.js';
import { createEvidenceRepository } from './evidence.js';
import { createIndicatorRepository } from './indicators.js';
import { createImportRepository } from './imports.js';
import { createLeadRepository } from './leads.js';
import { createMeetingRepository } from './meetings.js';
import { createPlanRepository } from './plans.js';
import { createProgressRepository } from './progress.js';
import { createRecommendationRepository } from './recommendations.js';
import { createSessionRepository } from './sessions.js';
import { createSourceRepository } from './sources.js';
import { createThemeRepository } from './themes.js';
import { createUserRepository } from './users.js';

export function createRepositories(db: Db) {
  return {
    users: createUserRepository(db),
    sessions: createSessionRepository(db),
    audit: createAuditRepository(db),
    leads: createLeadRepository(db),
    plans: createPlanRepository(db),
    sources: createSourceRepository(db),
    recommendations: createRecommendationRepository(db),
    themes: createThemeRepository(db),
    actions: createActionRepository(db),
    meetings: createMeetingRepository(db),
    progress: createProgressRepository(db),
    evidence: createEvidenceRepository(db),
    indicators: createIndicatorRepository(db),
    imports: createImportRepository(db),
    boardRecord: createBoardRecordRepository(db),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
