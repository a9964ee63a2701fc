/** Plans and the way a council lays them out: themes, and areas inside themes. */
import type {
  CreatePlanBody,
  CreateThemeBody,
  Plan,
  PlanListQuery,
  Theme,
  UpdatePlanBody,
  UpdateThemeBody,
} from '@ipt/shared/schemas';
import { inTransaction } from '../db/client.js';
import { problem } from '../lib/problems.js';
import type { Actor } from '../lib/types.js';
import type { ServiceDeps } from './deps.js';
import type { RecordKeeper } from './records.js';

export function createPlanService(deps: ServiceDeps, records: RecordKeeper) {
  const { repos, sqlite, clock } = deps;
  function requirePlan(id: number) {
    const plan = repos.plans.find(id);
    if (!plan) throw problem.notFound(`Plan ${id}`);
    return plan;
  }

  function checkSources(ids: number[]): void {
    const found = new Set(repos.sources.existing(ids));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) {
      throw problem.unprocessable(`No source has the id ${missing.join(', ')}.`, [
        { path: 'body.sourceIds', message: `unknown source ${missing.join(', ')}` },
      ]);
    }
  }

  return {
    list(query: PlanListQuery) {
      return repos.plans.list(query);
    },

    get(id: number): Plan {
      return requirePlan(id);
    },

    create(actor: Actor, body: CreatePlanBody): Plan {
      if (body.predecessorPlanId) requirePlan(body.predecessorPlanId);
      const sourceIds = body.sourceIds ?? [];
      checkSources(sourceIds);
      const now = clock().toISOString();
      const id = inTransaction(sqlite, () => {
        const row = repos.plans.insert({
          title: body.title.trim(),
          phase: body.phase?.trim() ?? '',
          status: body.status ?? 'draft',
          description: body.description?.trim() ?? '',
          predecessorPlanId: body.predecessorPlanId ?? null,
          quarters: body.quarters ?? 'financial',
          createdAt: now,
          updatedAt: now,
        });
        repos.plans.setSources(row.id, sourceIds);
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'create',
          entityType: 'plan',
          entityId: row.id,
          after: { ...row, sourceIds },
        });
        return row.id;
      });
      return requirePlan(id);
    },

    update(actor: Actor, id: number, expectedVersion: number | undefined, body: UpdatePlanBody): Plan {
      const before = requirePlan(id);
      if (before.archivedAt) throw problem.conflict('This plan is archived and cannot be changed.');
      const version = records.checkVersion(before.version, expectedVersion, 'The plan');
      if (body.sourceIds) checkSources(body.sourceIds);
      const now = clock().toISOString();
      inTransaction(sqlite, () => {
        const patch: Parameters<typeof repos.plans.update>[2] = { updatedAt: now };
        if (body.title !== undefined) patch.title = body.title.trim();
        if (body.phase !== undefined) patch.phase = body.phase.trim();
        if (body.status !== undefined) patch.status = body.status;
        if (body.description !== undefined) patch.description = body.description.trim();
        if (body.quarters !== undefined) patch.quarters = body.quarters;
        if (!repos.plans.update(id, version, patch))
          throw problem.stale('The plan was changed by someone else. Reload it and try again.');
        if (body.sourceIds) repos.plans.setSources(id, body.sourceIds);
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'update',
          entityType: 'plan',
          entityId: id,
          before,
          after: repos.plans.find(id),
        });
      });
      return requirePlan(id);
    },

    archive(actor: Actor, id: number, expectedVersion: number | undefined, reason: string): Plan {
      const record = requirePlan(id);
      records.archive({
        actor,
        entityType: 'plan',
        id,
        what: 'The plan',
        record,
        expectedVersion,
        reason,
        update: (v, patch) => repos.plans.update(id, v, patch),
      });
      return requirePlan(id);
    },

    themes(planId: number): Theme[] {
      requirePlan(planId);
      return repos.themes.listForPlan(planId);
    },

    createTheme(actor: Actor, planId: number, body: CreateThemeBody): Theme[] {
      const plan = requirePlan(planId);
      if (plan.archivedAt) throw problem.conflict('This plan is archived and cannot be changed.');
      const now = clock().toISOString();
      inTransaction(sqlite, () => {
        const row = repos.themes.insertTheme({
          planId,
          title: body.title.trim(),
          position: body.position ?? repos.themes.nextThemePosition(planId),
          createdAt: now,
          updatedAt: now,
        });
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'create',
          entityType: 'theme',
          entityId: row.id,
          after: row,
        });
      });
      return repos.themes.listForPlan(planId);
    },

    updateTheme(
      actor: Actor,
      id: number,
      expectedVersion: number | undefined,
      body: UpdateThemeBody,
    ): Theme[] {
      const before = repos.themes.findTheme(id);
      if (!before || before.archivedAt) throw problem.notFound(`Theme ${id}`);
      const version = records.checkVersion(before.version, expectedVersion, 'The theme');
      const now = clock().toISOString();
      inTransaction(sqlite, () => {
        const after = repos.themes.updateTheme(id, version, {
          ...(body.title !== undefined ? { title: body.title.trim() } : {}),
          ...(body.position !== undefined ? { position: body.position } : {}),
          updatedAt: now,
        });
        if (!after) throw problem.stale('The theme was changed by someone else. Reload it and try again.');
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'update',
          entityType: 'theme',
          entityId: id,
          before,
          after,
        });
      });
      return repos.themes.listForPlan(before.planId);
    },

    /** Archives a theme with no live actions left in it (its areas go with it). */
    archiveTheme(actor: Actor, id: number, expectedVersion: number | undefined, reason: string): Theme[] {
      const record = repos.themes.findTheme(id);
      if (!record || record.archivedAt) throw problem.notFound(`Theme ${id}`);
      const live = repos.actions.count({ planId: record.planId, theme: id });
      if (live > 0) {
        throw problem.conflict(
          `The theme "${record.title}" still has ${live} live action${live === 1 ? '' : 's'}. Move or archive them first.`,
        );
      }
      records.archive({
        actor,
        entityType: 'theme',
        id,
        what: 'The theme',
        record,
        expectedVersion,
        reason,
        update: (v, patch) => repos.themes.updateTheme(id, v, patch),
      });
      return repos.themes.listForPlan(record.planId);
    },

    /** Archives an area with no live actions left in it. */
    archiveArea(actor: Actor, id: number, expectedVersion: number | undefined, reason: string): Theme[] {
      const record = repos.themes.findArea(id);
      if (!record || record.archivedAt) throw problem.notFound(`Area ${id}`);
      const live = repos.actions.count({ planId: record.planId, area: id });
      if (live > 0) {
        throw problem.conflict(
          `The area "${record.title}" still has ${live} live action${live === 1 ? '' : 's'}. Move or archive them first.`,
        );
      }
      records.archive({
        actor,
        entityType: 'area',
        id,
        what: 'The area',
        record,
        expectedVersion,
        reason,
        update: (v, patch) => repos.themes.updateArea(id, v, patch),
      });
      return repos.themes.listForPlan(record.planId);
    },

    createArea(actor: Actor, themeId: number, body: CreateThemeBody): Theme[] {
      const theme = repos.themes.findTheme(themeId);
      if (!theme || theme.archivedAt) throw problem.notFound(`Theme ${themeId}`);
      const now = clock().toISOString();
      inTransaction(sqlite, () => {
        const row = repos.themes.insertArea({
          themeId,
          title: body.title.trim(),
          position: body.position ?? repos.themes.nextAreaPosition(themeId),
          createdAt: now,
          updatedAt: now,
        });
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'create',
          entityType: 'area',
          entityId: row.id,
          after: row,
        });
      });
      return repos.themes.listForPlan(theme.planId);
    },

    updateArea(
      actor: Actor,
      id: number,
      expectedVersion: number | undefined,
      body: UpdateThemeBody,
    ): Theme[] {
      const before = repos.themes.findArea(id);
      if (!before || before.archivedAt) throw problem.notFound(`Area ${id}`);
      const version = records.checkVersion(before.version, expectedVersion, 'The area');
      const now = clock().toISOString();
      inTransaction(sqlite, () => {
        const after = repos.themes.updateArea(id, version, {
          ...(body.title !== undefined ? { title: body.title.trim() } : {}),
          ...(body.position !== undefined ? { position: body.position } : {}),
          updatedAt: now,
        });
        if (!after) throw problem.stale('The area was changed by someone else. Reload it and try again.');
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'update',
          entityType: 'area',
          entityId: id,
          before,
          after,
        });
      });
      return repos.themes.listForPlan(before.planId);
    },
  };
}
export type PlanService = ReturnType<typeof createPlanService>;
