import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import { Type, type TSchema } from '@sinclair/typebox';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ActionDetail,
  ActionPage,
  MeetingView,
  MyActions,
  Nullable,
  RagHistory,
  StringEnum,
} from '@ipt/shared/schemas';
import { lazyCompilers, serializerSchema, withoutIds } from '../../server/src/lib/lazy-compilers.js';
import { buildTestApp, signIn, type TestApp } from '../helpers/app.js';

/** fast-json-stringify on a schema, as fastify compiles a response schema (no shared schemas). */
function compile(schema: unknown, external: Record<string, unknown> = {}): (value: unknown) => string {
  return SerializerSelector()(external, undefined)({
    schema,
    method: 'GET',
    url: '',
    httpStatus: '200',
  } as never) as (value: unknown) => string;
}

/** Every `anyOf` left in a schema. */
function unions(schema: unknown): unknown[] {
  if (Array.isArray(schema)) return schema.flatMap(unions);
  if (typeof schema !== 'object' || schema === null) return [];
  const own = 'anyOf' in schema ? [schema] : [];
  return [...own, ...Object.values(schema).flatMap(unions)];
}

const Lead = Type.Object({ id: Type.Integer(), name: Type.String(), email: Nullable(Type.String()) });

/** A nullable value in every position the serializer's copy rewrites, in both orders of the union. */
const Everything = Type.Object({
  text: Nullable(Type.String()),
  date: Nullable(Type.String({ format: 'date' })),
  instant: Nullable(Type.String({ format: 'date-time' })),
  count: Nullable(Type.Integer()),
  ratio: Nullable(Type.Number()),
  flag: Nullable(Type.Boolean()),
  rag: Nullable(StringEnum(['red', 'amber', 'green'])),
  literals: Nullable(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
  flatLiterals: Type.Union([Type.Literal('open'), Type.Null(), Type.Literal('closed')]),
  one: Nullable(Type.Literal('only')),
  nullFirst: Type.Union([Type.Null(), Type.String()]),
  described: Type.Union([Type.Integer(), Type.Null()], { description: 'A count, or null' }),
  lead: Nullable(Lead),
  leads: Nullable(Type.Array(Lead)),
  names: Nullable(Type.Array(Nullable(Type.String()))),
  nested: Nullable(Type.Object({ inner: Nullable(Type.Object({ at: Nullable(Type.String()) })) })),
  // Properties named as keywords whose values are data are still schemas.
  default: Nullable(Type.String()),
  enum: Nullable(Type.Integer()),
  examples: Nullable(Type.Object({ const: Nullable(Type.Boolean()) })),
  // Last: fast-json-stringify writes the required properties first.
  maybe: Type.Optional(Nullable(Type.String())),
});

/** Each field's non-null value, in the schema's property order. */
const FILLED: Record<string, unknown> = {
  text: 'Quoted "text", a \\ backslash,\nnew line and é',
  date: '2026-11-23',
  instant: '2026-11-23T12:00:00.000Z',
  count: 42,
  ratio: 0.125,
  flag: false,
  rag: 'amber',
  literals: 'closed',
  flatLiterals: 'open',
  one: 'only',
  nullFirst: '',
  described: 0,
  lead: { id: 1, name: 'Alex', email: null },
  leads: [
    { id: 1, name: 'Alex', email: 'alex@example.org' },
    { id: 2, name: 'Sam', email: null },
  ],
  names: ['a', null, 'c'],
  nested: { inner: { at: null } },
  default: 'd',
  enum: 3,
  examples: { const: true },
  maybe: 'there',
};
const FIELDS = Object.keys(FILLED);

/** Values with nulls and non-nulls in every position: all filled, all null, and each alternation. */
function values(): Record<string, unknown>[] {
  const pick = (nullWhen: (i: number) => boolean) =>
    Object.fromEntries(FIELDS.map((key, i) => [key, nullWhen(i) ? null : FILLED[key]]));
  return [
    pick(() => false),
    pick(() => true),
    pick((i) => i % 2 === 0),
    pick((i) => i % 2 === 1),
    { ...pick(() => false), examples: { const: null } },
    ...FIELDS.map((_, only) => pick((i) => i === only)),
    { ...pick(() => false), nested: { inner: null }, leads: [], names: [] },
    Object.fromEntries(FIELDS.filter((key) => key !== 'maybe').map((key) => [key, FILLED[key]])),
  ];
}

describe("the serializer's copy of a schema: nullable unions as `nullable: true`", () => {
  it('writes the same bytes as the schema as written and as JSON.stringify, for nulls and values in every position', () => {
    const original = compile(withoutIds(Everything));
    const rewritten = compile(serializerSchema(Everything));
    const all = values();
    expect(all.length).toBeGreaterThan(FIELDS.length);
    for (const value of all) {
      const json = JSON.stringify(value);
      expect(original(value)).toBe(json);
      expect(rewritten(value)).toBe(json);
    }
  });

  it('rewrites every one of those unions, and leaves the schema it was given untouched', () => {
    const before = JSON.stringify(Everything);
    const copy = serializerSchema(Everything);
    expect(JSON.stringify(Everything)).toBe(before);
    expect(unions(Everything).length).toBeGreaterThan(FIELDS.length);
    expect(unions(copy)).toEqual([]);
    const props = (copy as unknown as { properties: Record<string, Record<string, unknown>> }).properties;
    expect(props.text).toEqual({ type: 'string', nullable: true });
    expect(props.literals).toEqual({ type: 'string', enum: ['open', 'closed'], nullable: true });
    expect(props.flatLiterals).toEqual({ type: 'string', enum: ['open', 'closed'], nullable: true });
    expect(props.described).toEqual({ description: 'A count, or null', type: 'integer', nullable: true });
    expect(props.lead).toMatchObject({ type: 'object', required: ['id', 'name', 'email'], nullable: true });
    expect(props.leads).toMatchObject({ type: 'array', nullable: true, items: { type: 'object' } });
    // Data (`default`, `examples`, `const`, `enum` values) is copied as it is, even when it looks like a union.
    const data = { anyOf: [{ type: 'string' }, { type: 'null' }] };
    const withData = serializerSchema(Type.Object({ a: Type.Any({ default: data, examples: [data] }) }));
    expect(withData.properties.a).toEqual({ default: data, examples: [data] });
  });

  it('leaves unions it cannot write as nullable as they are, and they still serialise beside rewritten ones', () => {
    const kept = {
      either: Type.Union([Type.String(), Type.Integer(), Type.Null()]),
      shapes: Type.Union([
        Type.Object({ a: Type.String() }),
        Type.Object({ b: Type.Integer() }),
        Type.Null(),
      ]),
      noNull: Type.Union([Type.Literal('a'), Type.Literal('b')]),
      nestedUnion: Nullable(Type.Union([Type.String(), Type.Integer()])),
      withDefault: Type.Union([Type.String(), Type.Null()], { default: 'x' }),
    };
    // The unions left are chosen by ajv at run time, which compiles the whole schema, rewritten parts too.
    const Kept = Type.Object({ ...kept, rag: Nullable(StringEnum(['red', 'green'])), lead: Nullable(Lead) });
    const copy = serializerSchema(Kept) as unknown as { properties: Record<string, unknown> };
    const asWritten = withoutIds(Kept) as unknown as { properties: Record<string, unknown> };
    for (const key of Object.keys(kept)) expect(copy.properties[key]).toEqual(asWritten.properties[key]);
    expect(unions(copy.properties.rag)).toEqual([]);
    expect(unions(copy.properties.lead)).toEqual([]);
    const serialize = compile(copy);
    const original = compile(withoutIds(Kept));
    for (const value of [
      {
        either: 7,
        shapes: { b: 2 },
        noNull: 'b',
        nestedUnion: 3,
        withDefault: null,
        rag: 'red',
        lead: FILLED.lead,
      },
      { either: null, shapes: null, noNull: 'a', nestedUnion: null, withDefault: 'y', rag: null, lead: null },
      {
        either: 'z',
        shapes: { a: 'q' },
        noNull: 'a',
        nestedUnion: 'n',
        withDefault: 'y',
        rag: 'green',
        lead: null,
      },
    ]) {
      expect(serialize(value)).toBe(JSON.stringify(value));
      expect(original(value)).toBe(JSON.stringify(value));
    }
  });

  it('follows a `$ref` within the schema: rewrites it when it names a single-type schema, keeps it otherwise', () => {
    const schema = {
      type: 'object',
      $defs: {
        lead: { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] },
        either: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
      },
      properties: {
        lead: { anyOf: [{ $ref: '#/$defs/lead' }, { type: 'null' }] },
        either: { anyOf: [{ type: 'null' }, { $ref: '#/$defs/either' }] },
      },
      required: ['lead', 'either'],
    };
    const copy = serializerSchema(schema);
    expect(copy.properties.lead).toEqual({ ...schema.$defs.lead, nullable: true });
    expect(copy.properties.either).toEqual(schema.properties.either);
    const original = compile(schema);
    const rewritten = compile(copy);
    for (const value of [
      { lead: { id: 3 }, either: 'x' },
      { lead: null, either: null },
      { lead: null, either: 4 },
    ]) {
      expect(original(value)).toBe(JSON.stringify(value));
      expect(rewritten(value)).toBe(JSON.stringify(value));
    }
  });

  it("rewrites fastify's shared schemas and the routes' `$ref`s to them, through the route's compiled serializer", async () => {
    const compilers = lazyCompilers();
    const app = Fastify({
      schemaController: { compilersFactory: { buildSerializer: compilers.buildSerializer } },
    });
    try {
      app.addSchema({ $id: 'Person', ...Lead });
      app.addSchema({ $id: 'Either', anyOf: [{ type: 'string' }, { type: 'integer' }] });
      const Answer = {
        type: 'object',
        properties: {
          person: { anyOf: [{ $ref: 'Person#' }, { type: 'null' }] },
          people: { type: 'array', items: { anyOf: [{ type: 'null' }, { $ref: 'Person' }] } },
          either: { anyOf: [{ $ref: 'Either#' }, { type: 'null' }] },
        },
      };
      const person = { id: 1, name: 'Alex', email: null };
      const answers = [
        { person, people: [person, null, { ...person, email: 'a@example.org' }], either: 'x' },
        { person: null, people: [], either: null },
        { person: null, people: [null], either: 5 },
      ];
      let turn = 0;
      app.get('/', { schema: { response: { 200: Answer } } }, async () => answers[turn++]);
      await app.ready();
      for (const answer of answers) {
        const res = await app.inject('/');
        expect(res.statusCode).toBe(200);
        expect(res.body).toBe(JSON.stringify(answer));
      }
      // A `$ref` to a union stays a union: its serializer still picks a branch; a single-type one does not.
      const shared = { Person: { $id: 'Person', ...Lead }, Either: { anyOf: [{ type: 'string' }] } };
      const copy = serializerSchema(Answer, shared);
      expect(copy.properties.person).toMatchObject({
        type: 'object',
        required: ['id', 'name', 'email'],
        nullable: true,
      });
      expect(copy.properties.person).not.toHaveProperty('$id');
      expect(copy.properties.people.items).toEqual(copy.properties.person);
      expect(copy.properties.either).toEqual(Answer.properties.either);
    } finally {
      await app.close();
    }
  });
});

describe("the routes' answers through the rewritten schemas", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ demo: true });
  });
  afterAll(async () => {
    await t.close();
  });

  it('leave no union in the board views, the action list, one action and My actions', () => {
    for (const schema of [MeetingView, ActionPage, ActionDetail, MyActions, RagHistory] as TSchema[]) {
      expect(unions(withoutIds(schema)).length).toBeGreaterThan(0);
      expect(unions(serializerSchema(schema))).toEqual([]);
    }
  });

  it('are byte for byte what the schema as written serialises, on the demo plan', async () => {
    const chair = await signIn(t.app, 'chair@example.org');
    const lead = await signIn(t.app, 'head.of.first.response@example.org');
    const planId = (await chair.agent.get('/api/plans')).body.items[0].id as number;
    const meetings = (await chair.agent.get(`/api/plans/${planId}/meetings`)).body.items as { id: number }[];
    const page = await chair.agent.get(`/api/plans/${planId}/actions?pageSize=200&includeArchived=true`);
    const actionIds = (page.body.items as { id: number }[]).map((a) => a.id);
    const reads: [typeof chair, string, TSchema][] = [
      ...meetings.map((m): [typeof chair, string, TSchema] => [chair, `/api/meetings/${m.id}`, MeetingView]),
      [chair, `/api/plans/${planId}/actions?pageSize=200&includeArchived=true`, ActionPage],
      ...actionIds.map((id): [typeof chair, string, TSchema] => [chair, `/api/actions/${id}`, ActionDetail]),
      [chair, `/api/plans/${planId}/rag-history`, RagHistory],
      [lead, '/api/me/actions', MyActions],
    ];
    expect(meetings.length).toBeGreaterThan(1);
    for (const [who, url, schema] of reads) {
      const res = await who.agent.get(url).buffer(true);
      expect(res.status, url).toBe(200);
      const asWritten = compile(withoutIds(schema));
      expect(asWritten(JSON.parse(res.text)), url).toBe(res.text);
    }
  });
});
