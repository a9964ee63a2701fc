/**
 * Evidence on an action: files, links and notes; the chair's review; withdrawal (never deletion). Files are
 * checked by content against the allow-list, stored once per content, and written with their row in one
 * logical step: a refused or failed upload leaves neither file nor row.
 */
import fs from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { formatDate, londonDate } from '@ipt/shared';
import type {
  CreateEvidenceBody,
  Evidence,
  EvidenceFileFields,
  EvidenceQueueItem,
  ReviewEvidenceBody,
} from '@ipt/shared/schemas';
import { inTransaction } from '../db/client.js';
import { canUpdateAction } from '../domain/access.js';
import { closedPlanProblem } from '../domain/plan-status.js';
import type { EvidenceStore, StagedFile } from '../lib/evidence-store.js';
import { cleanFileName, sniffFile } from '../lib/file-types.js';
import { HttpProblem, problem, storageProblem } from '../lib/problems.js';
import type { Actor } from '../lib/types.js';
import type { ServiceDeps } from './deps.js';

/** One part of a multipart upload, as the HTTP layer hands it over. */
export type UploadPart =
  | { type: 'file'; fieldname: string; filename: string; file: Readable }
  | { type: 'field'; fieldname: string; value: unknown };

/** An upload read to the end: its text fields, and its one file staged on disk (not yet stored). */
export interface StagedUpload {
  fields: Record<string, string>;
  staged: StagedFile;
  fileName: string;
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/** Who may see an action's evidence: every reader role, but a lead only on the actions they lead. */
function canReadEvidence(actor: Actor, leadIds: number[]): boolean {
  return actor.role !== 'lead' || canUpdateAction(actor, leadIds);
}

function mb(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

export function createEvidenceService({ repos, sqlite, clock, config }: ServiceDeps, store: EvidenceStore) {
  const quota = config.uploadQuota;

  /** Free bytes on the disk holding the evidence folder. */
  async function freeBytes(): Promise<number> {
    const s = await fs.statfs(store.root);
    return s.bavail * s.bsize;
  }

  /** Refuses a file of `size` bytes (or, before it arrives, one as large as allowed) that would not fit. */
  async function requireRoom(actor: Actor, size: number): Promise<void> {
    if ((await freeBytes()) - size < quota.minFreeBytes) {
      throw problem.insufficientStorage(
        'The server is running out of disk space, so it is not taking files just now. Tell your administrator; a link or a note can be added meanwhile.',
      );
    }
    const total = repos.evidence.fileBytes();
    if (total + size > quota.totalBytes) {
      throw problem.insufficientStorage(
        `Evidence files have reached the ${mb(quota.totalBytes)} set for this service. Tell your administrator; a link or a note can be added meanwhile.`,
      );
    }
    const own = repos.evidence.fileBytes(actor.id);
    if (own + size > quota.perUserBytes) {
      throw problem.quotaExceeded(
        `Your files would take ${mb(own + size)}, over the ${mb(quota.perUserBytes)} each person may upload (you have ${mb(own)}). Link to the document where it is kept instead, or ask your administrator.`,
      );
    }
  }

  function requireAction(id: number) {
    const row = repos.actions.row(id);
    if (!row) throw problem.notFound(`Action ${id}`);
    return row;
  }

  function requireReadable(actor: Actor, actionId: number) {
    const row = requireAction(actionId);
    if (!canReadEvidence(actor, repos.actions.leadIds(actionId))) {
      // Not even whether it exists: evidence can name teams and carry audit findings.
      throw problem.notFound(`Evidence of action ${actionId}`);
    }
    return row;
  }

  function checkCommon(fields: { effectiveDate: string }): void {
    const today = londonDate(clock());
    if (fields.effectiveDate > today) {
      throw problem.invalid(
        'body.effectiveDate',
        `the effective date is when the thing it shows happened, so it cannot be after today (${formatDate(today)})`,
      );
    }
  }

  function checkUrl(raw: string | undefined): string {
    if (!raw) throw problem.invalid('body.url', 'a link needs its address (url)');
    let url: URL;
    try {
      url = new URL(raw.trim());
    } catch {
      throw problem.invalid('body.url', 'url is not a web address; write it in full, starting https://');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw problem.invalid('body.url', 'url must start with https:// or http://');
    if (url.username || url.password)
      throw problem.invalid('body.url', 'url must not contain a user name or password');
    if (!url.hostname) throw problem.invalid('body.url', 'url has no host');
    return url.toString();
  }

  function insert(actor: Actor, row: Parameters<typeof repos.evidence.insert>[0]): Evidence {
    const id = inTransaction(sqlite, () => {
      const created = repos.evidence.insert(row);
      repos.audit.record({
        at: row.uploadedAt,
        userId: actor.id,
        event: 'create',
        entityType: 'evidence',
        entityId: created.id,
        after: created,
      });
      return created.id;
    });
    const e = repos.evidence.find(id);
    if (!e) throw new Error('evidence vanished after insert');
    return e;
  }

  return {
    store,
    requireRoom,

    /**
     * Reads an upload's parts to the end, staging its one file (named `file`) on disk as it streams. Any
     * failure — a part too large or too many, a cut-off body — discards what was staged and answers the
     * problem that says what to fix. `maxBytes` is the limit the parts were read with.
     */
    async stageUpload(parts: AsyncIterable<UploadPart>, maxBytes: number): Promise<StagedUpload> {
      const fields: Record<string, string> = {};
      let staged: StagedFile | undefined;
      let fileName = '';
      try {
        for await (const part of parts) {
          if (part.type === 'file') {
            if (part.fieldname !== 'file') {
              part.file.resume();
              throw problem.invalid(
                'body.file',
                `the file part must be named "file", not "${part.fieldname}"`,
              );
            }
            fileName = part.filename;
            staged = await store.stage(part.file);
          } else {
            fields[part.fieldname] = String(part.value);
          }
        }
      } catch (err) {
        if (staged) await store.discard(staged);
        if (err instanceof HttpProblem) throw err;
        const code = (err as { code?: string }).code;
        if (storageProblem(err)) throw err; // the errors plugin answers 507/503 and logs it
        if (code === 'FST_REQ_FILE_TOO_LARGE') {
          throw problem.tooLarge(
            `The file is larger than ${megabytes(maxBytes)}. Make it smaller (for example, save it as PDF) or split it.`,
          );
        }
        if (code === 'FST_FILES_LIMIT') throw problem.invalid('body.file', 'send one file at a time');
        if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
          throw problem.badRequest('The form has more parts than an evidence upload needs.');
        throw problem.badRequest('The upload did not arrive whole (it was cut off or malformed). Try again.');
      }
      if (!staged) throw problem.invalid('body.file', 'choose a file to upload');
      return { fields, staged, fileName };
    },

    /** Drops a staged upload that will not be stored (its fields were refused). */
    async discardUpload(upload: StagedUpload): Promise<void> {
      await store.discard(upload.staged);
    },

    list(actor: Actor, actionId: number): Evidence[] {
      requireReadable(actor, actionId);
      return repos.evidence.listForActions([actionId], actor.role === 'admin');
    },

    /** The action, if the actor may add evidence to it; call before reading an upload's bytes. */
    requireAddable(actor: Actor, actionId: number) {
      const row = requireAction(actionId);
      if (!canUpdateAction(actor, repos.actions.leadIds(actionId))) {
        throw problem.forbidden(
          `You do not lead action ${row.ref}. Only its leads, the chair and administrators add its evidence.`,
        );
      }
      if (row.archivedAt) throw problem.conflict(`Action ${row.ref} is archived; its record is closed.`);
      const closed = closedPlanProblem(repos.plans.findRow(row.planId));
      if (closed) throw problem.conflict(closed);
      return row;
    },

    add(actor: Actor, actionId: number, body: CreateEvidenceBody): Evidence {
      this.requireAddable(actor, actionId);
      checkCommon(body);
      const url = body.kind === 'link' ? checkUrl(body.url) : null;
      const note = body.kind === 'note' ? body.note?.trim() : null;
      if (body.kind === 'note' && !note) throw problem.invalid('body.note', 'a note needs its text (note)');
      if (body.kind === 'link' && body.note)
        throw problem.invalid('body.note', 'a link has no note; put words in its description');
      if (body.kind === 'note' && body.url)
        throw problem.invalid('body.url', 'a note has no url; add the link as a separate item');
      return insert(actor, {
        actionId,
        kind: body.kind,
        title: body.title.trim(),
        description: body.description?.trim() ?? '',
        purpose: body.purpose,
        effectiveDate: body.effectiveDate,
        url,
        note: note ?? null,
        uploadedBy: actor.id,
        uploadedAt: clock().toISOString(),
      });
    },

    /**
     * Stores a staged upload after checking its content, then writes its row. On any refusal or failure the
     * staged file is removed, and a newly stored file whose row could not be written is removed too.
     */
    async addFile(
      actor: Actor,
      actionId: number,
      fields: EvidenceFileFields,
      staged: StagedFile,
      originalName: string,
    ): Promise<Evidence> {
      let committed = false;
      let isNew = false;
      try {
        this.requireAddable(actor, actionId);
        checkCommon(fields);
        if (staged.size === 0) throw problem.invalid('body.file', 'the file is empty');
        await requireRoom(actor, staged.size);
        const sniff = await sniffFile(staged.tempPath, originalName);
        if (!sniff.ok) throw problem.unsupportedType(sniff.reason);
        const fileName = cleanFileName(originalName, sniff.type.extensions[0] ?? 'bin');
        isNew = await store.commit(staged);
        committed = true;
        return insert(actor, {
          actionId,
          kind: 'file',
          title: fields.title.trim(),
          description: fields.description?.trim() ?? '',
          purpose: fields.purpose,
          effectiveDate: fields.effectiveDate,
          fileHash: staged.hash,
          fileName,
          contentType: sniff.type.mime,
          fileSize: staged.size,
          uploadedBy: actor.id,
          uploadedAt: clock().toISOString(),
        });
      } catch (err) {
        if (!committed) await store.discard(staged);
        else if (isNew && !repos.evidence.hashInUse(staged.hash)) await store.remove(staged.hash);
        throw err;
      }
    },

    review(actor: Actor, id: number, body: ReviewEvidenceBody, expectedVersion?: number): Evidence {
      const row = repos.evidence.findRow(id);
      if (!row) throw problem.notFound(`Evidence ${id}`);
      if (row.withdrawnAt) throw problem.conflict('This evidence was withdrawn; it cannot be reviewed.');
      if (row.reviewState !== 'submitted') {
        throw problem.conflict(
          `This evidence was already ${row.reviewState}${row.reviewedAt ? ` on ${formatDate(row.reviewedAt)}` : ''}.`,
        );
      }
      if (expectedVersion !== undefined && expectedVersion !== row.version)
        throw problem.stale('This evidence changed since you opened it. Reload it.');
      const comment = body.comment?.trim() ?? '';
      if (body.decision === 'rejected' && !comment) {
        throw problem.invalid(
          'body.comment',
          'say why the evidence is rejected, so that its lead knows what would do',
        );
      }
      const now = clock().toISOString();
      inTransaction(sqlite, () => {
        const after = repos.evidence.update(id, row.version, {
          reviewState: body.decision,
          reviewedBy: actor.id,
          reviewedAt: now,
          reviewComment: comment || null,
        });
        if (!after)
          throw problem.stale('This evidence was reviewed by someone else a moment ago. Reload it.');
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: body.decision === 'accepted' ? 'accept' : 'reject',
          entityType: 'evidence',
          entityId: id,
          before: { reviewState: row.reviewState },
          after: { reviewState: body.decision, comment },
        });
      });
      const e = repos.evidence.find(id);
      if (!e) throw problem.notFound(`Evidence ${id}`);
      return e;
    },

    withdraw(actor: Actor, id: number, reason: string): Evidence {
      const row = repos.evidence.findRow(id);
      if (!row) throw problem.notFound(`Evidence ${id}`);
      if (!canReadEvidence(actor, repos.actions.leadIds(row.actionId)))
        throw problem.notFound(`Evidence ${id}`);
      if (actor.role !== 'admin' && actor.id !== row.uploadedBy) {
        throw problem.forbidden(
          'Only the person who added this evidence, or an administrator, can withdraw it.',
        );
      }
      if (row.withdrawnAt) throw problem.conflict('This evidence is already withdrawn.');
      const now = clock().toISOString();
      inTransaction(sqlite, () => {
        const after = repos.evidence.update(id, row.version, {
          withdrawnAt: now,
          withdrawnBy: actor.id,
          withdrawnReason: reason.trim(),
        });
        if (!after) throw problem.stale('This evidence changed a moment ago. Reload it.');
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'withdraw',
          entityType: 'evidence',
          entityId: id,
          before: { withdrawnAt: null },
          after: { withdrawnAt: now, reason: reason.trim() },
        });
      });
      const e = repos.evidence.find(id);
      if (!e) throw problem.notFound(`Evidence ${id}`);
      return e;
    },

    /** A file to send, if this actor may read it; withdrawn items only to administrators. */
    download(
      actor: Actor,
      id: number,
    ): { path: string; fileName: string; contentType: string; size: number } {
      const row = repos.evidence.findRow(id);
      if (!row || row.kind !== 'file' || !row.fileHash) throw problem.notFound(`Evidence file ${id}`);
      if (!canReadEvidence(actor, repos.actions.leadIds(row.actionId)))
        throw problem.notFound(`Evidence file ${id}`);
      if (row.withdrawnAt && actor.role !== 'admin') throw problem.notFound(`Evidence file ${id}`);
      return {
        path: store.pathOf(row.fileHash),
        fileName: row.fileName ?? 'evidence',
        contentType: row.contentType ?? 'application/octet-stream',
        size: row.fileSize ?? 0,
      };
    },

    queue(planId: number): EvidenceQueueItem[] {
      if (!repos.plans.findRow(planId)) throw problem.notFound(`Plan ${planId}`);
      return repos.evidence.queue(planId);
    },
  };
}
export type EvidenceService = ReturnType<typeof createEvidenceService>;
