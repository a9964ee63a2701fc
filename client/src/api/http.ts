/**
 * The one place the client talks HTTP. JSON in and out, the session cookie sent (same origin), the CSRF
 * token on every request that changes something, `If-Match` when the caller passes a version, and every
 * failure turned into one typed error: ApiError, built from the API's `application/problem+json` body.
 *
 * The session store and the router are plugged in by main.ts through `configureHttp`, so this module
 * depends on neither and tests can drive it with a mocked `fetch`.
 */
import type { ListOf, Problem } from '@ipt/shared/schemas';

export interface FieldError {
  /** Where in the request, as the API names it: `body.email`, `query.q`. */
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly type: string;
  readonly errors: FieldError[];

  constructor(init: {
    status: number;
    title: string;
    detail?: string;
    type?: string;
    errors?: FieldError[];
  }) {
    super(init.detail || init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail || init.title;
    this.type = init.type ?? 'about:blank';
    this.errors = init.errors ?? [];
  }

  /** The message for one field of the body, matched on the last part of its path (`body.email` → email). */
  fieldError(field: string): string | undefined {
    return this.errors.find((e) => lastSegment(e.path) === field)?.message;
  }

  get isNetworkError(): boolean {
    return this.status === 0;
  }
}

function lastSegment(path: string): string {
  const parts = path.split(/[./]/).filter(Boolean);
  return parts[parts.length - 1] ?? path;
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/** Turns anything thrown by a request into an ApiError, so screens have one error path. */
export function toApiError(value: unknown): ApiError {
  if (value instanceof ApiError) return value;
  return new ApiError({
    status: 0,
    title: 'Something went wrong',
    detail: value instanceof Error ? value.message : String(value),
  });
}

export interface HttpHooks {
  /** The CSRF token of the current session, sent as X-CSRF-Token on POST, PUT, PATCH and DELETE. */
  csrfToken: () => string | null;
  /** Called when the API answers 401 to a request that expected a session. */
  onUnauthorised: () => void;
  /** Called with the session's new end (the API's `X-Session-Expires` header) after each answer. */
  onSessionExpiry: (expiresAt: string) => void;
}

let hooks: HttpHooks = {
  csrfToken: () => null,
  onUnauthorised: () => undefined,
  onSessionExpiry: () => undefined,
};

export function configureHttp(next: Partial<HttpHooks>): void {
  hooks = { ...hooks, ...next };
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** The ETag last read for the record being changed, sent as If-Match (the API answers 412 if stale). */
  ifMatch?: string;
  signal?: AbortSignal;
  /**
   * When false, a 401 is only thrown, not treated as "the session has ended" (signing in, asking who is
   * signed in).
   */
  unauthorisedEndsSession?: boolean;
}

export interface HttpResponse<T> {
  data: T;
  status: number;
  etag: string | null;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const url =
    path.startsWith('/api/') || path === '/api' ? path : `/api${path.startsWith('/') ? '' : '/'}${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.append(key, String(value));
  }
  const search = params.toString();
  return search ? `${url}?${search}` : url;
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Problem).title === 'string' &&
    typeof (value as Problem).status === 'number'
  );
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 205) return null;
  const text = await response.text();
  if (text === '') return null;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

function problemFrom(response: Pick<Response, 'status' | 'statusText'>, body: unknown): ApiError {
  if (isProblem(body)) {
    return new ApiError({
      status: response.status,
      title: body.title,
      detail: body.detail,
      type: body.type,
      errors: Array.isArray(body.errors) ? body.errors : [],
    });
  }
  return new ApiError({
    status: response.status,
    title: response.status >= 500 ? 'Sorry, there is a problem with the service' : 'The request failed',
    detail:
      response.status >= 500
        ? 'Try again later.'
        : `The service answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`,
  });
}

export async function request<T>(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<HttpResponse<T>> {
  const upper = method.toUpperCase();
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (UNSAFE.has(upper)) {
    const token = hooks.csrfToken();
    if (token) headers['x-csrf-token'] = token;
  }
  if (options.ifMatch) headers['if-match'] = options.ifMatch;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method: upper,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({
      status: 0,
      title: 'The service could not be reached',
      detail: 'Check your connection and try again.',
    });
  }

  const body = await readBody(response);
  const expiry = response.headers.get('x-session-expires');
  if (expiry) hooks.onSessionExpiry(expiry);
  if (!response.ok) {
    const error = problemFrom(response, body);
    if (response.status === 401 && options.unauthorisedEndsSession !== false) hooks.onUnauthorised();
    throw error;
  }
  return { data: body as T, status: response.status, etag: response.headers.get('etag') };
}

export const http = {
  get: async <T>(path: string, options?: Omit<RequestOptions, 'body'>) =>
    (await request<T>('GET', path, options)).data,
  /** The items of a list the API answers in its one list envelope, `{ items, total }`. */
  list: async <T>(path: string, options?: Omit<RequestOptions, 'body'>) =>
    (await request<ListOf<T>>('GET', path, options)).data.items,
  post: async <T>(path: string, body?: unknown, options?: RequestOptions) =>
    (await request<T>('POST', path, { ...options, body })).data,
  put: async <T>(path: string, body?: unknown, options?: RequestOptions) =>
    (await request<T>('PUT', path, { ...options, body })).data,
  patch: async <T>(path: string, body?: unknown, options?: RequestOptions) =>
    (await request<T>('PATCH', path, { ...options, body })).data,
  delete: async <T>(path: string, options?: RequestOptions) =>
    (await request<T>('DELETE', path, options)).data,
};

export interface UploadOptions {
  /** Bytes sent so far and in all, as the browser reports them (fetch cannot; XMLHttpRequest can). */
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
  ifMatch?: string;
}

function readXhrBody(xhr: XMLHttpRequest): unknown {
  const text = xhr.responseText;
  if (xhr.status === 204 || xhr.status === 205 || text === '') return null;
  if ((xhr.getResponseHeader('content-type') ?? '').includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/**
 * Sends a multipart form (a file and its fields) with progress, through XMLHttpRequest: fetch reports no
 * upload progress, and a 25 MB file on a council network takes long enough that people need to see it
 * moving. Same headers, same errors as `request`: the CSRF token, If-Match when given, and an ApiError from
 * the API's problem+json (413 too large, 415 type not allowed, field errors).
 */
export function upload<T>(
  path: string,
  form: FormData,
  options: UploadOptions = {},
): Promise<HttpResponse<T>> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new DOMException('The upload was cancelled', 'AbortError'));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(path));
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    const token = hooks.csrfToken();
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    if (options.ifMatch) xhr.setRequestHeader('if-match', options.ifMatch);

    const onAbort = () => xhr.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => options.signal?.removeEventListener('abort', onAbort);

    xhr.upload.onprogress = (event: ProgressEvent) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded, event.total);
    };
    xhr.onload = () => {
      done();
      const body = readXhrBody(xhr);
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve({ data: body as T, status: xhr.status, etag: xhr.getResponseHeader('etag') });
        return;
      }
      const error = problemFrom(xhr, body);
      if (xhr.status === 401) hooks.onUnauthorised();
      reject(error);
    };
    xhr.onerror = () => {
      done();
      reject(
        new ApiError({
          status: 0,
          title: 'The upload did not reach the service',
          detail: 'The connection failed while the file was being sent. Check your connection and try again.',
        }),
      );
    };
    xhr.onabort = () => {
      done();
      reject(new DOMException('The upload was cancelled', 'AbortError'));
    };
    xhr.send(form);
  });
}

/** True for the error fetch raises when a request is cancelled through its AbortSignal. */
export function isAbortError(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}
