import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { TEXT_LIMITS } from '../limits.js';

/** Builds a string-enum schema from a tuple of values (JSON Schema `enum`, typed as the union). */
export function StringEnum<const T extends readonly string[]>(
  values: T,
  options: { description?: string } = {},
) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

export function Nullable<T extends TSchema>(schema: T) {
  return Type.Union([schema, Type.Null()]);
}

/** An ISO calendar date, `YYYY-MM-DD`. */
export const IsoDate = Type.String({ format: 'date', description: 'Calendar date, YYYY-MM-DD' });
/** An instant, ISO 8601 in UTC. */
export const IsoDateTime = Type.String({ format: 'date-time', description: 'Instant, ISO 8601 (UTC)' });

export const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });

export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
export type IdParams = Static<typeof IdParams>;

/** RFC 9457 problem details: the one error shape of the API. */
export const Problem = Type.Object(
  {
    type: Type.String({ description: 'A URI naming the kind of problem' }),
    title: Type.String({ description: 'A short summary of the kind of problem' }),
    status: Type.Integer(),
    detail: Type.Optional(Type.String({ description: 'What went wrong and what to do about it' })),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          path: Type.String({ description: 'Where in the request, e.g. body.email or query.pageSize' }),
          message: Type.String(),
        }),
      ),
    ),
  },
  { $id: 'Problem', title: 'Problem' },
);
export type Problem = Static<typeof Problem>;

export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
};

/**
 * The envelope of every list the API answers: the items and how many there are. A paged list (`Page`) adds
 * which page this is; `total` then counts all pages.
 */
export function List<T extends TSchema>(item: T, title: string) {
  return Type.Object(
    {
      items: Type.Array(item),
      total: Type.Integer({ description: 'Number of items' }),
    },
    { $id: title, title },
  );
}

export interface ListOf<T> {
  items: T[];
  total: number;
}

export function Page<T extends TSchema>(item: T, title: string) {
  return Type.Object(
    {
      items: Type.Array(item),
      page: Type.Integer(),
      pageSize: Type.Integer(),
      total: Type.Integer({ description: 'Number of items matching the filters, on all pages' }),
    },
    { $id: title, title },
  );
}

export interface PageOf<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/** A person's name as the record shows it. */
export const PersonRef = Type.Object({
  id: Id,
  name: Type.String(),
  jobTitle: Type.String(),
});
export type PersonRef = Static<typeof PersonRef>;

export const ReasonBody = Type.Object(
  {
    reason: Type.String({
      minLength: 1,
      maxLength: TEXT_LIMITS.reason,
      description: 'Why; kept in the record',
    }),
  },
  { additionalProperties: false },
);
export type ReasonBody = Static<typeof ReasonBody>;

export const AppInfo = Type.Object(
  {
    councilName: Type.String(),
    serviceName: Type.String(),
    dueSoonDays: Type.Integer(),
    staleDays: Type.Integer(),
    papersCutoffDays: Type.Integer({
      description: 'Default papers cut-off: days before a meeting, at 17:00 UK time',
    }),
    uploadMaxBytes: Type.Integer(),
    demo: Type.Boolean({
      description: 'A demonstration instance (DEMO=true): pages show a banner saying so',
    }),
  },
  { $id: 'AppInfo', title: 'AppInfo' },
);
export type AppInfo = Static<typeof AppInfo>;
