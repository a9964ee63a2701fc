/** Plans and the way a council lays them out: themes, and areas inside themes. */
import { londonDate, type PlanStatus } from '@ipt/shared';
import type {
  AreaOrderBody,
  CreatePlanBody,
  CreateThemeBody,
  Plan,
  PlanListQuery,
  Theme,
  ThemeOrderBody,
  UpdatePlanBody,
  UpdateThemeBody,
} from '@ipt/shared/schemas';
import { inTransaction } from '../db/client.js';
import { canSeePlan } from '../domain/access.js';
import { planTransitionProblem } from '../domain/plan-status.js';
import { checkTimeframe } from '../domain/timeframe.js';
import { problem } from '../lib/problems.js';
import type { Actor } from '../lib/types.js';
import type { ServiceDeps } from './deps.js';
import type { PlanOwnedRecord } from '../repositories/plans.js';
import type { RecordKeeper } from './records.js';

/** A new order must name exactly the records there are now, each once. */
export function checkSameSet(path: string, noun: string, current: number[], given: number[]): void {
  const missing = current.filter((id) => !given.includes(id));
  const unknown = given.filter((id) => !current.includes(id));
  if (missing.length || unknown.length) {
    const parts = [
      ...(unknown.length ? [`${unknown.join(', ')} is not a live ${noun} here`] : []),
      ...(missing.length ? [`${missing.join(', ')} is missing`] : []),
    ];
    throw problem.invalid(path, `list every live ${noun} once: ${parts.join('; ')}`);
  }
}

export type { PlanOwnedRecord };

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
    /** The plans this person may see: drafts only for administrators. */
    list(actor: Actor, query: PlanListQuery) {
      return repos.plans.list(query, { includeDrafts: actor.role === 'admin' });
    },

    /** What the timeframe parser reads from a text, with the plan's way of reading quarters. */
    checkTimeframe(text: string, planId: number | undefined) {
      const plan = planId === undefined ? undefined : repos.plans.findRow(planId);
      return checkTimeframe(text, { quarters: plan?.quarters, today: londonDate(clock()) });
    },

    /** The plan's row, or undefined (for access checks). */
    find(id: number) {
      return repos.plans.findRow(id);
    },

    /**
     * The status of the plan a record belongs to, or undefined when there is no such record (for the rule that
     * a draft plan's content is seen by administrators only).
     */
    planOf(kind: PlanOwnedRecord, id: number): { status: PlanStatus } | undefined {
      const status = repos.plans.statusOwning(kind, id);
      return status === undefined ? undefined : { status };
    },

    get(actor: Actor, id: number): Plan {
      const plan = requirePlan(id);
      if (!canSeePlan(actor, plan)) throw problem.notFound(`Plan ${id}`);
      return plan;
    },

    /** The plan this person last chose, if they may still see it. */
    preference(actor: Actor): { planId: number | null } {
      const planId = repos.users.findById(actor.id)?.preferredPlanId ?? null;
      const plan = planId === null ? undefined : repos.plans.findRow(planId);
      return { planId: plan && !plan.archivedAt && canSeePlan(actor, plan) ? plan.id : null };
    },

    /** Remembers the plan this person chose with the switcher (a preference: no audit row). */
    setPreference(actor: Actor, planId: number | null): { planId: number | null } {
      if (planId !== null) {
        const plan = repos.plans.findRow(planId);
        if (!plan || plan.archivedAt || !canSeePlan(actor, plan)) {
          throw problem.unprocessable(`No plan you can see has the id ${planId}.`, [
            { path: 'body.planId', message: `unknown plan ${planId}` },
          ]);
        }
      }
      repos.users.setPreferredPlan(actor.id, planId);
      return { planId };
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
          papersCutoffDays: body.papersCutoffDays ?? null,
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
      if (body.status !== undefined) {
        const refusal = planTransitionProblem(before.status, body.status, {
          liveActions: before.actionCount,
        });
        if (refusal) throw problem.conflict(refusal);
      } else if (before.status === 'closed') {
        throw problem.conflict('This plan is closed: it stays as it was, for the record.');
      }
      const now = clock().toISOString();
      inTransaction(sqlite, () => {
        const patch: Parameters<typeof repos.plans.update>[2] = { updatedAt: now };
        if (body.title !== undefined) patch.title = body.title.trim();
        if (body.phase !== undefined) patch.phase = body.phase.trim();
        if (body.status !== undefined) patch.status = body.status;
        if (body.description !== undefined) patch.description = body.description.trim();
        if (body.papersCutoffDays !== undefined) patch.papersCutoffDays = body.papersCutoffDays;
        if (body.quarters !== undefined) patch.quarters = body.quarters;
        if (!repos.plans.update(id, version, patch))
          throw problem.stale('The plan was changed by someone else. Reload it and try again.');
        if (body.sourceIds) repos.plans.setSources(id, body.sourceIds);
        repos.audit.record({
          at: now,
          userId: actor.id,
          event:
            body.status !== undefined && body.status !== before.status ? `status_${body.status}` : 'update',
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

    themes(actor: Actor, planId: number): Theme[] {
      const plan = requirePlan(planId);
      if (!canSeePlan(actor, plan)) throw problem.notFound(`Plan ${planId}`);
      return repos.themes.listForPlan(planId);
    },

    /**
     * Puts the plan's themes in a new order. The plan's version guards it (If-Match): the order is the
     * plan's, and the list must name every live theme once.
     */
    orderThemes(actor: Actor, planId: number, expectedVersion: number, body: ThemeOrderBody): Theme[] {
      const plan = requirePlan(planId);
      if (plan.archivedAt || plan.status === 'closed')
        throw problem.conflict('This plan is closed or archived; its layout stays as it was.');
      const version = records.checkVersion(plan.version, expectedVersion, 'The plan');
      const current = repos.themes.listForPlan(planId);
      checkSameSet(
        'body.themeIds',
        'theme',
        current.map((t) => t.id),
        body.themeIds,
      );
      const now = clock().toISOString();
      inTransaction(sqlite, () => {
        if (!repos.plans.update(planId, version, { updatedAt: now }))
          throw problem.stale('The plan was changed by someone else. Reload it and try again.');
        body.themeIds.forEach((id, position) => {
          const theme = current.find((t) => t.id === id);
          if (theme && theme.position !== position) repos.themes.updateTheme(id, theme.version, { position });
        });
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'reorder',
          entityType: 'plan',
          entityId: planId,
          before: { themeIds: current.map((t) => t.id) },
          after: { themeIds: body.themeIds },
        });
      });
      return repos.themes.listForPlan(planId);
    },

    /** Puts a theme's areas in a new order, under the theme's version (If-Match). */
    orderAreas(actor: Actor, themeId: number, expectedVersion: number, body: AreaOrderBody): Theme[] {
      const theme = repos.themes.findTheme(themeId);
      if (!theme || theme.archivedAt) throw problem.notFound(`Theme ${themeId}`);
      const version = records.checkVersion(theme.version, expectedVersion, 'The theme');
      const current = repos.themes.listForPlan(theme.planId).find((t) => t.id === themeId)?.areas ?? [];
      checkSameSet(
        'body.areaIds',
        'area',
        current.map((a) => a.id),
        body.areaIds,
      );
      const now = clock().toISOString();
      inTransaction(sqlite, () => {
        if (!repos.themes.updateTheme(themeId, version, { updatedAt: now }))
          throw problem.stale('The theme was changed by someone else. Reload it and try again.');
        body.areaIds.forEach((id, position) => {
          const area = current.find((a) => a.id === id);
          if (area && area.position !== position) repos.themes.updateArea(id, area.version, { position });
        });
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'reorder',
          entityType: 'theme',
          entityId: themeId,
          before: { areaIds: current.map((a) => a.id) },
          after: { areaIds: body.areaIds },
        });
      });
      return repos.themes.listForPlan(theme.planId);
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
