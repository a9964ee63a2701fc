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
