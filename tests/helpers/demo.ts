/** Finding things in the demo plan by the names people use. */
import type { SignedIn } from './app.js';

export interface DemoIds {
  planId: number;
  actionId: (ref: string) => number;
  leadId: (name: string) => number;
}

export async function demoIds(s: SignedIn): Promise<DemoIds> {
  const planId = (await s.agent.get('/api/plans')).body.items[0].id as number;
  const actions = (await s.agent.get(`/api/plans/${planId}/actions?pageSize=200&includeArchived=true`)).body
    .items as { id: number; ref: string }[];
  const leads = (await s.agent.get('/api/leads')).body.items as { id: number; name: string }[];
  return {
    planId,
    actionId(ref) {
      const a = actions.find((x) => x.ref === ref);
      if (!a) throw new Error(`no demo action ${ref}`);
      return a.id;
    },
    leadId(name) {
      const l = leads.find((x) => x.name === name);
      if (!l) throw new Error(`no demo lead ${name}`);
      return l.id;
    },
  };
}

/** The current ETag of an action. */
export async function etagOf(s: SignedIn, actionId: number): Promise<string> {
  const res = await s.agent.get(`/api/actions/${actionId}`);
  if (res.status !== 200) throw new Error(`GET action ${actionId}: ${res.status}`);
  return res.headers.etag as string;
}

export function post(s: SignedIn, url: string, body: object, etag?: string) {
  const req = s.agent.post(url).set('x-csrf-token', s.csrf);
  if (etag) req.set('if-match', etag);
  return req.send(body);
}
