import { Type, type Static } from '@sinclair/typebox';
import { Id, IsoDateTime, Nullable, Page } from './common.js';

/** One change in the audit log: who, when, from where, and the record before and after. */
export const AuditEntry = Type.Object(
  {
    id: Id,
    at: IsoDateTime,
    userId: Nullable(Id),
    userName: Nullable(Type.String()),
    event: Type.String(),
    entityType: Type.String(),
    entityId: Nullable(Type.Integer()),
    before: Nullable(Type.String({ description: 'JSON of the record before' })),
    after: Nullable(Type.String({ description: 'JSON of the record after' })),
    address: Nullable(Type.String({ description: 'The client address of the request (null: the system)' })),
    userAgent: Nullable(Type.String()),
  },
  { $id: 'AuditEntry', title: 'AuditEntry' },
);
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditPage = Page(AuditEntry, 'AuditPage');
export type AuditPage = Static<typeof AuditPage>;
