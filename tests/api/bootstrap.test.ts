import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapAdmin } from '../../server/src/setup/bootstrap.js';
import { auditRows, buildTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({
    config: {
      demo: false,
      firstAdmin: { email: 'IT@Council.gov.uk', name: 'IT Service', password: 'a long admin password' },
    },
  });
});
afterAll(async () => {
  await t.close();
});

describe('the first administrator of a real installation', () => {
  it('is created on an empty database, recorded in the audit log, and can sign in', async () => {
    expect(await bootstrapAdmin(t.app.services, t.config, t.clock.now())).toBe('created');
    const res = await supertest(t.app.server)
      .post('/api/auth/sign-in')
      .send({ email: 'it@council.gov.uk', password: 'a long admin password' });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ role: 'admin', name: 'IT Service' });
    expect(auditRows(t.app)[0]).toMatchObject({ event: 'create', entity_type: 'user', user_id: null });
  });

  it('is never created again once any account exists', async () => {
    expect(
      await bootstrapAdmin(
        t.app.services,
        {
          ...t.config,
          firstAdmin: { email: 'second@council.gov.uk', name: 'x', password: 'another long password' },
        },
        t.clock.now(),
      ),
    ).toBe('exists');
    expect((t.app.sqlite.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n).toBe(1);
  });

  it('says one is needed when the database is empty and none is configured', async () => {
    const empty = await buildTestApp({ config: { demo: false } });
    try {
      expect(await bootstrapAdmin(empty.app.services, empty.config, empty.clock.now())).toBe('needed');
    } finally {
      await empty.close();
    }
  });
});
