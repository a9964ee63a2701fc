import type { ChangePasswordBody, Session, SignInBody } from '@ipt/shared/schemas';
import { ApiError, http } from './http';

export const authApi = {
  signIn: (body: SignInBody) => http.post<Session>('/auth/sign-in', body, { unauthorisedEndsSession: false }),

  /** Changes the signed-in person's password; answers the session as it now is. */
  changePassword: (body: ChangePasswordBody) => http.post<Session>('/auth/password', body),

  signOut: () => http.post<null>('/auth/sign-out', undefined, { unauthorisedEndsSession: false }),

  /** Uses the session (moving its idle end on); a 401 ends it here as any other request would. */
  touch: () => http.get<Session>('/auth/me'),

  /** The current session, or null when nobody is signed in. */
  async me(): Promise<Session | null> {
    try {
      return await http.get<Session>('/auth/me', { unauthorisedEndsSession: false });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return null;
      throw err;
    }
  },
};
