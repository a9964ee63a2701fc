/**
 * The response schemas as fast-json-stringify is given them: each `anyOf` of a value and null (TypeBox's
 * `Type.Union([X, Type.Null()])`, our `Nullable(X)`) becomes X with `nullable: true`.
 *
 * fast-json-stringify serialises an `anyOf` by running ajv on the value, branch by branch, on every call —
 * for a nullable object that is a validation of the whole object before it is written. For a schema with a
 * single `type` (string, integer, number, boolean, object, array), a `const`, or a union of string literals
 * (written as a string `enum`), `nullable: true` writes `null` for null and the value exactly as the branch
 * would have written it otherwise; the bytes are the same (`tests/unit/nullable-unions.test.ts`).
 * A `$ref` to such a schema is replaced by a copy of it. Anything else (unions of several types, nested
 * combinators, a `$ref` to a union or to a schema with `$ref`s of its own, sibling keywords other than
 * annotations) is left as it is. Only the serializer sees this copy: validation and the OpenAPI
 * document keep the schemas as written.
 */

type Json = Record<string, unknown>;

/** Types fast-json-stringify writes as `null` when the schema says `nullable: true`. */
const NULLABLE_TYPES = new Set(['string', 'integer', 'number', 'boolean', 'object', 'array']);
/** Keywords that change nothing fast-json-stringify writes (beside `anyOf` or `type: 'null'`). */
const ANNOTATIONS = new Set([
  'title',
  'description',
  'examples',
  '$comment',
  'deprecated',
  'readOnly',
  'writeOnly',
]);
/** Keywords whose values are data, not schemas. */
const DATA = new Set(['const', 'enum', 'default', 'examples', 'example']);
/** Keywords whose values map names (of properties, definitions) to schemas. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
const COMBINATORS = ['anyOf', 'oneOf', 'allOf', 'not', 'if', '$ref'];

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const onlyAnnotationsBesides = (schema: Json, ...keys: string[]) =>
  Object.keys(schema).every((key) => keys.includes(key) || ANNOTATIONS.has(key));

const isNull = (schema: unknown) =>
  isObject(schema) && schema.type === 'null' && onlyAnnotationsBesides(schema, 'type');

/** The values of a union of string literals (`const`s, string `enum`s, or `anyOf`s of them), else undefined. */
function stringLiterals(schema: unknown): string[] | undefined {
  if (!isObject(schema)) return undefined;
  if (typeof schema.const === 'string' && onlyAnnotationsBesides(schema, 'const', 'type'))
    return schema.type === undefined || schema.type === 'string' ? [schema.const] : undefined;
  if (
    schema.type === 'string' &&
    Array.isArray(schema.enum) &&
    schema.enum.every((v) => typeof v === 'string') &&
    onlyAnnotationsBesides(schema, 'type', 'enum')
  )
    return schema.enum as string[];
  if (Array.isArray(schema.anyOf) && schema.anyOf.length > 0 && onlyAnnotationsBesides(schema, 'anyOf')) {
    const all: string[] = [];
    for (const branch of schema.anyOf) {
      const values = stringLiterals(branch);
      if (!values) return undefined;
      all.push(...values);
    }
    return all;
  }
  return undefined;
}

/** A schema of one type that `nullable: true` makes null-or-itself without changing its other bytes. */
function nullableAsIs(schema: Json): boolean {
  return (
    typeof schema.type === 'string' &&
    NULLABLE_TYPES.has(schema.type) &&
    schema.nullable === undefined &&
    COMBINATORS.every((key) => schema[key] === undefined)
  );
}

/**
 * Finds what a `$ref` names — a JSON pointer in the root schema, or in a shared schema by its `$id` — and the
 * schema its own local `$ref`s are read against.
 */
function resolve(
  ref: string,
  root: unknown,
  shared: Record<string, unknown>,
): { target: unknown; root: unknown } {
  const hash = ref.indexOf('#');
  const id = hash < 0 ? ref : ref.slice(0, hash);
  const pointer = hash < 0 ? '' : ref.slice(hash + 1);
  const base = id === '' ? root : shared[id];
  let target = base;
  for (const part of pointer.split('/').slice(1)) {
    if (!isObject(target) && !Array.isArray(target)) return { target: undefined, root: base };
    target = (target as Json)[decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return { target, root: base };
}

/** Whether a schema has a `$ref` or an `$id` anywhere in it. */
function names(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.some(names);
  if (!isObject(schema)) return false;
  return '$ref' in schema || '$id' in schema || Object.values(schema).some(names);
}

function collapse(schema: Json, root: unknown, shared: Record<string, unknown>, seen: Set<string>): Json {
  const branches = schema.anyOf as unknown[];
  if (!onlyAnnotationsBesides(schema, 'anyOf')) return schema;
  const nulls = branches.filter(isNull);
  const values = branches.filter((branch) => !isNull(branch));
  if (nulls.length !== 1 || values.length === 0) return schema;
  const { anyOf: _anyOf, ...siblings } = schema;
  const literals = stringLiterals(values.length === 1 ? values[0] : { anyOf: values });
  if (literals) return { ...siblings, type: 'string', enum: literals, nullable: true };
  if (values.length !== 1 || !isObject(values[0])) return schema;
  const value = values[0];
  if (typeof value.$ref === 'string') {
    // Written in place of the `$ref`: ajv (which fast-json-stringify still runs for any union left in the
    // schema) refuses `nullable` beside a `$ref` without a `type`. Only a schema that names nothing itself
    // can be moved.
    if (!onlyAnnotationsBesides(value, '$ref') || seen.has(value.$ref)) return schema;
    const { target, root: base } = resolve(value.$ref, root, shared);
    if (!isObject(target)) return schema;
    const { $id: _id, ...named } = transform(target, base, shared, new Set([...seen, value.$ref]));
    return nullableAsIs(named) && !names(named) ? { ...siblings, ...named, nullable: true } : schema;
  }
  return nullableAsIs(value) ? { ...siblings, ...value, nullable: true } : schema;
}

function transform(schema: unknown, root: unknown, shared: Record<string, unknown>, seen: Set<string>): Json {
  return walk(schema, root, shared, seen) as Json;
}

function walk(schema: unknown, root: unknown, shared: Record<string, unknown>, seen: Set<string>): unknown {
  if (Array.isArray(schema)) return schema.map((s) => walk(s, root, shared, seen));
  if (!isObject(schema)) return schema;
  const copy: Json = {};
  for (const [key, value] of Object.entries(schema))
    copy[key] = DATA.has(key)
      ? value
      : SCHEMA_MAPS.has(key) && isObject(value)
        ? Object.fromEntries(Object.entries(value).map(([name, s]) => [name, walk(s, root, shared, seen)]))
        : walk(value, root, shared, seen);
  return Array.isArray(copy.anyOf) ? collapse(copy, root, shared, seen) : copy;
}

/**
 * A copy of `schema` with each nullable union written as `nullable: true` where fast-json-stringify
 * supports it. `shared` are the schemas a `$ref` may name by `$id` (fastify's shared schemas).
 */
export function nullableUnions<S>(schema: S, shared: Record<string, unknown> = {}): S {
  return walk(schema, schema, shared, new Set()) as S;
}
