/**
 * What /openapi.json says about each operation beyond its schemas: an `operationId` (the route's own, or
 * one derived from its method and path), the response headers the API sends (ETag, Retry-After), and
 * `If-Match` described by the one ETag format of shared/.
 */
import { ETAG_DESCRIPTION } from '@ipt/shared';
import { EXAMPLES } from './openapi-examples.js';

type Node = Record<string, unknown>;

const VERBS: Record<string, string> = {
  archive: 'archive',
  lock: 'lock',
  unlock: 'unlock',
  withdraw: 'withdraw',
  review: 'review',
  decision: 'decide',
  'sign-off': 'signOff',
  'sign-out': 'signOut',
  'sign-in': 'signIn',
  'reset-password': 'resetPassword',
  'roll-over': 'rollOver',
  preview: 'preview',
  import: 'import',
  commit: 'commit',
  check: 'check',
  compare: 'compare',
  export: 'export',
};

const camel = (words: string[]) =>
  words
    .flatMap((w) => w.split('-'))
    .filter(Boolean)
    .map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1)))
    .join('');

const singular = (word: string) =>
  word.endsWith('ies')
    ? `${word.slice(0, -3)}y`
    : word.endsWith('s') && !word.endsWith('ss')
      ? word.slice(0, -1)
      : word;

/**
 * An operationId from the method and path, e.g. `GET /api/plans/{id}/actions` → `listPlanActions`,
 * `PATCH /api/actions/{id}` → `updateAction`, `POST /api/actions/{id}/archive` → `archiveAction`.
 */
export function deriveOperationId(method: string, path: string): string {
  const parts = path
    .replace(/^\/api\//, '/')
    .split('/')
    .filter(Boolean);
  const nouns: string[] = [];
  let verb: string | undefined;
  let endsWithParam = false;
  parts.forEach((part, i) => {
    const isParam = part.startsWith('{');
    endsWithParam = isParam;
    if (isParam) return;
    const last = i === parts.length - 1;
    if (last && VERBS[part] && method !== 'get') verb = VERBS[part];
    else if (last && VERBS[part] && ['check', 'compare', 'export'].includes(part)) verb = VERBS[part];
    else nouns.push(part);
  });
  // The things named before the last are owners: singular (plans/{id}/actions → planActions).
  const owners = nouns.slice(0, -1).map(singular);
  const lastNoun = nouns.at(-1) ?? '';
  const one = endsWithParam || verb !== undefined || lastNoun === 'me';
  const subject = camel([...owners, one || method !== 'get' ? singular(lastNoun) : lastNoun]);
  const defaultVerb: Record<string, string> = {
    get: endsWithParam || !lastNoun.endsWith('s') ? 'get' : 'list',
    post: 'create',
    patch: 'update',
    put: 'set',
    delete: 'clear',
  };
  const v = verb ?? defaultVerb[method] ?? method;
  return camel([v, subject]);
}

const header = (description: string, schema: Node = { type: 'string' }) => ({ description, schema });

export const RESPONSE_HEADERS = {
  ETag: header(`${ETAG_DESCRIPTION} Send it as If-Match to change the record.`),
  'Retry-After': header('Seconds to wait before trying again', { type: 'integer', minimum: 0 }),
} as const;

/** Adds operationIds, the ETag and Retry-After headers and the If-Match description to the document. */
export function describeOperations<T extends object>(doc: T): T {
  const d = doc as { paths?: Record<string, Record<string, Node>>; components?: Record<string, unknown> };
  const paths = d.paths ?? {};
  const sharedResponses: Record<string, Node> = {};
  const usual = usualProblems(paths);
  for (const [path, item] of Object.entries(paths)) {
    // A path whose record is changed with If-Match is a versioned record: its reading carries the ETag.
    const versioned = Object.values(item).some((op) => ifMatchOf(op) !== undefined);
    for (const [method, op] of Object.entries(item)) {
      if (typeof op !== 'object' || op === null) continue;
      op.operationId ??= deriveOperationId(method, path);
      addExample(op);
      const ifMatch = ifMatchOf(op);
      if (ifMatch) {
        ifMatch.required = true;
        ifMatch.description ??= `Required (428 without it, 412 if stale). ${ETAG_DESCRIPTION}`;
      }
      const responses = (op.responses ?? {}) as Record<string, Node>;
      for (const [code, response] of Object.entries(responses)) {
        const shared = problemResponse(code, response);
        if (shared && usual.get(code) === response.description) {
          sharedResponses[shared] = { ...response, ...retryAfter(code) };
          responses[code] = { $ref: `#/components/responses/${shared}` };
          continue;
        }
        const headers = { ...((response.headers as Node | undefined) ?? {}), ...retryAfter(code).headers };
        // A change answered with a list (theme order, recommendation order) names no one record's version.
        const schema = (response.content as Node | undefined)?.['application/json'] as Node | undefined;
        const answersList = (schema?.schema as Node | undefined)?.type === 'array';
        const sendsEtag =
          (code === '200' || code === '201') &&
          !answersList &&
          (ifMatch !== undefined || (versioned && method === 'get'));
        // A route's own ETag declaration (routes/http.ts) is the shared one: referenced, not repeated.
        if (sendsEtag || code === '304' || headers.ETag) headers.ETag = { $ref: '#/components/headers/ETag' };
        if (Object.keys(headers).length > 0) response.headers = headers;
      }
    }
  }
  d.components = {
    ...d.components,
    headers: RESPONSE_HEADERS,
    responses: Object.fromEntries(Object.entries(sharedResponses).sort(([a], [b]) => a.localeCompare(b))),
  };
  return doc;
}

/**
 * The name under `components.responses` of a plain problem answer (a description and a Problem, nothing
 * else), e.g. `Problem404`; undefined for an answer of its own.
 */
function problemResponse(code: string, response: Node): string | undefined {
  const content = response.content as Record<string, { schema?: Node }> | undefined;
  if (!content || response.headers) return undefined;
  const media = Object.keys(content);
  if (media.length !== 1 || media[0] !== 'application/problem+json') return undefined;
  if (Object.keys(content['application/problem+json'] ?? {}).join() !== 'schema') return undefined;
  if (content['application/problem+json']?.schema?.$ref !== '#/components/schemas/Problem') return undefined;
  return `Problem${code}`;
}

/** For each status, the description most problem answers give it (the one shared under components). */
function usualProblems(paths: Record<string, Record<string, Node>>): Map<string, unknown> {
  const counts = new Map<string, Map<unknown, number>>();
  for (const item of Object.values(paths))
    for (const op of Object.values(item))
      for (const [code, response] of Object.entries((op.responses ?? {}) as Record<string, Node>)) {
        if (!problemResponse(code, response)) continue;
        const byText = counts.get(code) ?? new Map<unknown, number>();
        byText.set(response.description, (byText.get(response.description) ?? 0) + 1);
        counts.set(code, byText);
      }
  return new Map(
    [...counts].map(([code, byText]) => [code, [...byText].sort((a, b) => b[1] - a[1])[0]?.[0]]),
  );
}

function retryAfter(code: string): { headers?: Node } {
  return ['429', '503', '507'].includes(code)
    ? { headers: { 'Retry-After': { $ref: '#/components/headers/Retry-After' } } }
    : {};
}

/** The operation's request and answer examples (openapi-examples.ts), on their JSON media types. */
function addExample(op: Node): void {
  const example = EXAMPLES[String(op.operationId)];
  if (!example) return;
  const json = (holder: unknown) =>
    (holder as { content?: Record<string, Node> } | undefined)?.content?.['application/json'];
  const request = json(op.requestBody);
  if (request && example.request !== undefined) request.example = example.request;
  const responses = (op.responses ?? {}) as Record<string, unknown>;
  const ok = json(responses['200'] ?? responses['201']);
  if (ok && example.response !== undefined) ok.example = example.response;
}

function ifMatchOf(op: Node): Node | undefined {
  const parameters = (op.parameters ?? []) as Node[];
  return parameters.find((p) => p.in === 'header' && String(p.name).toLowerCase() === 'if-match');
}
