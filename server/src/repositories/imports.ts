import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { importMappings } from '../db/schema.js';

/** The column mappings a plan's imports remember: heading key → field or "ignore". */
export function createImportRepository(db: Db) {
  return {
    mapping(planId: number): Record<string, string> {
      const rows = db.select().from(importMappings).where(eq(importMappings.planId, planId)).all();
      return Object.fromEntries(rows.map((r) => [r.heading, r.field]));
    },
    remember(planId: number, mapping: Record<string, string>, userId: number, at: string): void {
      for (const [heading, field] of Object.entries(mapping)) {
        db.insert(importMappings)
          .values({ planId, heading, field, updatedBy: userId, updatedAt: at })
          .onConflictDoUpdate({
            target: [importMappings.planId, importMappings.heading],
            set: { field, updatedBy: userId, updatedAt: at },
          })
          .run();
      }
    },
  };
}
export type ImportRepository = ReturnType<typeof createImportRepository>;
