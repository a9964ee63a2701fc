/**
 * An answer already written as JSON text (by SQLite, for the lists), sent as it is: not parsed and
 * serialised again. The route's response schema then no longer checks what leaves, so each such answer has
 * a test that validates it against that schema (tests/api/list-answers.test.ts).
 */
import type { FastifyReply } from 'fastify';

/** JSON text of a value of type T. */
export type JsonText<T> = string & { readonly __jsonOf?: T };

/** JSON text from parts that are JSON text already (each field's value written as JSON). */
export function jsonObjectText<T>(fields: Record<string, string | number>): JsonText<T> {
  let out = '';
  for (const [key, value] of Object.entries(fields)) out += `${out ? ',' : '{'}"${key}":${value}`;
  return `${out || '{'}}` as JsonText<T>;
}

/** Sends JSON text as the answer (a string with a JSON content type skips fastify's serialiser). */
export function sendJsonText<T>(reply: FastifyReply, text: JsonText<T>): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(text);
}
