/**
 * Every error leaves as `application/problem+json` (RFC 9457) in one shape: validation failures with the
 * offending fields, fastify's own 4xx (bad JSON, wrong content type, body too large), our HttpProblem,
 * unknown routes. Anything unexpected is logged and answered 500 with no internals.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { changesWritten } from '../db/client.js';
import { API_HEADERS } from './security.js';
import {
  HttpProblem,
  IF_MATCH_REQUIRED,
  problem,
  storageProblem,
  type ProblemFieldError,
} from '../lib/problems.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

function jsonPointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .filter(Boolean)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

/** Turns Ajv's errors into sentences a person can act on. */
export function describeValidation(errors: AjvError[], part: string): ProblemFieldError[] {
  const out: ProblemFieldError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    let field = jsonPointerToPath(e.instancePath);
    let message: string;
    switch (e.keyword) {
      case 'required': {
        const missing = String(e.params.missingProperty ?? '');
        field = field ? `${field}.${missing}` : missing;
        message = `${field} is required`;
        break;
      }
      case 'additionalProperties': {
        const extra = String(e.params.additionalProperty ?? '');
        field = field ? `${field}.${extra}` : extra;
        message = `${field} is not a field we accept here; remove it`;
        break;
      }
      case 'type':
        message = `${field || part} must be ${String(e.params.type)}`;
        break;
      case 'enum':
        message = `${field || part} must be one of: ${((e.params.allowedValues as unknown[]) ?? []).join(', ')}`;
        break;
      case 'minLength':
        message =
          Number(e.params.limit) === 1
            ? `${field} must not be empty`
            : `${field} must be at least ${String(e.params.limit)} characters`;
        break;
      case 'maxLength':
        message = `${field} must be at most ${String(e.params.limit)} characters`;
        break;
      case 'format':
        message =
          e.params.format === 'date'
            ? `${field} must be a date written YYYY-MM-DD`
            : `${field} must be a valid ${String(e.params.format)}`;
        break;
      case 'minProperties':
        message = `send at least one field to change`;
        break;
      case 'minItems':
        message = `${field} needs at least ${String(e.params.limit)} item${Number(e.params.limit) === 1 ? '' : 's'}`;
        break;
      case 'uniqueItems':
        message = `${field} must not repeat an item`;
        break;
      case 'anyOf':
        // The branches' own errors say more; skip the summary line.
        continue;
      default:
        message = `${field || part} ${e.message ?? 'is not valid'}`;
    }
    const key = `${field}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path: field ? `${part}.${field}` : part, message });
  }
  return out;
}

export function sendProblem(reply: FastifyReply, p: HttpProblem, instance?: string): FastifyReply {
  if (p.headers) for (const [k, v] of Object.entries(p.headers)) reply.header(k, v);
  const body: Record<string, unknown> = { type: p.type, title: p.title, status: p.status };
  if (p.detail) body.detail = p.detail;
  if (instance) body.instance = instance;
  if (p.errors && p.errors.length > 0) body.errors = p.errors;
  return reply.code(p.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
}

const FASTIFY_4XX: Record<string, { title: string; detail?: string; slug: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    title: 'The body is not valid JSON',
    detail: 'The body is not valid JSON. Send a JSON object; check for a missing quote, comma or brace.',
    slug: 'malformed-json',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    title: 'The body is empty',
    detail: 'The content type says JSON but no body was sent.',
    slug: 'malformed-json',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { title: 'Too large', slug: 'too-large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    title: 'Unsupported content type',
    detail: 'Send the body as application/json.',
    slug: 'unsupported-media-type',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { title: 'Content length is wrong', slug: 'bad-request' },
};

function toProblem(
  error: FastifyError & { validation?: AjvError[]; validationContext?: string },
): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (error.validation) {
    const part = error.validationContext ?? 'body';
    // A change to a versioned record without If-Match: 428, as the route's own check would answer.
    if (
      part === 'headers' &&
      error.validation.some((e) => e.keyword === 'required' && e.params.missingProperty === 'if-match')
    )
      return problem.preconditionRequired(IF_MATCH_REQUIRED);
    const errors = describeValidation(error.validation, part);
    const detail =
      errors.map((e) => e.message).join('; ') || 'The request does not match what this address accepts.';
    return new HttpProblem(400, 'Your request has invalid data', detail, 'validation', errors);
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const known = error.code ? FASTIFY_4XX[error.code] : undefined;
    if (status === 429) return new HttpProblem(429, 'Too many attempts', error.message, 'too-many-requests');
    return new HttpProblem(
      status,
      known?.title ?? 'Your request has a problem',
      known?.detail ?? error.message,
      known?.slug ?? 'bad-request',
    );
  }
  const sqliteCode = (error as { code?: string }).code;
  if (sqliteCode === 'SQLITE_CONSTRAINT_UNIQUE' || sqliteCode === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new HttpProblem(
      409,
      'This conflicts with the record',
      'Something with the same name or number exists already.',
      'conflict',
    );
  }
  if (sqliteCode === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new HttpProblem(
      409,
      'This conflicts with the record',
      'It refers to something that does not exist.',
      'conflict',
    );
  }
  const storage = storageProblem(error);
  if (storage) return storage;
  if (sqliteCode === 'SQLITE_BUSY') {
    return new HttpProblem(503, 'Busy', 'The service is busy; try again in a moment.', 'busy', undefined, {
      'retry-after': '1',
    });
  }
  return new HttpProblem(
    500,
    'Something went wrong on our side',
    'The error has been logged. Try again, and tell your administrator if it keeps happening.',
    'internal',
  );
}

/**
 * Errors Node's HTTP parser meets before fastify has a request (headers too large, a malformed request line,
 * a slow client), answered as problem details too, then the connection is closed.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, title, detail] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [
          431,
          'Request headers too large',
          'The request headers are too large; send fewer or smaller cookies or headers.',
        ]
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request took too long', 'The request did not arrive in time. Try again.']
        : [
            400,
            'The request is malformed',
            'The request could not be read as HTTP. Check the client sending it.',
          ];
  const slug = status === 431 ? 'headers-too-large' : status === 408 ? 'timeout' : 'bad-request';
  const body = JSON.stringify({ type: `urn:ipt:problem:${slug}`, title, status, detail });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

/** fastify's `frameworkErrors`: a malformed URL (bad percent-encoding) and the like, before routing. */
export function frameworkErrorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  // Answered before the onRequest hooks run, so the security headers (and no-store) are set here.
  reply.headers(API_HEADERS);
  void sendProblem(reply, toProblem(error), request.url.split('?')[0]);
}

export type NotFoundFallback = (request: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined;

declare module 'fastify' {
  interface FastifyInstance {
    /** Set by the static plugin: serves the client for page routes the API does not know. */
    notFoundFallback?: NotFoundFallback;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The last storage fault a request met, until a later write commits or `withinMs` passes (/healthz). */
    storageFaults: {
      record(code: string): void;
      recent(withinMs: number): { code: string; at: Date } | null;
    };
  }
}

export default fp(
  async function errorsPlugin(app: FastifyInstance) {
    let last: { code: string; at: Date; generation: number } | null = null;
    const generation = () => (app.hasDecorator('sqlite') ? changesWritten(app.sqlite) : 0);
    app.decorate('storageFaults', {
      record(code: string) {
        last = { code, at: new Date(), generation: generation() };
      },
      recent(withinMs: number) {
        if (!last || Date.now() - last.at.getTime() > withinMs || generation() > last.generation) return null;
        return { code: last.code, at: last.at };
      },
    });
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const p = toProblem(error);
      // Refused before the body was read whole (an upload cut off by a full disk or a limit): close the
      // connection after answering, so the client does not queue its next request behind the unread body.
      if (!request.raw.complete) reply.header('connection', 'close');
      if (p.slug === 'insufficient-storage' || p.slug === 'storage-unavailable') {
        const errno = (error as { code?: string; errno?: number }).errno;
        request.log.error({ err: error, code: error.code, errno }, `storage fault: ${error.code}`);
        app.storageFaults.record(error.code ?? 'unknown');
      } else if (p.status >= 500) request.log.error({ err: error }, 'request failed');
      else request.log.info({ status: p.status, code: error.code, detail: p.detail }, 'request refused');
      return sendProblem(reply, p, request.url.split('?')[0]);
    });

    app.setNotFoundHandler((request, reply) => {
      const served = app.notFoundFallback?.(request, reply);
      if (served) return served;
      const path = request.url.split('?')[0] ?? '/';
      return sendProblem(
        reply,
        new HttpProblem(
          404,
          'Not found',
          `Nothing answers ${request.method} ${path}. See /docs for the API.`,
          'not-found',
        ),
        path,
      );
    });
  },
  { name: 'errors' },
);
