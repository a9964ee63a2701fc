import * as common from './common.js';
import * as rag from './rag.js';
import * as auth from './auth.js';
import * as users from './users.js';
import * as plans from './plans.js';
import * as recommendations from './recommendations.js';
import * as actions from './actions.js';
import * as meetings from './meetings.js';
import * as evidence from './evidence.js';
import * as exportsSchemas from './exports.js';
import * as indicators from './indicators.js';
import * as imports from './imports.js';
import * as audit from './audit.js';
import * as boardRecord from './board-record.js';

export * from './common.js';
export * from './rag.js';
export * from './auth.js';
export * from './users.js';
export * from './plans.js';
export * from './recommendations.js';
export * from './actions.js';
export * from './meetings.js';
export * from './evidence.js';
export * from './exports.js';
export * from './indicators.js';
export * from './imports.js';
export * from './audit.js';
export * from './board-record.js';

/**
 * Every exported object schema is a named part of the contract: it carries its export name as `$id` (and
 * `title`), so /openapi.json lists it once under `components.schemas` and refers to it everywhere else.
 * Query strings and path parameters are not (OpenAPI spells them out as parameters). A schema may also set
 * its `$id` itself, as the pages do.
 */
for (const module of [
  common,
  rag,
  auth,
  users,
  plans,
  recommendations,
  actions,
  meetings,
  evidence,
  exportsSchemas,
  indicators,
  imports,
  audit,
  boardRecord,
]) {
  for (const [name, schema] of Object.entries(module)) {
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) continue;
    const s = schema as { type?: unknown; $id?: unknown; title?: unknown };
    if (s.type !== 'object' || /(Query|Params)$/.test(name)) continue;
    s.$id ??= name;
    s.title ??= name;
  }
}
