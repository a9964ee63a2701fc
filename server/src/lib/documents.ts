/**
 * A stored JSON document written by the same serializer a route answers with (fast-json-stringify from the
 * response schema, compiled on first use), so that the document sent as it is stored is byte for byte the
 * answer the route would have serialised (the same copy of the schema, `serializerSchema`).
 */
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { TSchema, Static } from '@sinclair/typebox';
import { serializerSchema } from './lazy-compilers.js';

export function documentSerializer<S extends TSchema>(schema: S): (value: Static<S>) => string {
  let serialize: ((value: unknown) => string) | undefined;
  return (value) => {
    serialize ??= SerializerSelector()(undefined, undefined)({
      schema: serializerSchema(schema),
      method: 'GET',
      url: '',
      httpStatus: '200',
    } as never) as (value: unknown) => string;
    return serialize(value);
  };
}
