/** Shared pieces of route declarations: problem responses, the If-Match rule, ETags. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type TSchema } from '@sinclair/typebox';
import { ETAG_DESCRIPTION, etagOf, matchesEtag, parseEtag } from '@ipt/shared';
import { ActionDetail, IdParams, type ListOf, Problem } from '@ipt/shared/schemas';
import { sendJsonText, type JsonText } from '../lib/json-text.js';
import { IF_MATCH_REQUIRED, problem } from '../lib/problems.js';

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed or has invalid data',
  401: 'Not signed in',
  403: 'Signed in, but not allowed to do this (or the CSRF token is missing or wrong)',
  404: 'No such thing, or not visible to you',
  409: 'Conflicts with the record (a duplicate, or a state that does not allow it)',
  412: 'If-Match names an older version: someone changed it first',
  413: 'Too large',
  415: 'The file type or content type is not allowed',
  422: 'Well-formed, but the rules do not allow it',
  428: 'If-Match is required',
  429: 'Too many attempts',
  503: 'Nothing was saved: the server’s storage is read-only or failing (Retry-After says when to try again)',
  507: 'Nothing was saved: the server’s disk is full or at its file quota (Retry-After says when to try again)',
};

/** Response declarations for the given problem statuses, each `application/problem+json`. */
export function problems(...codes: number[]) {
  const out: Record<
    number,
    { description: string; content: { 'application/problem+json': { schema: typeof Problem } } }
  > = {};
  for (const code of codes) {
    out[code] = {
      description: DESCRIPTIONS[code] ?? 'Problem',
      content: { 'application/problem+json': { schema: Problem } },
    };
  }
  return out;
}

export const READ_PROBLEMS = [400, 401, 403, 404] as const;
export const WRITE_PROBLEMS = [400, 401, 403, 404, 409, 413, 415, 422, 503, 507] as const;
export const VERSIONED_WRITE_PROBLEMS = [...WRITE_PROBLEMS, 412, 428] as const;

/**
 * Required on every change to a versioned record. A request without it is answered 428 (the errors plugin
 * turns the missing header into that, not a 400), one naming another version 412.
 */
export const IfMatchHeaders = Type.Object({
  'if-match': Type.String({
    maxLength: 100,
    description: `Required (428 without it, 412 if stale): the ETag of the version you change. ${ETAG_DESCRIPTION}`,
  }),
});

/** The header of a file answer: always an attachment, with its file name. */
export const ATTACHMENT_HEADER = {
  type: 'string',
  description: 'attachment; filename="…"; filename*=UTF-8\'\'… — save it, never show it inline',
} as const;

/**
 * The 201 answer of a request that creates a record with an address of its own: the record, and its
 * address in `Location` (send it with `sendCreated`).
 */
export function created<S extends TSchema>(schema: S) {
  return {
    description: 'Created: the new record; Location is its address',
    headers: {
      Location: { type: 'string', description: 'The new record’s address, e.g. /api/plans/12' },
    },
    content: { 'application/json': { schema } },
  } as const;
}

/** Answers 201 with the new record and its address, e.g. `sendCreated(reply, plan, '/api/plans/12')`. */
export function sendCreated<T>(reply: FastifyReply, record: T, location: string): FastifyReply {
  return reply.code(201).header('location', location).send(record);
}

/** The one list envelope (`List` in shared/): the items and how many. */
export function listOf<T>(items: T[]): ListOf<T> {
  return { items, total: items.length };
}

export const NoContent = Type.Null({ description: 'Done; nothing to return' });

/**
 * The version a request's If-Match names, for a record of `kind` and `id`. Missing → 428, unreadable or for
 * another record → 412 (it cannot be the current version).
 */
export function requireIfMatch(request: FastifyRequest, kind: string, id: number): number {
  const header = request.headers['if-match'];
  if (!header) {
    throw problem.preconditionRequired(IF_MATCH_REQUIRED);
  }
  const named = parseEtag(String(header));
  if (!named || named.kind !== kind || named.id !== id) {
    throw problem.stale('If-Match does not name a version of this record. Read it again and retry.');
  }
  return named.version;
}

export function setEtag(reply: FastifyReply, kind: string, id: number, version: number): void {
  reply.header('etag', etagOf(kind, id, version));
}

/** The ETag header of an answer that carries a versioned record (/openapi.json lists it once, by reference). */
const ETAG_HEADER = {
  ETag: { type: 'string', description: `${ETAG_DESCRIPTION} Send it as If-Match to change the record.` },
} as const;

/** An answer that carries a versioned record: the record, and its version in the ETag header. */
export function withEtag<S extends TSchema>(schema: S, description = 'The record; ETag names this version') {
  return { description, headers: ETAG_HEADER, content: { 'application/json': { schema } } } as const;
}

/**
 * The one declaration of reading a versioned record (spread it into a route's schema): the record with its
 * ETag, or a problem. Answer it with `sendVersioned`.
 */
export function versionedRead<S extends TSchema>(schema: S) {
  return { response: { 200: withEtag(schema), ...problems(...READ_PROBLEMS) } };
}

/**
 * The one declaration of a change that needs If-Match (spread it into a route's schema): the header
 * (required: 428 without it, 412 if it names an older version), the answer, or a problem. Read the version
 * with `requireIfMatch`. For an answer that is the record itself, with its new ETag: `versionedChange`.
 */
export function ifMatchRequired<S extends TSchema>(schema: S) {
  return { headers: IfMatchHeaders, response: { 200: schema, ...problems(...VERSIONED_WRITE_PROBLEMS) } };
}

/**
 * The one declaration of changing a versioned record (spread it into a route's schema): If-Match required
 * (428 without it, 412 if it names an older version), and the record as it now stands with its new ETag, or
 * a problem. Read the version with `requireIfMatch`; answer with `sendVersioned`.
 */
export function versionedChange<S extends TSchema>(schema: S, status: 200 | 201 = 200) {
  const answer =
    status === 201
      ? withEtag(schema, 'Created: the new record; ETag names its version')
      : withEtag(schema, 'The record as it now stands; ETag names its new version');
  return {
    headers: IfMatchHeaders,
    response: { [status]: answer, ...problems(...VERSIONED_WRITE_PROBLEMS) },
  };
}

/** Answers a versioned record of `kind` with its ETag. */
export function sendVersioned<T extends { id: number; version: number }>(
  reply: FastifyReply,
  kind: string,
  record: T,
  status: 200 | 201 = 200,
): FastifyReply {
  setEtag(reply, kind, record.id, record.version);
  return reply.code(status).send(record);
}

/**
 * The schema of a request that changes an action: its ETag as If-Match, and the action as it now stands in
 * the answer (with its new ETag), or a problem.
 */
export function actionChange<B extends TSchema, P extends TSchema = typeof IdParams>(options: {
  operationId?: string;
  tags: string[];
  summary: string;
  description?: string;
  body: B;
  params?: P;
  created?: boolean;
}) {
  return {
    ...(options.operationId ? { operationId: options.operationId } : {}),
    tags: options.tags,
    summary: options.summary,
    ...(options.description ? { description: options.description } : {}),
    params: (options.params ?? IdParams) as P,
    body: options.body,
    ...versionedChange(ActionDetail, options.created ? 201 : 200),
  };
}

/** Answers a changed action with its new ETag. */
export function sendAction(reply: FastifyReply, action: ActionDetail, status: 200 | 201 = 200): FastifyReply {
  return sendVersioned(reply, 'action', action, status);
}

/**
 * Answers the action page with its ETag: the JSON text SQLite wrote (ActionDetail, in its keys' order), sent as
 * it is — not parsed and serialised again. tests/api/action-page.test.ts holds it to the route's own serializer
 * over every demo action and reader, and to the response schema.
 */
export function sendActionPage(
  reply: FastifyReply,
  page: { id: number; text: JsonText<ActionDetail>; version: number },
): FastifyReply {
  setEtag(reply, 'action', page.id, page.version);
  return sendJsonText(reply, page.text);
}

/** Whether the request's If-None-Match names `etag`: the reader has this answer already (304). */
export function ifNoneMatch(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  return matchesEtag(Array.isArray(header) ? header.join(',') : header, etag);
}
