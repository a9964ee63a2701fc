import { Type, type Static } from '@sinclair/typebox';
import { LEAD_KINDS } from '../enums.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../passwords.js';
import { Id, IsoDateTime, List, Nullable, Page, PageQuery, StringEnum } from './common.js';

const NewPassword = (description: string) =>
  Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH, description });
import { RoleSchema } from './auth.js';

export const User = Type.Object(
  {
    id: Id,
    email: Type.String(),
    name: Type.String(),
    jobTitle: Type.String(),
    role: RoleSchema,
    active: Type.Boolean(),
    /** The account was opened or reset with a one-time password that has not been changed yet. */
    mustChangePassword: Type.Boolean(),
    /** Wrong passwords have locked the account until then (null when it is not locked now). */
    lockedUntil: Nullable(IsoDateTime),
    leadId: Nullable(Id),
    /** The name (job title) of the lead this account holds. */
    leadName: Nullable(Type.String()),
    lastSignInAt: Nullable(IsoDateTime),
    createdAt: IsoDateTime,
    version: Type.Integer({ minimum: 1, description: 'Send the ETag as If-Match to change the account' }),
  },
  { $id: 'User', title: 'User' },
);
export type User = Static<typeof User>;

export const UserPage = Page(User, 'UserPage');

/** An account just opened or reset: the one-time password is shown here once and never again. */
export const UserWithPassword = Type.Composite(
  [
    User,
    Type.Object({
      oneTimePassword: Type.Optional(
        Type.String({
          description: 'Present when the server chose it: give it to the person; it is not kept',
        }),
      ),
    }),
  ],
  { $id: 'UserWithPassword', title: 'UserWithPassword' },
);
export type UserWithPassword = Static<typeof UserWithPassword>;

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
    password: Type.Optional(
      NewPassword(
        'A one-time password of at least 12 characters, changed at first sign-in; leave out to have one made',
      ),
    ),
    leadId: Type.Optional(
      Type.Union([Id, Type.Null()], { description: 'The lead (job title) this account holds' }),
    ),
  },
  { additionalProperties: false, $id: 'CreateUserBody', title: 'CreateUserBody' },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    jobTitle: Type.Optional(Type.String({ maxLength: 200 })),
    role: Type.Optional(RoleSchema),
    active: Type.Optional(
      Type.Boolean({
        description: 'false deactivates the account and ends its sessions; true reactivates it',
      }),
    ),
    leadId: Type.Optional(
      Type.Union([Id, Type.Null()], {
        description: 'The lead (job title) this account holds; null for none',
      }),
    ),
  },
  { additionalProperties: false, minProperties: 1, $id: 'UpdateUserBody', title: 'UpdateUserBody' },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const ResetPasswordBody = Type.Object(
  {
    password: Type.Optional(
      NewPassword('The new one-time password, at least 12 characters; leave out to have one made'),
    ),
  },
  { additionalProperties: false, $id: 'ResetPasswordBody', title: 'ResetPasswordBody' },
);
export type ResetPasswordBody = Static<typeof ResetPasswordBody>;

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
    newPassword: NewPassword(
      'At least 12 characters, not one of the most common passwords, not the current one',
    ),
  },
  { additionalProperties: false, $id: 'ChangePasswordBody', title: 'ChangePasswordBody' },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const LeadKindSchema = StringEnum(LEAD_KINDS);

export const Lead = Type.Object(
  {
    id: Id,
    name: Type.String(),
    kind: LeadKindSchema,
    userId: Nullable(Id),
    /** The name of the account that holds this lead, if any. */
    userName: Nullable(Type.String()),
    /** True when someone can sign in to update this lead's actions. */
    canSignIn: Type.Boolean(),
    archivedAt: Nullable(IsoDateTime),
    version: Type.Integer({ minimum: 1 }),
  },
  { $id: 'Lead', title: 'Lead' },
);
export type Lead = Static<typeof Lead>;

export const LeadList = List(Lead, 'LeadList');

export const CreateLeadBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: LeadKindSchema,
    userId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false, $id: 'CreateLeadBody', title: 'CreateLeadBody' },
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
  { $id: 'SignInThrottleEntry', title: 'SignInThrottleEntry' },
);
export type SignInThrottleEntry = Static<typeof SignInThrottleEntry>;

export const SignInThrottleList = List(SignInThrottleEntry, 'SignInThrottleList');

export const AccountSignInThrottle = Type.Object(
  { email: Type.String(), entries: Type.Array(SignInThrottleEntry) },
  { $id: 'AccountSignInThrottle', title: 'AccountSignInThrottle' },
);
export type AccountSignInThrottle = Static<typeof AccountSignInThrottle>;

export const ClearSignInThrottleQuery = Type.Object(
  { address: Type.String({ minLength: 1, maxLength: 100, description: 'The source address to forgive' }) },
  { additionalProperties: false },
);

export const ThrottleCleared = Type.Object(
  { cleared: Type.Integer({ minimum: 0, description: 'How many counts were forgotten' }) },
  { $id: 'ThrottleCleared', title: 'ThrottleCleared' },
);
export const LeadListQuery = Type.Object(
  { archived: Type.Optional(Type.Boolean({ description: 'true lists archived leads too' })) },
  { additionalProperties: false },
);
export type LeadListQuery = Static<typeof LeadListQuery>;

export const UpdateLeadBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    kind: Type.Optional(LeadKindSchema),
  },
  { additionalProperties: false, minProperties: 1, $id: 'UpdateLeadBody', title: 'UpdateLeadBody' },
);
export type UpdateLeadBody = Static<typeof UpdateLeadBody>;
