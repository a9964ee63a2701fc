import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Theme } from '@ipt/shared/schemas';
import type { Db } from '../db/client.js';
import { areas, themes } from '../db/schema.js';

export type ThemeRow = typeof themes.$inferSelect;
export type AreaRow = typeof areas.$inferSelect;

export function createThemeRepository(db: Db) {
  return {
    listForPlan(planId: number): Theme[] {
      const ts = db
        .select()
        .from(themes)
        .where(and(eq(themes.planId, planId), isNull(themes.archivedAt)))
        .orderBy(asc(themes.position), asc(themes.id))
        .all();
      if (ts.length === 0) return [];
      const as = db
        .select()
        .from(areas)
        .where(
          and(
            inArray(
              areas.themeId,
              ts.map((t) => t.id),
            ),
            isNull(areas.archivedAt),
          ),
        )
        .orderBy(asc(areas.position), asc(areas.id))
        .all();
      return ts.map((t) => ({
        id: t.id,
        planId: t.planId,
        title: t.title,
        position: t.position,
        version: t.version,
        areas: as
          .filter((a) => a.themeId === t.id)
          .map((a) => ({
            id: a.id,
            themeId: a.themeId,
            title: a.title,
            position: a.position,
            version: a.version,
          })),
      }));
    },
    findTheme(id: number): ThemeRow | undefined {
      return db.select().from(themes).where(eq(themes.id, id)).get();
    },
    findArea(id: number): (AreaRow & { planId: number; themeArchivedAt: string | null }) | undefined {
      const row = db
        .select({ area: areas, planId: themes.planId, themeArchivedAt: themes.archivedAt })
        .from(areas)
        .innerJoin(themes, eq(themes.id, areas.themeId))
        .where(eq(areas.id, id))
        .get();
      return row ? { ...row.area, planId: row.planId, themeArchivedAt: row.themeArchivedAt } : undefined;
    },
    nextThemePosition(planId: number): number {
      const rows = db.select({ p: themes.position }).from(themes).where(eq(themes.planId, planId)).all();
      return rows.reduce((m, r) => Math.max(m, r.p + 1), 0);
    },
    nextAreaPosition(themeId: number): number {
      const rows = db.select({ p: areas.position }).from(areas).where(eq(areas.themeId, themeId)).all();
      return rows.reduce((m, r) => Math.max(m, r.p + 1), 0);
    },
    insertTheme(row: typeof themes.$inferInsert): ThemeRow {
      return db.insert(themes).values(row).returning().get();
    },
    insertArea(row: typeof areas.$inferInsert): AreaRow {
      return db.insert(areas).values(row).returning().get();
    },
    updateTheme(
      id: number,
      version: number,
      patch: Partial<typeof themes.$inferInsert>,
    ): ThemeRow | undefined {
      return db
        .update(themes)
        .set({ ...patch, version: version + 1 })
        .where(and(eq(themes.id, id), eq(themes.version, version)))
        .returning()
        .get();
    },
    updateArea(id: number, version: number, patch: Partial<typeof areas.$inferInsert>): AreaRow | undefined {
      return db
        .update(areas)
        .set({ ...patch, version: version + 1 })
        .where(and(eq(areas.id, id), eq(areas.version, version)))
        .returning()
        .get();
    },
  };
}
export type ThemeRepository = ReturnType<typeof createThemeRepository>;
