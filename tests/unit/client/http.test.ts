/** The one fetch wrapper: what it sends, and how every failure becomes an ApiError. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, configureHttp, http, request } from '../../../client/src/api/http';

interface Call {
  url: string;
  init: RequestInit;
}

const calls: Call[] = [];

function respond(status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = body === null ? '' : JSON.stringify(body);
  const type = status >= 400 ? 'application/problem+json; charset=utf-8' : 'application/json; charset=utf-8';
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(text === '' ? null : text, {
        status,
        headers: { ...(text === '' ? {} : { 'content-type': type }), ...headers },
      });
    }),
  );
}

function headersOf(call: Call | undefined): Record<string, string> {
  return (call?.init.headers ?? {}) as Record<string, string>;
}

const onUnauthorised = vi.fn();

beforeEach(() => {
  calls.length = 0;
  onUnauthorised.mockReset();
  configureHttp({ csrfToken: () => 'token-123', onUnauthorised });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('requests', () => {
  it('reads JSON with the session cookie and no CSRF token on a GET', async () => {
    respond(200, { id: 1 });
    const data = await http.get<{ id: number }>('/plans/1', { query: { page: 2, q: '', theme: undefined } });
    expect(data).toEqual({ id: 1 });
    expect(calls[0]?.url).toBe('/api/plans/1?page=2');
    expect(calls[0]?.init.method).toBe('GET');
    expect(calls[0]?.init.credentials).toBe('same-origin');
    expect(headersOf(calls[0])['x-csrf-token']).toBeUndefined();
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('sends the CSRF token and JSON body on %s', async (method) => {
    respond(200, { ok: true });
    await request(method, '/actions/5/updates', { body: { status: 'on_track' } });
    const headers = headersOf(calls[0]);
    expect(headers['x-csrf-token']).toBe('token-123');
    expect(headers['content-type']).toBe('application/json');
    expect(calls[0]?.init.body).toBe('{"status":"on_track"}');
  });

  it('sends If-Match when asked, and returns the ETag it reads', async () => {
    respond(200, { id: 5 }, { etag: '"action5-v3"' });
    const response = await request('PATCH', '/actions/5', { body: { ref: '1.1' }, ifMatch: '"action5-v2"' });
    expect(headersOf(calls[0])['if-match']).toBe('"action5-v2"');
    expect(response.etag).toBe('"action5-v3"');
  });

  it('answers null for 204 No Content', async () => {
    respond(204, null);
    expect(await http.post('/auth/sign-out')).toBeNull();
  });
});

describe('errors', () => {
  it('turns a problem+json answer into an ApiError with status, title, detail and field errors', async () => {
    respond(400, {
      type: 'urn:ipt:problem:validation',
      title: 'Your request has invalid data',
      status: 400,
      detail: 'email must be at least 3 characters',
      errors: [{ path: 'body.email', message: 'email must be at least 3 characters' }],
    });
    const error = await http.post('/auth/sign-in', { email: '', password: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const problem = error as ApiError;
    expect(problem.status).toBe(400);
    expect(problem.title).toBe('Your request has invalid data');
    expect(problem.detail).toBe('email must be at least 3 characters');
    expect(problem.type).toBe('urn:ipt:problem:validation');
    expect(problem.errors).toEqual([{ path: 'body.email', message: 'email must be at least 3 characters' }]);
    expect(problem.fieldError('email')).toBe('email must be at least 3 characters');
    expect(problem.fieldError('password')).toBeUndefined();
  });

  it('treats a 401 as the end of the session, unless the caller says otherwise', async () => {
    const unauthorised = {
      type: 'urn:ipt:problem:unauthorised',
      title: 'You are not signed in',
      status: 401,
      detail: 'Sign in to continue.',
    };
    respond(401, unauthorised);
    await expect(http.get('/plans')).rejects.toMatchObject({ status: 401, detail: 'Sign in to continue.' });
    expect(onUnauthorised).toHaveBeenCalledTimes(1);

    respond(401, { ...unauthorised, detail: 'The email address or password is not right.' });
    await expect(
      http.post('/auth/sign-in', { email: 'a@b.c', password: 'x' }, { unauthorisedEndsSession: false }),
    ).rejects.toMatchObject({ status: 401, detail: 'The email address or password is not right.' });
    expect(onUnauthorised).toHaveBeenCalledTimes(1);
  });

  it('gives a readable error when the answer is not a problem', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>Bad gateway</html>', { status: 502 })),
    );
    await expect(http.get('/plans')).rejects.toMatchObject({
      status: 502,
      title: 'Sorry, there is a problem with the service',
    });
  });

  it('gives status 0 when the service cannot be reached', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const error = (await http.get('/plans').catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(0);
    expect(error.isNetworkError).toBe(true);
    expect(error.detail).toMatch(/connection/);
  });
});
