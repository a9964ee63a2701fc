/**
 * Drives the API through a client generated from /openapi.json (openapi-typescript + openapi-fetch), the
 * way an integrator would: the lead records an update, the chair agrees the RAG at the meeting and locks it, the
 * adviser downloads the progress summary. It is type-checked against the generated `paths` (tsc) before it
 * runs, so every path, parameter, body and answer below must be what the document says.
 */
import createClient from 'openapi-fetch';
import type { paths } from './schema';

type Client = ReturnType<typeof createClient<paths>>;

/** A signed-in client: keeps the session cookie, sends the CSRF token on changes. */
async function signIn(baseUrl: string, email: string, password: string): Promise<Client> {
  let cookie = '';
  let csrf = '';
  const client = createClient<paths>({
    baseUrl,
    fetch: async (request: Request) => {
      if (cookie) request.headers.set('cookie', cookie);
      if (csrf && request.method !== 'GET') request.headers.set('x-csrf-token', csrf);
      const response = await fetch(request);
      const set = response.headers.get('set-cookie');
      if (set) cookie = set.split(';')[0] ?? '';
      return response;
    },
  });
  const signedIn = await client.POST('/api/auth/sign-in', { body: { email, password } });
  if (!signedIn.data) throw new Error(`sign-in ${email}: ${JSON.stringify(signedIn.error)}`);
  const me = await client.GET('/api/auth/me');
  if (!me.data) throw new Error('no session');
  csrf = me.data.csrfToken;
  return client;
}

export interface Drive {
  actionId: number;
  updateId: number;
  agreedRag: string;
  frozen: boolean;
  exportType: string | null;
  exportDisposition: string | null;
  exportText: string;
}

export async function drive(baseUrl: string, password: string): Promise<Drive> {
  // The lead: their actions, one of them read with its ETag, an update recorded with If-Match.
  const lead = await signIn(baseUrl, 'head.of.quality.assurance@example.org', password);
  const mine = await lead.GET('/api/me/actions');
  const first = mine.data?.items[0];
  if (!first) throw new Error('the lead has no actions');
  const read = await lead.GET('/api/actions/{id}', { params: { path: { id: first.id } } });
  const etag = read.response.headers.get('etag');
  if (!read.data || !etag) throw new Error('no action or no ETag');
  // A list names each action's plan once: the action's own page has its plan.
  const planId = read.data.planId;
  const updated = await lead.POST('/api/actions/{id}/updates', {
    params: { path: { id: first.id }, header: { 'if-match': etag } },
    body: {
      status: 'on_track',
      reportedRag: 'green',
      commentary: 'Audit of 20 cases done; findings to the board.',
    },
  });
  if (!updated.data) throw new Error(`update: ${JSON.stringify(updated.error)}`);
  const update = updated.data.updates[0];
  if (!update) throw new Error('the update is not in the record');

  // The chair: the plan's next meeting, where the board agrees the action's RAG.
  const chair = await signIn(baseUrl, 'chair@example.org', password);
  const meetings = await chair.GET('/api/plans/{id}/meetings', { params: { path: { id: planId } } });
  const next = meetings.data?.items.find((m) => m.lockedAt === null);
  if (!next) throw new Error('no meeting ahead');
  const agreed = await chair.POST('/api/meetings/{id}/actions/{actionId}/agreed-rag', {
    params: { path: { id: next.id, actionId: first.id } },
    body: { rag: 'green', reason: 'The audit is done and its findings are with the board.' },
  });
  if (agreed.error) throw new Error(`agreed RAG: ${JSON.stringify(agreed.error)}`);
  const locked = await chair.POST('/api/meetings/{id}/lock', { params: { path: { id: next.id } } });
  if (locked.error) throw new Error(`lock: ${JSON.stringify(locked.error)}`);
  const view = await chair.GET('/api/meetings/{id}', { params: { path: { id: next.id } } });
  const row = view.data?.actions.find((a) => a.actionId === first.id);

  // The adviser: the progress summary for the Department, as CSV.
  const adviser = await signIn(baseUrl, 'adviser@example.org', password);
  const file = await adviser.GET('/api/plans/{id}/export', {
    params: { path: { id: planId }, query: { format: 'csv' } },
    parseAs: 'text',
  });
  if (file.error || file.data === undefined) throw new Error(`export: ${JSON.stringify(file.error)}`);

  return {
    actionId: first.id,
    updateId: update.id,
    agreedRag: row?.agreed?.rag ?? 'none',
    frozen: view.data?.frozen ?? false,
    exportType: file.response.headers.get('content-type'),
    exportDisposition: file.response.headers.get('content-disposition'),
    exportText: String(file.data),
  };
}
