import fs from 'node:fs';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { withoutIds } from '../lib/lazy-compilers.js';
import {
  CreateEvidenceBody,
  Evidence,
  EvidenceFileFields,
  EvidenceList,
  EvidenceQueue,
  IdParams,
  ReasonBody,
  ReviewEvidenceBody,
} from '@ipt/shared/schemas';
import { ALLOWED_DESCRIPTION } from '../lib/file-types.js';
import { HttpProblem, problem } from '../lib/problems.js';
import { actorOf } from '../plugins/auth.js';
import { describeValidation } from '../plugins/errors.js';
import { textProblems } from '../lib/input-rules.js';
import {
  ATTACHMENT_HEADER,
  listOf,
  problems,
  READ_PROBLEMS,
  requireIfMatch,
  sendVersioned,
  versionedChange,
  WRITE_PROBLEMS,
} from './http.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const validateFields = addFormats(new Ajv({ allErrors: true, strict: false })).compile(
  withoutIds(EvidenceFileFields),
);

/** `attachment` with the display name safe in both the plain and the RFC 5987 forms. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

const evidenceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const evidence = app.services.evidence;
  const maxBytes = app.config.uploadMaxBytes;

  app.get(
    '/actions/:id/evidence',
    {
      config: { access: 'signed-in' },
      schema: {
        operationId: 'listActionEvidence',
        tags: ['evidence'],
        summary: 'The evidence of an action (withdrawn items only for administrators)',
        description: 'Leads see the evidence of the actions they lead; the other roles see all.',
        params: IdParams,
        response: { 200: EvidenceList, ...problems(...READ_PROBLEMS) },
      },
    },
    async (request) => listOf(evidence.list(actorOf(request), request.params.id)),
  );

  app.post(
    '/actions/:id/evidence',
    {
      config: { access: ['admin', 'chair', 'lead'] },
      schema: {
        operationId: 'createEvidenceNote',
        tags: ['evidence'],
        summary: 'Add a link or a written note as evidence',
        params: IdParams,
        body: CreateEvidenceBody,
        response: { 201: Evidence, ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(evidence.add(actorOf(request), request.params.id, request.body)),
  );

  // Multipart (the one upload) only here: its parser and its two hooks (an async onRequest and onResponse
  // on every request it sees) are this route's, not a cost every other request pays. Uploads are streamed
  // part by part (request.parts()); nothing is buffered whole.
  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, { throwFileSizeLimit: true });
    const uploads = scope.withTypeProvider<TypeBoxTypeProvider>();
    uploads.post(
      '/actions/:id/evidence/files',
      {
        config: { access: ['admin', 'chair', 'lead'], multipartBody: EvidenceFileFields },
        schema: {
          operationId: 'uploadEvidenceFile',
          tags: ['evidence'],
          summary: `Upload a file as evidence (${ALLOWED_DESCRIPTION})`,
          description:
            'multipart/form-data with the fields title, description, purpose, effectiveDate and one file part named `file`. ' +
            `Streamed to disk, never held in memory; at most ${megabytes(maxBytes)} (413 over it); the type is checked by content (415 otherwise).`,
          params: IdParams,
          consumes: ['multipart/form-data'],
          response: { 201: Evidence, ...problems(...WRITE_PROBLEMS, 507) },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const { id } = request.params;
        evidence.requireAddable(actor, id);
        if (!request.isMultipart())
          throw problem.unsupportedType(
            'Send the file as multipart/form-data, with the fields and one part named file.',
          );

        // Refuse before the file streams in if it could not be kept anyway.
        await evidence.requireRoom(actor, 0);
        const upload = await evidence.stageUpload(
          request.parts({
            limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 25_000, parts: 12 },
          }),
          maxBytes,
        );
        const { fields, staged, fileName } = upload;
        // The same text rules as every JSON body (the validator compiler does not see multipart fields).
        const textErrors = textProblems(fields);
        if (textErrors.length > 0 || !validateFields(fields)) {
          await evidence.discardUpload(upload);
          const errors = describeValidation(
            textErrors.length > 0 ? textErrors : (validateFields.errors ?? []),
            'body',
          );
          throw new HttpProblem(
            400,
            'Your request has invalid data',
            errors.map((e) => e.message).join('; '),
            'validation',
            errors,
          );
        }
        const created = await evidence.addFile(
          actor,
          id,
          fields as unknown as typeof EvidenceFileFields.static,
          staged,
          fileName,
        );
        return reply.code(201).send(created);
      },
    );
  });

  app.get(
    '/evidence/:id/file',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['evidence'],
        summary: 'Download an evidence file (always as an attachment, never shown inline)',
        params: IdParams,
        response: {
          200: {
            description: 'The file',
            headers: { 'Content-Disposition': ATTACHMENT_HEADER },
            content: { 'application/octet-stream': { schema: Type.String({ format: 'binary' }) } },
          },
          ...problems(...READ_PROBLEMS),
        },
      },
    },
    async (request, reply) => {
      const f = evidence.download(actorOf(request), request.params.id);
      let stream: fs.ReadStream;
      try {
        await fs.promises.access(f.path);
        stream = fs.createReadStream(f.path);
      } catch {
        request.log.error({ path: f.path }, 'evidence file missing from the store');
        throw problem.notFound(`The stored file of evidence ${request.params.id}`);
      }
      return reply
        .header('content-type', f.contentType)
        .header('content-disposition', contentDisposition(f.fileName))
        .header('content-length', String(f.size))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox; frame-ancestors 'none'")
        .header('cache-control', 'private, no-store')
        .send(stream as unknown as string); // a stream; the schema documents it as binary
    },
  );

  app.post(
    '/evidence/:id/review',
    {
      config: { access: ['admin', 'chair'] },
      schema: {
        operationId: 'reviewEvidence',
        tags: ['evidence'],
        summary: 'Accept or reject evidence (a rejection needs a comment)',
        params: IdParams,
        body: ReviewEvidenceBody,
        ...versionedChange(Evidence),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const e = evidence.review(actorOf(request), id, request.body, requireIfMatch(request, 'evidence', id));
      return sendVersioned(reply, 'evidence', e);
    },
  );

  app.post(
    '/evidence/:id/withdraw',
    {
      config: { access: ['admin', 'chair', 'lead'] },
      schema: {
        tags: ['evidence'],
        summary:
          'Withdraw evidence with a reason: hidden from reports, kept in the record (by its uploader or an administrator)',
        params: IdParams,
        body: ReasonBody,
        response: { 200: Evidence, ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request) => evidence.withdraw(actorOf(request), request.params.id, request.body.reason),
  );

  app.get(
    '/plans/:id/evidence-queue',
    {
      config: { access: ['admin', 'chair'] },
      schema: {
        operationId: 'listEvidenceQueue',
        tags: ['evidence'],
        summary: 'Evidence awaiting the chair’s review, oldest first',
        params: IdParams,
        response: { 200: EvidenceQueue, ...problems(...READ_PROBLEMS) },
      },
    },
    async (request) => listOf(evidence.queue(request.params.id)),
  );
};

export default evidenceRoutes;
