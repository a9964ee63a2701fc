/**
 * The one error type services throw. The errors plugin turns it (and every other error) into an RFC 9457
 * `application/problem+json` response. `detail` is read by people: say what to fix.
 */
export interface ProblemFieldError {
  path: string;
  message: string;
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly slug: string = 'about:blank',
    readonly errors?: ProblemFieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? title);
    this.name = 'HttpProblem';
  }

  get type(): string {
    return this.slug === 'about:blank' ? 'about:blank' : `urn:ipt:problem:${this.slug}`;
  }
}

export const IF_MATCH_REQUIRED =
  'Send the If-Match header with the ETag you last read, so that a change made meanwhile is not overwritten.';

export const problem = {
  badRequest: (detail: string, errors?: ProblemFieldError[]) =>
    new HttpProblem(400, 'Your request has a problem', detail, 'bad-request', errors),
  invalid: (path: string, message: string) =>
    new HttpProblem(400, 'Your request has invalid data', message, 'validation', [{ path, message }]),
  unauthorised: (detail = 'Sign in to continue.') =>
    new HttpProblem(401, 'You are not signed in', detail, 'unauthorised'),
  forbidden: (detail: string) => new HttpProblem(403, 'You cannot do this', detail, 'forbidden'),
  passwordChangeRequired: () =>
    new HttpProblem(
      403,
      'Change your password first',
      'You signed in with a one-time password. Choose your own password (POST /api/auth/password) before doing anything else.',
      'password-change-required',
    ),
  notFound: (what: string) =>
    new HttpProblem(404, 'Not found', `${what} does not exist, or you cannot see it.`, 'not-found'),
  conflict: (detail: string) => new HttpProblem(409, 'This conflicts with the record', detail, 'conflict'),
  stale: (detail: string) => new HttpProblem(412, 'Someone else changed this first', detail, 'stale-version'),
  preconditionRequired: (detail: string) =>
    new HttpProblem(428, 'Say which version you are changing', detail, 'if-match-required'),
  unprocessable: (detail: string, errors?: ProblemFieldError[]) =>
    new HttpProblem(422, 'This cannot be done', detail, 'unprocessable', errors),
  tooLarge: (detail: string) => new HttpProblem(413, 'Too large', detail, 'too-large'),
  quotaExceeded: (detail: string) => new HttpProblem(413, 'Upload quota reached', detail, 'upload-quota'),
  insufficientStorage: (detail: string) =>
    new HttpProblem(507, 'No room for more files', detail, 'storage-quota'),
  unsupportedType: (detail: string) =>
    new HttpProblem(415, 'File type not allowed', detail, 'unsupported-type'),
  tooManyRequests: (detail: string, retryAfterSeconds: number) =>
    new HttpProblem(429, 'Too many attempts', detail, 'too-many-requests', undefined, {
      'retry-after': String(retryAfterSeconds),
    }),
};

/**
 * A fault of the server's storage rather than of the request: a full disk (SQLITE_FULL, ENOSPC, EDQUOT) is
 * 507, a read-only or failing disk (SQLITE_READONLY*, SQLITE_IOERR*, EROFS, EIO) 503. Null for anything else.
 */
export function storageProblem(err: unknown): HttpProblem | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT')
    return new HttpProblem(
      507,
      'The server has run out of storage',
      'Nothing was saved: the server’s disk is full. Keep your text and try again later; the service’s administrator has been told (the log names the fault).',
      'insufficient-storage',
      undefined,
      { 'retry-after': '300' },
    );
  if (
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_IOERR') ||
    code === 'SQLITE_CANTOPEN' ||
    code === 'EROFS' ||
    code === 'EIO'
  )
    return new HttpProblem(
      503,
      'The server cannot write its records',
      'Nothing was saved: the server’s storage is read-only or failing. Keep your text and try again later; the service’s administrator has been told (the log names the fault).',
      'storage-unavailable',
      undefined,
      { 'retry-after': '120' },
    );
  return null;
}
