/** File uploads through XMLHttpRequest (for progress): the same headers and the same errors as fetch. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, configureHttp, upload } from '../../../client/src/api/http';

/** A stand-in for XMLHttpRequest: records what is sent, and answers when the test says. */
class FakeXhr {
  static last: FakeXhr | null = null;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown = null;
  status = 0;
  statusText = '';
  responseText = '';
  responseHeaders: Record<string, string> = {};
  upload: { onprogress: ((e: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;

  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
  }
  getResponseHeader(name: string) {
    return this.responseHeaders[name.toLowerCase()] ?? null;
  }
  send(body: unknown) {
    this.body = body;
  }
  abort() {
    this.onabort?.();
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total } as ProgressEvent);
  }
  answer(status: number, body: unknown, headers: Record<string, string> = {}) {
    this.status = status;
    this.responseText = body === null ? '' : JSON.stringify(body);
    this.responseHeaders = {
      'content-type': status >= 400 ? 'application/problem+json' : 'application/json',
      ...headers,
    };
    this.onload?.();
  }
}

const onUnauthorised = vi.fn();

beforeEach(() => {
  FakeXhr.last = null;
  onUnauthorised.mockReset();
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  configureHttp({ csrfToken: () => 'token-123', onUnauthorised });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

function form(): FormData {
  const f = new FormData();
  f.append('title', 'Audit');
  return f;
}

describe('upload', () => {
  it('posts the form with the CSRF token and reports progress as it goes', async () => {
    const seen: [number, number][] = [];
    const sent = upload<{ id: number }>('/actions/3/evidence/files', form(), {
      onProgress: (loaded, total) => seen.push([loaded, total]),
    });
    const xhr = FakeXhr.last!;
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('/api/actions/3/evidence/files');
    expect(xhr.headers['x-csrf-token']).toBe('token-123');
    // The browser sets the multipart boundary itself: no content-type of ours.
    expect(xhr.headers['content-type']).toBeUndefined();
    expect(xhr.body).toBeInstanceOf(FormData);
    xhr.progress(450, 1000);
    xhr.progress(1000, 1000);
    xhr.answer(201, { id: 9 }, { etag: '"evidence9-v1"' });
    await expect(sent).resolves.toEqual({ data: { id: 9 }, status: 201, etag: '"evidence9-v1"' });
    expect(seen).toEqual([
      [450, 1000],
      [1000, 1000],
    ]);
  });

  it('turns a 413 or a 415 into an ApiError with the server’s words', async () => {
    const sent = upload('/actions/3/evidence/files', form());
    FakeXhr.last!.answer(413, {
      type: 'urn:ipt:problem:too-large',
      title: 'Too large',
      status: 413,
      detail: 'The file is larger than 25 MB. Make it smaller (for example, save it as PDF) or split it.',
    });
    const error = (await sent.catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(413);
    expect(error.detail).toMatch(/larger than 25 MB/);

    const again = upload('/actions/3/evidence/files', form());
    FakeXhr.last!.answer(415, {
      type: 'urn:ipt:problem:unsupported-type',
      title: 'File type not allowed',
      status: 415,
      detail: 'This file is a EXE file, which is not a type we accept.',
    });
    await expect(again).rejects.toMatchObject({ status: 415, title: 'File type not allowed' });
  });

  it('ends the session on 401, says so when the connection fails, and can be cancelled', async () => {
    const unauthorised = upload('/actions/3/evidence/files', form());
    FakeXhr.last!.answer(401, { type: 'x', title: 'You are not signed in', status: 401 });
    await expect(unauthorised).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorised).toHaveBeenCalledTimes(1);

    const failed = upload('/actions/3/evidence/files', form());
    FakeXhr.last!.onerror?.();
    await expect(failed).rejects.toMatchObject({ status: 0, isNetworkError: true });

    const controller = new AbortController();
    const cancelled = upload('/actions/3/evidence/files', form(), { signal: controller.signal });
    controller.abort();
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
  });
});
