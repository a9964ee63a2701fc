import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditRows,
  buildTestApp,
  dbFingerprint,
  DEMO_PASSWORD,
  expectProblem,
  signIn,
  type SignedIn,
  type TestApp,
} from '../helpers/app.js';

let t: TestApp;
let admin: SignedIn;

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin@example.org');
});
afterAll(async () => {
  await t.close();
});

const OWN_PASSWORD = 'heron lantern quietly 42';

async function etagOf(who: SignedIn, path: string): Promise<string> {
  const res = await who.agent.get(path);
  expect(res.status).toBe(200);
  return res.headers.etag as string;
}

function send(
  who: SignedIn,
  method: 'post' | 'patch',
  path: string,
  body?: object,
  ifMatch?: string,
): supertest.Test {
  let req = who.agent[method](path).set('x-csrf-token', who.csrf);
  if (ifMatch) req = req.set('if-match', ifMatch);
  return body === undefined ? req : req.send(body);
}

function lastAudit() {
  return auditRows(t.app).at(-1);
}

async function openAccount(email: string, extra: object = {}) {
  const res = await send(admin, 'post', '/api/users', { email, name: 'New Person', role: 'lead', ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; oneTimePassword?: string; version: number; leadId: number | null };
}

/** Signs in with a one-time password and chooses OWN_PASSWORD. */
async function firstSignIn(email: string, oneTime: string): Promise<SignedIn> {
  const s = await signIn(t.app, email, oneTime);
  const res = await send(s, 'post', '/api/auth/password', {
    currentPassword: oneTime,
    newPassword: OWN_PASSWORD,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return s;
}

describe('who may manage accounts and leads', () => {
  it('only administrators: others get 403 and anyone signed out 401, and nothing changes', async () => {
    const userId = (await admin.agent.get('/api/users?q=viewer')).body.items[0].id as number;
    const leadId = (await admin.agent.get('/api/leads')).body.items[0].id as number;
    const userTag = await etagOf(admin, `/api/users/${userId}`);
    const leadTag = await etagOf(admin, `/api/leads/${leadId}`);
    const ops: [method: 'post' | 'patch', path: string, body: object | undefined, ifMatch?: string][] = [
      ['post', '/api/users', { email: 'x@example.org', name: 'X', role: 'viewer' }],
      ['patch', `/api/users/${userId}`, { role: 'chair' }, userTag],
      ['post', `/api/users/${userId}/reset-password`, {}, userTag],
      ['post', `/api/users/${userId}/unlock`, undefined, userTag],
      ['post', '/api/leads', { name: 'A new team', kind: 'team' }],
      ['patch', `/api/leads/${leadId}`, { name: 'Renamed' }, leadTag],
      ['post', `/api/leads/${leadId}/archive`, { reason: 'x' }, leadTag],
    ];
    const others: SignedIn[] = [];
    for (const email of [
      'chair@example.org',
      'head.of.quality.assurance@example.org',
      'adviser@example.org',
    ]) {
      others.push(await signIn(t.app, email));
    }
    const before = dbFingerprint(t.app, { includeAudit: true });
    for (const who of others) {
      for (const [method, path, body, ifMatch] of ops) {
        expectProblem(await send(who, method, path, body, ifMatch), 403);
      }
      expectProblem(await who.agent.get('/api/users'), 403);
    }
    for (const [method, path, body] of ops) {
      const anon = supertest(t.app.server)[method](path);
      expectProblem(await (body ? anon.send(body) : anon), 401);
    }
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
  });
});

describe('opening an account with a one-time password', () => {
  it('makes a one-time password, shows it once, and the person must change it before anything else', async () => {
    const before = auditRows(t.app).length;
    const created = await openAccount('first.timer@example.org');
    expect(created.oneTimePassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(auditRows(t.app).length).toBe(before + 1);
    expect(lastAudit()).toMatchObject({
      event: 'create',
      entity_type: 'user',
      entity_id: created.id,
      user_id: admin.user.id,
    });
    // Read again, the password is not there: it was shown once.
    const read = await admin.agent.get(`/api/users/${created.id}`);
    expect(read.body.oneTimePassword).toBeUndefined();
    expect(read.body).toMatchObject({ mustChangePassword: true, active: true, lastSignInAt: null });

    const s = await signIn(t.app, 'first.timer@example.org', created.oneTimePassword);
    expect(s.user).toMatchObject({ mustChangePassword: true });
    // Nothing but changing it works: reads, writes, nothing.
    const blocked = expectProblem(await s.agent.get('/api/plans'), 403);
    expect(blocked.title).toBe('Change your password first');
    expectProblem(await s.agent.get('/api/me/actions'), 403);
    expect((await s.agent.get('/api/auth/me')).body.user.mustChangePassword).toBe(true);

    const changed = await send(s, 'post', '/api/auth/password', {
      currentPassword: created.oneTimePassword,
      newPassword: OWN_PASSWORD,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.user.mustChangePassword).toBe(false);
    expect((await s.agent.get('/api/plans')).status).toBe(200);
    expect(lastAudit()).toMatchObject({
      event: 'change_password',
      entity_id: created.id,
      user_id: created.id,
    });
    // The one-time password no longer works; the chosen one does.
    expectProblem(
      await supertest(t.app.server)
        .post('/api/auth/sign-in')
        .send({ email: 'first.timer@example.org', password: created.oneTimePassword }),
      401,
    );
    expect((await signIn(t.app, 'first.timer@example.org', OWN_PASSWORD)).user.mustChangePassword).toBe(
      false,
    );
  });

  it('takes a one-time password the administrator types, and answers none back', async () => {
    const created = await openAccount('typed.one@example.org', { password: 'amber kettle 9 rivers' });
    expect(created.oneTimePassword).toBeUndefined();
    const s = await signIn(t.app, 'typed.one@example.org', 'amber kettle 9 rivers');
    expect(s.user.mustChangePassword).toBe(true);
  });

  it('refuses a short or common password, a duplicate email and an unknown lead, with problem details and nothing written', async () => {
    const before = dbFingerprint(t.app, { includeAudit: true });
    const base = { email: 'refused@example.org', name: 'Refused', role: 'lead' };
    const short = expectProblem(await send(admin, 'post', '/api/users', { ...base, password: 'short' }), 400);
    expect(short.errors?.[0]?.path).toMatch(/password/);
    for (const common of ['qwertyuiop123', '1q2w3e4r5t6y', 'Password123456!', 'aaaaaaaaaaaaaa']) {
      const res = expectProblem(await send(admin, 'post', '/api/users', { ...base, password: common }), 400);
      expect(res.detail, common).toMatch(/most common passwords/);
      expect(res.errors?.[0]?.path).toBe('body.password');
    }
    expectProblem(await send(admin, 'post', '/api/users', { ...base, email: 'chair@example.org' }), 409);
    expectProblem(await send(admin, 'post', '/api/users', { ...base, leadId: 99999 }), 400);
    expectProblem(await send(admin, 'post', '/api/users', { ...base, role: 'king' }), 400);
    expectProblem(await send(admin, 'post', '/api/users', { ...base, email: 'not an email' }), 400);
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
  });

  it('links the new account to the lead it holds, and refuses a lead an active account holds', async () => {
    const team = await send(admin, 'post', '/api/leads', { name: 'Head of Youth Justice', kind: 'person' });
    expect(team.status).toBe(201);
    const created = await openAccount('youth.justice@example.org', { leadId: team.body.id });
    expect(created.leadId).toBe(team.body.id);
    const lead = (await admin.agent.get(`/api/leads/${team.body.id}`)).body;
    expect(lead).toMatchObject({ userId: created.id, userName: 'New Person', canSignIn: true });
    const before = dbFingerprint(t.app, { includeAudit: true });
    const taken = expectProblem(
      await send(admin, 'post', '/api/users', {
        email: 'second.holder@example.org',
        name: 'Second',
        role: 'lead',
        leadId: team.body.id,
      }),
      409,
    );
    expect(taken.detail).toMatch(/held by New Person/);
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
  });
});

describe('changing an account', () => {
  it('needs If-Match: 428 without, 412 when stale, nothing changed', async () => {
    const created = await openAccount('versioned@example.org');
    const path = `/api/users/${created.id}`;
    const before = dbFingerprint(t.app, { includeAudit: true });
    expectProblem(await send(admin, 'patch', path, { name: 'Changed' }), 428);
    expectProblem(await send(admin, 'patch', path, { name: 'Changed' }, `"user${created.id}-v99"`), 412);
    expectProblem(await send(admin, 'patch', path, { name: 'Changed' }, `"lead${created.id}-v1"`), 412);
    expectProblem(await send(admin, 'post', `${path}/reset-password`, {}), 428);
    expectProblem(await send(admin, 'post', `${path}/reset-password`, {}, `"user${created.id}-v99"`), 412);
    expectProblem(await send(admin, 'post', `${path}/unlock`, undefined), 428);
    expectProblem(await send(admin, 'patch', path, {}, `"user${created.id}-v1"`), 400);
    expectProblem(await send(admin, 'patch', path, { role: 'emperor' }, `"user${created.id}-v1"`), 400);
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);

    const ok = await send(
      admin,
      'patch',
      path,
      { name: 'Changed', jobTitle: 'Analyst' },
      await etagOf(admin, path),
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ name: 'Changed', jobTitle: 'Analyst', version: 2 });
    expect(ok.headers.etag).toBe(`"user${created.id}-v2"`);
    expect(lastAudit()).toMatchObject({ event: 'update', entity_id: created.id, user_id: admin.user.id });
    // The old ETag is stale now.
    expectProblem(await send(admin, 'patch', path, { name: 'Again' }, `"user${created.id}-v1"`), 412);
  });

  it('changes a role, ending the sessions so the person signs in as they now are', async () => {
    const created = await openAccount('role.change@example.org');
    const s = await firstSignIn('role.change@example.org', created.oneTimePassword ?? '');
    const path = `/api/users/${created.id}`;
    const res = await send(admin, 'patch', path, { role: 'viewer' }, await etagOf(admin, path));
    expect(res.body.role).toBe('viewer');
    expectProblem(await s.agent.get('/api/auth/me'), 401);
    expect((await signIn(t.app, 'role.change@example.org', OWN_PASSWORD)).user.role).toBe('viewer');
  });

  it('deactivates (ending the sessions) and reactivates, each with its audit row', async () => {
    const created = await openAccount('comes.and.goes@example.org');
    const s = await firstSignIn('comes.and.goes@example.org', created.oneTimePassword ?? '');
    const path = `/api/users/${created.id}`;
    const off = await send(admin, 'patch', path, { active: false }, await etagOf(admin, path));
    expect(off.body.active).toBe(false);
    expect(lastAudit()).toMatchObject({ event: 'deactivate', entity_id: created.id, user_id: admin.user.id });
    expectProblem(await s.agent.get('/api/auth/me'), 401);
    expectProblem(
      await supertest(t.app.server)
        .post('/api/auth/sign-in')
        .send({ email: 'comes.and.goes@example.org', password: OWN_PASSWORD }),
      401,
    );
    const on = await send(admin, 'patch', path, { active: true }, await etagOf(admin, path));
    expect(on.body.active).toBe(true);
    expect(lastAudit()).toMatchObject({ event: 'reactivate', entity_id: created.id });
    expect((await signIn(t.app, 'comes.and.goes@example.org', OWN_PASSWORD)).user.email).toBe(
      'comes.and.goes@example.org',
    );
  });

  it('an administrator cannot deactivate, demote or reset their own account here', async () => {
    const path = `/api/users/${admin.user.id}`;
    const before = dbFingerprint(t.app, { includeAudit: true });
    expectProblem(await send(admin, 'patch', path, { active: false }, await etagOf(admin, path)), 422);
    expectProblem(await send(admin, 'patch', path, { role: 'viewer' }, await etagOf(admin, path)), 422);
    expectProblem(await send(admin, 'post', `${path}/reset-password`, {}, await etagOf(admin, path)), 422);
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
  });

  it('links an account to the lead it holds, moves it, and unlinks it; the session follows', async () => {
    const leads = (await admin.agent.get('/api/leads')).body.items as {
      id: number;
      name: string;
      userId: number | null;
    }[];
    const free = leads.filter((l) => l.userId === null);
    const [first, second] = free;
    if (!first || !second) throw new Error('the demo has two leads without an account');
    const created = await openAccount('holder@example.org');
    const path = `/api/users/${created.id}`;
    let res = await send(admin, 'patch', path, { leadId: first.id }, await etagOf(admin, path));
    expect(res.body).toMatchObject({ leadId: first.id, leadName: first.name });
    res = await send(admin, 'patch', path, { leadId: second.id }, await etagOf(admin, path));
    expect(res.body.leadId).toBe(second.id);
    expect((await admin.agent.get(`/api/leads/${first.id}`)).body.userId).toBeNull();
    const s = await firstSignIn('holder@example.org', created.oneTimePassword ?? '');
    expect((await s.agent.get('/api/auth/me')).body.user.leadId).toBe(second.id);
    res = await send(admin, 'patch', path, { leadId: null }, await etagOf(admin, path));
    expect(res.body.leadId).toBeNull();
    expect((await s.agent.get('/api/auth/me')).body.user.leadId).toBeNull();
    // Put it back as the demo had it.
    expect(lastAudit()).toMatchObject({ event: 'update', entity_type: 'user', entity_id: created.id });
  });
});

describe('resetting a password and unlocking', () => {
  it('reset gives a new one-time password, lifts the lock and ends the sessions', async () => {
    const created = await openAccount('forgetful@example.org');
    const s = await firstSignIn('forgetful@example.org', created.oneTimePassword ?? '');
    const path = `/api/users/${created.id}`;
    const res = await send(admin, 'post', `${path}/reset-password`, {}, await etagOf(admin, path));
    expect(res.status).toBe(200);
    expect(res.body.oneTimePassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(res.body.mustChangePassword).toBe(true);
    expect(lastAudit()).toMatchObject({
      event: 'reset_password',
      entity_id: created.id,
      user_id: admin.user.id,
    });
    expectProblem(await s.agent.get('/api/auth/me'), 401);
    const again = await signIn(t.app, 'forgetful@example.org', res.body.oneTimePassword);
    expect(again.user.mustChangePassword).toBe(true);
    expectProblem(await again.agent.get('/api/plans'), 403);
  });

  it('refuses a common typed password at reset, and changes nothing', async () => {
    const created = await openAccount('reset.common@example.org');
    const path = `/api/users/${created.id}`;
    const tag = await etagOf(admin, path);
    const before = dbFingerprint(t.app, { includeAudit: true });
    const res = expectProblem(
      await send(admin, 'post', `${path}/reset-password`, { password: 'qwertyuiop123' }, tag),
      400,
    );
    expect(res.errors?.[0]?.path).toBe('body.password');
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
  });

  it('shows an account whose sign-in wrong passwords delay, and unlock lets the right password in again', async () => {
    const email = 'head.of.business.support@example.org';
    const user = (await admin.agent.get(`/api/users?q=${email}`)).body.items[0];
    // Past the free failures, each wrong password doubles the wait: three more make it 8 seconds.
    for (let i = 0; i < t.config.signInThrottle.pairFreeFailures + 3; i++) {
      await supertest(t.app.server).post('/api/auth/sign-in').send({ email, password: 'wrong' });
    }
    const locked = (await admin.agent.get(`/api/users/${user.id}`)).body;
    expect(locked.lockedUntil).toEqual(expect.any(String));
    expectProblem(
      await supertest(t.app.server).post('/api/auth/sign-in').send({ email, password: DEMO_PASSWORD }),
      429,
    );
    const path = `/api/users/${user.id}`;
    const res = await send(admin, 'post', `${path}/unlock`, undefined, await etagOf(admin, path));
    expect(res.status).toBe(200);
    expect(res.body.lockedUntil).toBeNull();
    expect(lastAudit()).toMatchObject({ event: 'unlock', entity_id: user.id, user_id: admin.user.id });
    expect((await signIn(t.app, email)).user.email).toBe(email);
    // Nothing left to unlock: 409, nothing changed.
    const before = dbFingerprint(t.app, { includeAudit: true });
    expectProblem(await send(admin, 'post', `${path}/unlock`, undefined, await etagOf(admin, path)), 409);
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
  });
});

describe('changing your own password', () => {
  it('needs the current password and a good new one; refusals change nothing', async () => {
    const s = await signIn(t.app, 'viewer@example.org');
    const before = dbFingerprint(t.app, { includeAudit: true });
    const wrong = expectProblem(
      await send(s, 'post', '/api/auth/password', { currentPassword: 'not it', newPassword: OWN_PASSWORD }),
      400,
    );
    expect(wrong.errors?.[0]).toMatchObject({ path: 'body.currentPassword' });
    const cases: [string, RegExp][] = [
      ['short', /12/],
      ['password12345', /most common/],
      [DEMO_PASSWORD, /different from your current/],
      ['viewer@example.org!!', /email address/],
    ];
    for (const [newPassword, message] of cases) {
      const res = expectProblem(
        await send(s, 'post', '/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword }),
        400,
      );
      expect(JSON.stringify(res), newPassword).toMatch(message);
    }
    expectProblem(await send(s, 'post', '/api/auth/password', { currentPassword: DEMO_PASSWORD }), 400);
    expectProblem(
      await s.agent
        .post('/api/auth/password')
        .send({ currentPassword: DEMO_PASSWORD, newPassword: OWN_PASSWORD }),
      403,
    );
    expectProblem(
      await supertest(t.app.server)
        .post('/api/auth/password')
        .send({ currentPassword: DEMO_PASSWORD, newPassword: OWN_PASSWORD }),
      401,
    );
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
  });

  it('ends the other sessions of that person and keeps this one', async () => {
    const here = await signIn(t.app, 'adviser@example.org');
    const elsewhere = await signIn(t.app, 'adviser@example.org');
    const res = await send(here, 'post', '/api/auth/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: OWN_PASSWORD,
    });
    expect(res.status).toBe(200);
    expect(res.body.csrfToken).toBe(here.csrf);
    expect(lastAudit()).toMatchObject({
      event: 'change_password',
      entity_id: here.user.id,
      user_id: here.user.id,
    });
    expect((await here.agent.get('/api/auth/me')).status).toBe(200);
    expectProblem(await elsewhere.agent.get('/api/auth/me'), 401);
    expect((await signIn(t.app, 'adviser@example.org', OWN_PASSWORD)).user.role).toBe('adviser');
  });
});

describe('leads without sign-in', () => {
  it('creates, renames (If-Match) and archives a lead, each with its audit row', async () => {
    const created = await send(admin, 'post', '/api/leads', {
      name: 'ICB designated nurse',
      kind: 'partner',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ canSignIn: false, userId: null, archivedAt: null, version: 1 });
    expect(lastAudit()).toMatchObject({ event: 'create', entity_type: 'lead', entity_id: created.body.id });
    const path = `/api/leads/${created.body.id}`;

    const before = dbFingerprint(t.app, { includeAudit: true });
    expectProblem(await send(admin, 'patch', path, { name: 'NHS ICB' }), 428);
    expectProblem(await send(admin, 'patch', path, { name: 'NHS ICB' }, `"lead${created.body.id}-v7"`), 412);
    expectProblem(await send(admin, 'patch', path, { name: 'NHS commissioner' }, created.headers.etag), 409);
    expectProblem(await send(admin, 'patch', path, { name: '' }, created.headers.etag), 400);
    expectProblem(await send(admin, 'patch', path, { kind: 'robot' }, created.headers.etag), 400);
    expectProblem(await send(admin, 'post', `${path}/archive`, { reason: 'x' }), 428);
    expectProblem(await send(admin, 'post', `${path}/archive`, {}, created.headers.etag), 400);
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);

    const renamed = await send(
      admin,
      'patch',
      path,
      { name: 'NHS ICB designated nurse' },
      created.headers.etag,
    );
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'NHS ICB designated nurse', version: 2 });
    expect(lastAudit()).toMatchObject({ event: 'update', entity_type: 'lead', entity_id: created.body.id });

    const archived = await send(
      admin,
      'post',
      `${path}/archive`,
      { reason: 'Role ended.' },
      renamed.headers.etag,
    );
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).toEqual(expect.any(String));
    expect(lastAudit()).toMatchObject({ event: 'archive', entity_type: 'lead', entity_id: created.body.id });
    const live = (await admin.agent.get('/api/leads')).body.items as { id: number }[];
    expect(live.some((l) => l.id === created.body.id)).toBe(false);
    const all = (await admin.agent.get('/api/leads?archived=true')).body.items as { id: number }[];
    expect(all.some((l) => l.id === created.body.id)).toBe(true);
    expectProblem(await send(admin, 'patch', path, { name: 'Back' }, archived.headers.etag), 409);
  });

  it('refuses to archive a lead that still leads live actions', async () => {
    const commissioner = (
      (await admin.agent.get('/api/leads')).body.items as { id: number; name: string }[]
    ).find((l) => /commissioner/i.test(l.name));
    if (!commissioner) throw new Error('the demo has an NHS commissioner lead');
    const path = `/api/leads/${commissioner.id}`;
    const before = dbFingerprint(t.app, { includeAudit: true });
    const res = expectProblem(
      await send(admin, 'post', `${path}/archive`, { reason: 'x' }, await etagOf(admin, path)),
      409,
    );
    expect(res.detail).toMatch(/still leads \d+ action/);
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
  });
});
