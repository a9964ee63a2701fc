/** For the in-process timing scripts: a session cookie for a bench account, signed in through the app. */
import type { FastifyInstance } from 'fastify';
import { BENCH_DATA } from './generate.js';

export async function signedInCookie(app: FastifyInstance, email: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email, password: BENCH_DATA.password },
  });
  if (res.statusCode !== 200)
    throw new Error(`sign-in ${email}: ${res.statusCode} ${res.body.slice(0, 200)}`);
  return String(res.headers['set-cookie']).split(';')[0] ?? '';
}
