import { Type, type Static } from '@sinclair/typebox';
import { ROLES } from '../enums.js';
import { Id, Nullable, StringEnum } from './common.js';

export const RoleSchema = StringEnum(ROLES);

export const SignInBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254, description: 'Email address of the account' }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false, $id: 'SignInBody', title: 'SignInBody' },
);
export type SignInBody = Static<typeof SignInBody>;

export const CurrentUser = Type.Object(
  {
    id: Id,
    email: Type.String(),
    name: Type.String(),
    jobTitle: Type.String(),
    role: RoleSchema,
    /** The lead record this person answers for, if they lead actions. */
    leadId: Nullable(Id),
    /** Signed in with a one-time password: nothing but changing it works until it is changed. */
    mustChangePassword: Type.Boolean(),
  },
  { $id: 'CurrentUser', title: 'CurrentUser' },
);
export type CurrentUser = Static<typeof CurrentUser>;

export const Session = Type.Object(
  {
    user: CurrentUser,
    /** Send back as the `X-CSRF-Token` header on every request that changes something. */
    csrfToken: Type.String(),
    expiresAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Session', title: 'Session' },
);
export type Session = Static<typeof Session>;
