/**
 * Schema compilers that compile a route's validator or serializer when it is first used — or when the
 * warm-up after `listen` reaches it — rather than all of them before the server can answer. About 100
 * routes' ajv validators and fast-json-stringify serializers took some 400 ms of every start.
 *
 * `compileAll()` compiles whatever is left at once (the tests call it, so a broken schema still fails the
 * build); `warmUp()` does the same a few at a time between requests.
 */
import type { FastifySchemaCompiler } from 'fastify';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import { nullableUnions } from './nullable-unions.js';

type Fn = ((data: unknown) => unknown) & { errors?: unknown };

export interface LazyCompilers {
  /** Wraps a validator compiler (fastify's `setValidatorCompiler`). */
  validator<S>(compile: FastifySchemaCompiler<S>): FastifySchemaCompiler<S>;
  /** fastify's `schemaController.compilersFactory.buildSerializer`: fast-json-stringify, compiled lazily. */
  buildSerializer: ReturnType<typeof SerializerSelector>;
  /** How many are not compiled yet. */
  pending(): number;
  compileAll(): number;
  warmUp(): Promise<number>;
}

/**
 * A copy of a schema without the `$id`s of the named schemas nested in it. The names are for the OpenAPI
 * document (each named schema once, under components); to ajv and fast-json-stringify the same `$id` met in
 * two route schemas compiled by one instance would be two schemas claiming one name.
 */
export function withoutIds<S>(schema: S): S {
  if (Array.isArray(schema)) return schema.map((s: unknown) => withoutIds(s)) as S;
  if (typeof schema !== 'object' || schema === null) return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) if (key !== '$id') copy[key] = withoutIds(value);
  return copy as S;
}

/**
 * What fast-json-stringify compiles for a response schema: a copy without nested `$id`s and with each
 * nullable union as `nullable: true` (see `nullable-unions.ts`), so that no ajv runs while an answer is
 * written. Routes and stored documents (`documents.ts`) both serialise through it, byte for byte alike.
 */
export function serializerSchema<S>(schema: S, shared: Record<string, unknown> = {}): S {
  return nullableUnions(withoutIds(schema), shared);
}

export function lazyCompilers(): LazyCompilers {
  const waiting = new Set<() => Fn>();

  function lazy(build: () => Fn): Fn {
    let compiled: Fn | undefined;
    const force = (): Fn => {
      if (!compiled) {
        compiled = build();
        waiting.delete(force);
      }
      return compiled;
    };
    waiting.add(force);
    const wrapper: Fn = (data: unknown) => {
      const fn = force();
      const result = fn(data);
      // fastify reads a failed validator's `errors` from the function it called.
      wrapper.errors = fn.errors;
      return result;
    };
    return wrapper;
  }

  const selectSerializer = SerializerSelector();

  return {
    validator: (compile) => (route) =>
      lazy(() => compile({ ...route, schema: withoutIds(route.schema) }) as Fn) as never,
    buildSerializer: (externalSchemas, options) => {
      // Shared schemas (fastify's `addSchema`) keep their `$id`: a route's `$ref` names them by it.
      const shared = (externalSchemas ?? {}) as Record<string, unknown>;
      const compile = selectSerializer(
        Object.fromEntries(
          Object.entries(shared).map(([id, schema]) => [id, nullableUnions(schema, shared)]),
        ),
        options,
      );
      return (route) =>
        lazy(() => compile({ ...route, schema: serializerSchema(route.schema, shared) }) as Fn) as never;
    },
    pending: () => waiting.size,
    compileAll() {
      const all = [...waiting];
      for (const force of all) force();
      return all.length;
    },
    async warmUp() {
      const all = [...waiting];
      for (const force of all) {
        force();
        await new Promise((resolve) => setImmediate(resolve));
      }
      return all.length;
    },
  };
}
