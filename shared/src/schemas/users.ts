import { Type, type Static } from '@sinclair/typebox';
import { LEAD_KINDS } from '../enums.js';
import { Id, IsoDateTime, Nullable, PageQuery, StringEnum } from './common.js';
import { RoleSchema } from './auth.js';

export const User = Type.Object(
  {
    id: Id,
    email: Type.String(),
    name: Type.String(),
    jobTitle: Type.String(),
    role: RoleSchema,
    active: Type.Boolean(),
    leadId: Nullable(Id),
    lastSignInAt: Nullable(IsoDateTime),
    createdAt: IsoDateTime,
  },
  { title: 'User' },
);
export type User = Static<typeof User>;

export const UserListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Matches name, email or job title' })),
    role: Type.Optional(RoleSchema),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type UserListQuery = Static<typeof UserListQuery>;

export const CreateUserBody = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    jobTitle: Type.Optional(Type.String({ maxLength: 200 })),
    role: RoleSchema,
    password: Type.String({ minLength: 12, maxLength: 200, description: 'At least 12 characters' }),
  },
  { additionalProperties: false, title: 'CreateUserBody' },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    jobTitle: Type.Optional(Type.String({ maxLength: 200 })),
    role: Type.Optional(RoleSchema),
    active: Type.Optional(Type.Boolean({ description: 'false ends every session of the account' })),
    password: Type.Optional(Type.String({ minLength: 12, maxLength: 200 })),
  },
  { additionalProperties: false, minProperties: 1, title: 'UpdateUserBody' },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const LeadKindSchema = StringEnum(LEAD_KINDS);

export const Lead = Type.Object(
  {
    id: Id,
    name: Type.String(),
    kind: LeadKindSchema,
    userId: Nullable(Id),
    /** True when someone can sign in to update this lead's actions. */
    canSignIn: Type.Boolean(),
  },
  { title: 'Lead' },
);
export type Lead = Static<typeof Lead>;

export const CreateLeadBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: LeadKindSchema,
    userId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false, title: 'CreateLeadBody' },
);
export type CreateLeadBody = Static<typeof CreateLeadBody>;

export const SignInThrottleEntry = Type.Object(
  {
    kind: StringEnum(['address', 'pair', 'account'] as const, {
      description:
        'address: one source address, any accounts; pair: one account from one address; account: one account from anywhere (slows its answers, never refuses)',
    }),
    email: Nullable(Type.String()),
    address: Nullable(Type.String()),
    failures: Type.Integer({ minimum: 1 }),
    lastFailureAt: IsoDateTime,
    /** When the next attempt will be checked; null: now. */
    waitUntil: Nullable(IsoDateTime),
  },
  { title: 'SignInThrottleEntry' },
);
export type SignInThrottleEntry = Static<typeof SignInThrottleEntry>;

export const AccountSignInThrottle = Type.Object(
  { email: Type.String(), entries: Type.Array(SignInThrottleEntry) },
  { title: 'AccountSignInThrottle' },
);
export type AccountSignInThrottle = Static<typeof AccountSignInThrottle>;

export const ClearSignInThrottleQuery = Type.Object(
  { address: Type.String({ minLength: 1, maxLength: 100, description: 'The source address to forgive' }) },
  { additionalProperties: false },
);

export const ThrottleCleared = Type.Object(
  { cleared: Type.Integer({ minimum: 0, description: 'How many counts were forgotten' }) },
  { title: 'ThrottleCleared' },
);
