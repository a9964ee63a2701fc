/**
 * Rules every request's input obeys, applied in one place — the validator compiler — before the route's own
 * schema:
 * - text is well-formed Unicode (no lone UTF-16 surrogate, which would be silently replaced when stored);
 * - text that is not empty is not only white space (a commentary of spaces says nothing);
 * - whole numbers in the path and query string are written plainly: `12`, not `0x1`, `1.0`, `012`, `+1`
 *   or ` 1` (each of which would otherwise be coerced to a number and read as another address).
 * Failures read like the schema's own (Ajv-shaped errors), so they become the same 400 problem.
 */
import type { FastifySchemaCompiler } from 'fastify';

interface InputError {
  instancePath: string;
  keyword: string;
  message: string;
  params: Record<string, unknown>;
}

type Fn = ((data: unknown) => unknown) & { errors?: unknown };

/** A high surrogate not followed by a low one, or a low one not after a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

const CANONICAL_INTEGER = /^-?(0|[1-9][0-9]*)$/;

interface SchemaLike {
  type?: unknown;
  properties?: Record<string, SchemaLike>;
  items?: SchemaLike;
  anyOf?: SchemaLike[];
}

function isInteger(schema: SchemaLike | undefined): boolean {
  if (!schema) return false;
  if (schema.type === 'integer') return true;
  if (schema.type === 'array') return isInteger(schema.items);
  return Array.isArray(schema.anyOf) && schema.anyOf.some(isInteger);
}

/** The names of the properties of a path or query schema that are whole numbers. */
function integerFields(schema: unknown): Set<string> {
  const props = (schema as SchemaLike | undefined)?.properties ?? {};
  return new Set(Object.entries(props).flatMap(([name, s]) => (isInteger(s) ? [name] : [])));
}

function pointer(path: (string | number)[]): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** Every text rule broken in `value` (walked whole: objects, arrays, strings). */
export function textProblems(value: unknown, path: (string | number)[] = [], out: InputError[] = []) {
  if (typeof value === 'string') {
    if (!isWellFormed(value)) {
      out.push({
        instancePath: pointer(path),
        keyword: 'wellFormed',
        message: 'contains a broken character (a lone UTF-16 surrogate); send well-formed Unicode text',
        params: {},
      });
    } else if (value.length > 0 && value.trim() === '') {
      out.push({
        instancePath: pointer(path),
        keyword: 'blank',
        message: 'must not be only spaces; write something, or leave it out',
        params: {},
      });
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => textProblems(v, [...path, i], out));
  } else if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (!isWellFormed(k)) {
        out.push({
          instancePath: pointer(path),
          keyword: 'wellFormed',
          message: 'has a field name with a broken character',
          params: {},
        });
      }
      textProblems(v, [...path, k], out);
    }
  }
  return out;
}

function integerProblems(data: unknown, fields: Set<string>): InputError[] {
  if (fields.size === 0 || !data || typeof data !== 'object') return [];
  const out: InputError[] = [];
  for (const [name, raw] of Object.entries(data)) {
    if (!fields.has(name)) continue;
    for (const v of Array.isArray(raw) ? raw : [raw]) {
      if (typeof v === 'string' && !CANONICAL_INTEGER.test(v)) {
        out.push({
          instancePath: `/${name}`,
          keyword: 'canonicalInteger',
          message: `must be a whole number written in digits only, like 12 (got "${v.slice(0, 20)}")`,
          params: {},
        });
      }
    }
  }
  return out;
}

/** Wraps a validator compiler so that each validator applies the input rules first. */
export function withInputRules<S>(compile: FastifySchemaCompiler<S>): FastifySchemaCompiler<S> {
  return (route) => {
    const validate = compile(route) as Fn;
    const part = route.httpPart ?? 'body';
    // Headers carry tokens and ETags, not text a person wrote.
    if (part === 'headers') return validate as never;
    const integers =
      part === 'params' || part === 'querystring' ? integerFields(route.schema) : new Set<string>();
    const checked: Fn = (data: unknown) => {
      const errors = [...integerProblems(data, integers), ...textProblems(data)];
      if (errors.length > 0) {
        checked.errors = errors;
        return false;
      }
      const result = validate(data);
      checked.errors = validate.errors;
      return result;
    };
    return checked as never;
  };
}
