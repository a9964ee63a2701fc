/**
 * Every named schema (a TypeBox schema of shared/src/schemas with an `$id`) appears once in /openapi.json,
 * under `components.schemas`, and is referenced by `$ref` everywhere else — as a route's whole body or
 * answer, or nested in another schema, alike. @fastify/swagger hoists the nested ones itself (its
 * `refResolver`); a schema that is a route's whole answer it leaves inline, so this pass finishes the job:
 * an inline schema whose `title` names a component and which is that component exactly becomes a `$ref`.
 * (A derived schema, e.g. `Type.Partial(Named)`, keeps the title but not the contents, and stays inline.)
 */

type Json = unknown;
type Node = Record<string, Json>;

const PREFIX = '#/components/schemas/';

function isNode(value: Json): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep equality of JSON values; object key order does not matter. */
export function sameJson(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a))
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  if (!isNode(a) || !isNode(b) || Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k]));
}

/**
 * The schemas with an `$id`, by name, as they read in the document: `$id` dropped, a nested named schema
 * replaced by its `$ref`. Two different schemas under one name are a programming error.
 */
export function namedSchemas(modules: Record<string, unknown>[]): Map<string, Node> {
  const out = new Map<string, Node>();
  const plain = (value: Json, root: boolean): Json => {
    if (Array.isArray(value)) return value.map((v) => plain(v, false));
    if (!isNode(value)) return value;
    if (!root && typeof value.$id === 'string') return { $ref: PREFIX + value.$id };
    // As @fastify/swagger writes a schema for OpenAPI 3.1 (its convertJsonSchemaToOpenapi3).
    const copy: Node = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === '$id') continue;
      else if (k === 'contentEncoding') {
        if (v === 'base64') copy.format = 'byte';
        else if (v === 'binary') copy.format = 'binary';
      } else if (k === 'const') copy.enum = [v];
      else if (k === 'patternProperties' && isNode(v))
        copy.additionalProperties = plain(Object.values(v)[0], false);
      else if (k === 'properties' && isNode(v))
        copy.properties = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, plain(s, false)]));
      else copy[k] = plain(v, false);
    }
    return copy;
  };
  const visit = (value: Json): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!isNode(value)) return;
    if (typeof value.$id === 'string') {
      const form = plain(JSON.parse(JSON.stringify(value)) as Json, true) as Node;
      const seen = out.get(value.$id);
      if (seen && !sameJson(seen, form)) throw new Error(`Two different schemas are named ${value.$id}`);
      if (!seen) out.set(value.$id, form);
    }
    Object.values(value).forEach(visit);
  };
  for (const module of modules) Object.values(module).forEach(visit);
  return out;
}

/** Replaces each inline copy of a named schema in `doc` by its `$ref`, and emits each used one once. */
export function referenceNamedSchemas<T extends object>(doc: T, named: Map<string, Node>): T {
  const used = new Set<string>();
  // Children first: a schema's nested named schemas are references before it is compared.
  const walk = (value: Json, inComponents: boolean): Json => {
    if (Array.isArray(value)) return value.map((v) => walk(v, false));
    if (!isNode(value)) return value;
    for (const [k, v] of Object.entries(value)) value[k] = walk(v, false);
    if (typeof value.$ref === 'string' && value.$ref.startsWith(PREFIX))
      used.add(value.$ref.slice(PREFIX.length));
    const title = value.title;
    if (!inComponents && typeof title === 'string') {
      const form = named.get(title);
      if (form && sameJson(value, form)) {
        used.add(title);
        return { $ref: PREFIX + title };
      }
    }
    return value;
  };
  const d = doc as Node & { components?: { schemas?: Record<string, Json> } };
  d.paths = walk(d.paths, false);
  const hoisted = d.components?.schemas ?? {};
  for (const [name, schema] of Object.entries(hoisted)) hoisted[name] = walk(schema, true);
  // A named schema's own named parts are used too.
  const queue = [...used];
  while (queue.length > 0) {
    const name = queue.shift() as string;
    JSON.stringify(named.get(name) ?? hoisted[name] ?? {}, (key, v: Json) => {
      if (key === '$ref' && typeof v === 'string' && v.startsWith(PREFIX)) {
        const inner = v.slice(PREFIX.length);
        if (!used.has(inner)) {
          used.add(inner);
          queue.push(inner);
        }
      }
      return v;
    });
  }
  const schemas: Record<string, Json> = {};
  for (const name of [...used].sort()) schemas[name] = named.get(name) ?? hoisted[name];
  d.components = { ...d.components, schemas };
  return doc;
}
