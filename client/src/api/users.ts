import type {
  CreateUserBody,
  PageOf,
  ResetPasswordBody,
  UpdateUserBody,
  User,
  UserListQuery,
  UserWithPassword,
} from '@ipt/shared/schemas';
import { etagOf } from '@ipt/shared';
import { http, request } from './http';

/** An account as read, with the ETag to send back as If-Match when changing it. */
export interface UserWithEtag {
  user: User;
  etag: string;
}

export function userEtag(user: { id: number; version: number }): string {
  return etagOf('user', user.id, user.version);
}

async function withEtag<T extends User>(
  method: string,
  path: string,
  options: { body?: unknown; ifMatch?: string } = {},
): Promise<{ user: T; etag: string }> {
  const response = await request<T>(method, path, options);
  return { user: response.data, etag: response.etag ?? userEtag(response.data) };
}

/** Accounts, for administrators. */
export const usersApi = {
  list: (query: UserListQuery, signal?: AbortSignal) =>
    http.get<PageOf<User>>('/users', { query: { ...query }, signal }),

  get: (id: number) => withEtag<User>('GET', `/users/${id}`),

  /** Opens an account; the answer carries the one-time password when the server made it. */
  create: (body: CreateUserBody) => withEtag<UserWithPassword>('POST', '/users', { body }),

  update: (id: number, body: UpdateUserBody, etag: string) =>
    withEtag<User>('PATCH', `/users/${id}`, { body, ifMatch: etag }),

  resetPassword: (id: number, body: ResetPasswordBody, etag: string) =>
    withEtag<UserWithPassword>('POST', `/users/${id}/reset-password`, { body, ifMatch: etag }),

  unlock: (id: number, etag: string) => withEtag<User>('POST', `/users/${id}/unlock`, { ifMatch: etag }),
};
