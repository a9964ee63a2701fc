/**
 * Importing a council's plan from its own sheet (CSV, Excel, Word table): a preview that says what will be
 * created, changed or left alone and every problem with its row and column, then a commit of exactly that in
 * one transaction, or nothing. Re-importing a changed sheet updates actions matched by reference (history
 * and evidence stay with them) and never deletes: actions missing from the sheet are listed.
 */
import { createHash } from 'node:crypto';
import { londonDate, type QuarterYear } from '@ipt/shared';
import type {
  CreatePlanBody,
  ImportActionRow,
  ImportChange,
  ImportCommitBody,
  ImportPreview,
  ImportProblem,
  ImportRequest,
  ImportResult,
  LeadQuestion,
  RecommendationsImportBody,
  RecommendationsImportResult,
  RecommendationsPreview,
  RecommendationsPreviewBody,
  RollOverBody,
  RollOverResult,
} from '@ipt/shared/schemas';
import { inTransaction } from '../db/client.js';
import {
  CitationError,
  citedSources,
  describeCitation,
  parseCitations,
  type CitableSource,
} from '../domain/citations.js';
import { splitRecommendationList } from '../domain/letter.js';
import { formatTimeframe, parseTimeframe, TimeframeError, type Timeframe } from '../domain/timeframe.js';
import {
  ambiguousLeadSplit,
  headingKey,
  leadKindOf,
  PLAN_FIELD_LABELS,
  readPlanTable,
  type ColumnChoice,
  type PlanField,
  type PlanRowInput,
  type PlanTable,
} from '../imports/plan-csv.js';
import {
  formatOf,
  readTables,
  UnreadableFileError,
  type ImportFormat,
  type SourceTable,
} from '../imports/readers.js';
import { problem } from '../lib/problems.js';
import type { Actor } from '../lib/types.js';
import type { ActionRecord } from '../repositories/actions.js';
import { recommendationLabel } from '../domain/citations.js';
import type { ActionService } from './actions.js';
import type { ServiceDeps } from './deps.js';
import type { PlanService } from './plans.js';
import type { SourceService } from './sources.js';

const REF_PATTERN = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;
const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** Options the API does not offer: the demo seeder moves the fixture's dates to the present. */
export interface ImportOptions {
  adjustTimeframe?: (t: Timeframe) => Timeframe;
}

interface Read {
  tables: SourceTable[];
  format: ImportFormat;
}

interface PlannedAction {
  input: PlanRowInput;
  outcome: ImportActionRow['outcome'];
  timeframe: Timeframe | null;
  timeframeText: string;
  /** Lead names, each an existing lead's or one to create. */
  leadNames: string[];
  links: { recommendationId: number; scopeNote: string }[];
  recLabels: string[];
  existing: ActionRecord | undefined;
  changes: ImportChange[];
}

interface Analysis {
  fileName: string;
  format: ImportFormat;
  tables: SourceTable[];
  tableIndex: number | null;
  table: PlanTable | null;
  quarters: QuarterYear;
  mapping: Record<string, ColumnChoice>;
  planned: PlannedAction[];
  missing: { id: number; ref: string; objective: string }[];
  newThemes: string[];
  newAreas: { theme: string; area: string }[];
  newLeads: { name: string; kind: 'person' | 'team' | 'partner' }[];
  leadQuestions: LeadQuestion[];
  problems: ImportProblem[];
  notes: ImportProblem[];
  fieldsGiven: Set<PlanField>;
  token: string;
}

export function createImportService(
  deps: ServiceDeps,
  actions: ActionService,
  plans: PlanService,
  sourceService: SourceService,
) {
  const { repos, sqlite, clock } = deps;

  function requirePlan(planId: number) {
    const plan = repos.plans.findRow(planId);
    if (!plan) throw problem.notFound(`Plan ${planId}`);
    if (plan.archivedAt) throw problem.conflict('This plan is archived; nothing can be imported into it.');
    if (plan.status === 'closed') {
      throw problem.conflict('This plan is closed; import into the plan of its next phase instead.');
    }
    return plan;
  }

  async function read(input: Pick<ImportRequest, 'fileName' | 'content'>): Promise<Read> {
    const bytes = Buffer.from(input.content, 'base64');
    if (bytes.length === 0) throw problem.invalid('body.content', 'the file is empty: choose the file again');
    try {
      const tables = await readTables(input.fileName, bytes);
      return { tables, format: formatOf(input.fileName, bytes) ?? 'csv' };
    } catch (err) {
      if (err instanceof UnreadableFileError) {
        throw problem.unprocessable(err.message, [{ path: 'body.fileName', message: err.message }]);
      }
      throw err;
    }
  }

  /** Everything the preview shows and the commit writes, from the file and the plan as they are now. */
  function analyse(
    planId: number,
    fileName: string,
    { tables, format }: Read,
    request: Omit<ImportRequest, 'fileName' | 'content'>,
    options: ImportOptions,
  ): Analysis {
    const plan = requirePlan(planId);
    const quarters = request.quarters ?? plan.quarters;
    const mapping = {
      ...(repos.imports.mapping(planId) as Record<string, ColumnChoice>),
      ...request.mapping,
    };
    const problems: ImportProblem[] = [];
    const notes: ImportProblem[] = [];

    let tableIndex: number | null = null;
    let table: PlanTable | null = null;
    if (request.table !== undefined) {
      const chosen = tables[request.table];
      if (!chosen) {
        throw problem.invalid(
          'body.table',
          `the file has ${tables.length} table(s): choose 0 to ${tables.length - 1}`,
        );
      }
      tableIndex = request.table;
      table = readPlanTable(chosen.grid, mapping);
    } else {
      for (let i = 0; i < tables.length && !table; i++) {
        table = readPlanTable(tables[i]!.grid, mapping);
        if (table) tableIndex = i;
      }
    }
    const empty: Analysis = {
      fileName,
      format,
      tables,
      tableIndex,
      table,
      quarters,
      mapping,
      planned: [],
      missing: [],
      newThemes: [],
      newAreas: [],
      newLeads: [],
      leadQuestions: [],
      problems,
      notes,
      fieldsGiven: new Set(),
      token: '',
    };
    if (!table) {
      problems.push({
        row: null,
        column: null,
        field: null,
        message:
          'No table in the file has a header row naming at least three of Theme, Reference, Sources, ' +
          'What we want to achieve, Action, Lead and Timeframe. Check the file, or choose another table.',
      });
      return empty;
    }
    const letterOf = (field: PlanField) => table.columns.find((c) => c.field === field)?.letter ?? null;
    const fieldsGiven = new Set(table.columns.flatMap((c) => (c.field ? [c.field] : [])));
    empty.fieldsGiven = fieldsGiven;
    for (const f of table.missing) {
      problems.push({
        row: table.headerRow,
        column: null,
        field: f,
        message: `No column gives ${PLAN_FIELD_LABELS[f]}: map one of the unrecognised columns to it.`,
      });
    }
    for (const c of table.columns) {
      if (c.how === 'unrecognised' && c.heading.trim() !== '') {
        notes.push({
          row: table.headerRow,
          column: c.letter,
          field: null,
          message: `The column "${c.heading}" is not recognised: map it to a field, or ignore it.`,
        });
      }
    }
    if (table.missing.length) return empty;

    // What the plan has now.
    const themes = repos.themes.listForPlan(planId);
    const existingRows = repos.actions.rows({ planId, includeArchived: true });
    const byRef = new Map(existingRows.map((r) => [norm(r.ref), r] as const));
    const leadsNow = repos.actions.leadsFor(existingRows.map((r) => r.id));
    const recs = repos.recommendations.forPlan(planId);
    const sources = new Map<number, CitableSource>();
    for (const r of recs) {
      sources.set(r.sourceId, {
        id: r.sourceId,
        kind: r.sourceKind,
        title: r.sourceTitle,
        citation: r.citation,
      });
    }
    const recLabel = new Map(
      recs.map((r) => [r.id, recommendationLabel(r.citation, r.sourceKind, r.number)]),
    );
    const leadIdByKey = new Map<string, number>();
    const leadNameById = new Map<number, string>();
    for (const l of repos.leads.matchable()) {
      leadNameById.set(l.id, l.name);
      for (const k of [l.name, l.jobTitle, l.userName]) if (k) leadIdByKey.set(norm(k), l.id);
    }
    const newLeads = new Map<string, { name: string; kind: 'person' | 'team' | 'partner' }>();
    const leadQuestions: LeadQuestion[] = [];
    const newThemes: string[] = [];
    const newAreas: { theme: string; area: string }[] = [];
    const today = londonDate(clock());

    /** The name a lead will have: an existing lead's own name, or the name of one to create. */
    const leadName = (text: string): string => {
      const id = leadIdByKey.get(norm(text));
      if (id !== undefined) return leadNameById.get(id) ?? text;
      const known = newLeads.get(norm(text));
      if (known) return known.name;
      newLeads.set(norm(text), { name: text, kind: leadKindOf(text) });
      return text;
    };

    const seen = new Map<string, number>();
    const planned: PlannedAction[] = [];
    for (const input of table.rows) {
      const rowProblems: ImportProblem[] = [];
      const fail = (field: PlanField, message: string) =>
        rowProblems.push({ row: input.row, column: letterOf(field), field, message });
      const ref = input.ref;
      if (ref === '') fail('ref', `Row ${input.row} has no reference: give each action one, such as 1.1.`);
      else if (!REF_PATTERN.test(ref) || ref.length > 20) {
        fail(
          'ref',
          `The reference "${ref}" can only have letters, digits, full stops and hyphens (at most 20).`,
        );
      } else if (seen.has(norm(ref))) {
        fail('ref', `The reference ${ref} is also on row ${seen.get(norm(ref))}: give each action its own.`);
      } else seen.set(norm(ref), input.row);
      if (input.theme === '') fail('theme', `Row ${input.row} has no theme, and no theme above it.`);
      if (input.objective === '')
        fail('objective', `Row ${input.row} does not say what the action is to achieve.`);
      if (input.objective.length > 5000)
        fail('objective', 'What we want to achieve is longer than 5,000 characters.');
      if (input.action.length > 20000) fail('action', 'The action is longer than 20,000 characters.');

      let timeframe: Timeframe | null = null;
      try {
        timeframe = parseTimeframe(input.timeframe, {
          cell: `${letterOf('timeframe') ?? ''}${input.row}`,
          quarters,
          today,
        });
        if (options.adjustTimeframe) timeframe = options.adjustTimeframe(timeframe);
      } catch (err) {
        if (!(err instanceof TimeframeError)) throw err;
        fail('timeframe', err.message);
      }

      // Leads: existing by name, job title or account name; "and" asks the person.
      const names: string[] = [];
      for (const part of input.leads) {
        if (leadIdByKey.has(norm(part))) {
          names.push(leadName(part));
          continue;
        }
        const split = ambiguousLeadSplit(part);
        if (split) {
          const answer = request.leadSplits?.[part] ?? null;
          if (!leadQuestions.some((q) => q.text === part)) {
            leadQuestions.push({
              row: input.row,
              column: letterOf('leads') ?? '',
              text: part,
              parts: split,
              answer,
            });
          }
          if (answer === 'split') names.push(...split.map(leadName));
          else if (answer === 'keep') names.push(leadName(part));
          continue;
        }
        names.push(leadName(part));
      }
      if (input.leads.length === 0) fail('leads', `Row ${input.row} names no lead.`);
      const leadNames = [...new Set(names)];

      // Sources → the plan's recommendations.
      const links: { recommendationId: number; scopeNote: string }[] = [];
      try {
        for (const c of parseCitations(input.sources)) {
          const cands = new Set(citedSources(c, [...sources.values()]).map((s) => s.id));
          const found = recs.filter((r) => cands.has(r.sourceId) && r.number.toLowerCase() === c.number);
          if (found.length === 1) {
            if (!links.some((l) => l.recommendationId === found[0]!.id)) {
              links.push({ recommendationId: found[0]!.id, scopeNote: c.scopeNote });
            }
          } else if (found.length === 0) {
            fail(
              'sources',
              `"${describeCitation(c)}" is not a recommendation of this plan's sources: add it to its source, or correct the cell.`,
            );
          } else {
            fail(
              'sources',
              `"${describeCitation(c)}" could be ${found.map((r) => recLabel.get(r.id)).join(' or ')}: name the source, as in "Ofsted recommendation 3".`,
            );
          }
        }
      } catch (err) {
        if (!(err instanceof CitationError)) throw err;
        fail('sources', err.message);
      }

      // Theme and area: existing ones by title, or new.
      if (input.theme) {
        const theme = themes.find((t) => norm(t.title) === norm(input.theme));
        if (!theme && !newThemes.some((t) => norm(t) === norm(input.theme))) newThemes.push(input.theme);
        const area = theme?.areas.find((a) => norm(a.title) === norm(input.area));
        if (
          !area &&
          !newAreas.some((a) => norm(a.theme) === norm(input.theme) && norm(a.area) === norm(input.area))
        ) {
          newAreas.push({ theme: input.theme, area: input.area });
        }
      }

      const found = ref ? byRef.get(norm(ref)) : undefined;
      const existing = found ? repos.actions.row(found.id) : undefined;
      if (existing?.archivedAt) {
        fail(
          'ref',
          `Action ${existing.ref} is archived: give this row another reference, or restore the action first.`,
        );
      }
      const timeframeText =
        timeframe && options.adjustTimeframe ? formatTimeframe(timeframe) : input.timeframe;
      const changes: ImportChange[] = [];
      if (existing && !existing.archivedAt) {
        const compare = (field: string, from: string, to: string) => {
          if (from.replace(/\s+/g, ' ').trim() !== to.replace(/\s+/g, ' ').trim())
            changes.push({ field, from, to });
        };
        if (fieldsGiven.has('theme') && norm(existing.themeTitle) !== norm(input.theme)) {
          changes.push({ field: 'theme', from: existing.themeTitle, to: input.theme });
        }
        if (norm(existing.areaTitle) !== norm(input.area)) {
          changes.push({ field: 'area', from: existing.areaTitle, to: input.area });
        }
        compare('objective', existing.objective, input.objective);
        if (fieldsGiven.has('action') && fieldsGiven.has('objective'))
          compare('action', existing.description, input.action);
        const leadsBefore = (leadsNow.get(existing.id) ?? []).map((l) => l.name);
        if (
          leadsBefore.length !== leadNames.length ||
          leadsBefore.some((n) => !leadNames.some((m) => norm(m) === norm(n)))
        ) {
          changes.push({ field: 'leads', from: leadsBefore.join('; '), to: leadNames.join('; ') });
        }
        if (fieldsGiven.has('sources')) {
          const before = repos.actions.recommendationLinks(existing.id);
          const key = (l: { recommendationId: number; scopeNote: string }) =>
            `${l.recommendationId}|${l.scopeNote}`;
          const a = before.map(key).sort().join(',');
          const b = links.map(key).sort().join(',');
          if (a !== b) {
            changes.push({
              field: 'sources',
              from: before.map((l) => recLabel.get(l.recommendationId) ?? '').join('; '),
              to: links.map((l) => recLabel.get(l.recommendationId) ?? '').join('; '),
            });
          }
        }
        if (timeframe && norm(existing.timeframeText) !== norm(timeframeText)) {
          const due = timeframe.kind === 'dated' ? timeframe.dueDate : null;
          if (due !== existing.originalDueDate || timeframe.kind === 'complete') {
            notes.push({
              row: input.row,
              column: letterOf('timeframe'),
              field: 'timeframe',
              message: `Action ${existing.ref}'s timeframe is "${existing.timeframeText}" in the plan and "${input.timeframe}" here: a due date moves only through a timeframe change, so it is left as it is.`,
            });
          }
        }
      }
      problems.push(...rowProblems);
      planned.push({
        input,
        outcome: rowProblems.length
          ? 'problem'
          : !existing
            ? 'create'
            : changes.length
              ? 'update'
              : 'unchanged',
        timeframe,
        timeframeText,
        leadNames,
        links,
        recLabels: links.map((l) => recLabel.get(l.recommendationId) ?? ''),
        existing,
        changes,
      });
    }

    for (const q of leadQuestions.filter((x) => x.answer === null)) {
      notes.push({
        row: q.row,
        column: q.column,
        field: 'leads',
        message: `Is "${q.text}" one lead or ${q.parts.length} (${q.parts.join('; ')})? Say which before importing.`,
      });
    }
    const inSheet = new Set(table.rows.map((r) => norm(r.ref)));
    const missing = existingRows
      .filter((r) => !r.archivedAt && !inSheet.has(norm(r.ref)))
      .map((r) => ({ id: r.id, ref: r.ref, objective: r.objective }));

    const analysis: Analysis = {
      ...empty,
      planned,
      missing,
      newThemes,
      newAreas,
      newLeads: [...newLeads.values()],
      leadQuestions,
      fieldsGiven,
    };
    analysis.token = tokenOf(analysis);
    return analysis;
  }

  /** What a commit would write, hashed: a commit with another token was previewed against something else. */
  function tokenOf(a: Analysis): string {
    const what = {
      quarters: a.quarters,
      table: a.tableIndex,
      mapping: a.mapping,
      actions: a.planned.map((p) => [
        p.input,
        p.outcome,
        p.timeframe,
        p.leadNames,
        p.links,
        p.existing?.version ?? null,
        p.changes,
      ]),
      missing: a.missing.map((m) => m.id),
      newThemes: a.newThemes,
      newAreas: a.newAreas,
      newLeads: a.newLeads,
    };
    return createHash('sha256').update(JSON.stringify(what)).digest('base64url').slice(0, 32);
  }

  function toPreview(a: Analysis): ImportPreview {
    const problems = a.problems;
    const unanswered = a.leadQuestions.some((q) => q.answer === null);
    const count = (o: ImportActionRow['outcome']) => a.planned.filter((p) => p.outcome === o).length;
    return {
      fileName: a.fileName,
      format: a.format,
      tables: a.tables.map((t, index) => ({ index, name: t.name, rows: t.grid.length })),
      table: a.tableIndex,
      headerRow: a.table?.headerRow ?? null,
      columns: a.table?.columns ?? [],
      quarters: a.quarters,
      actions: a.planned.map((p) => ({
        row: p.input.row,
        ref: p.input.ref,
        outcome: p.outcome,
        theme: p.input.theme,
        area: p.input.area,
        objective: p.input.objective,
        leads: p.leadNames,
        timeframe: p.timeframeText,
        startDate:
          p.timeframe?.kind === 'dated' || p.timeframe?.kind === 'ongoing' ? p.timeframe.startDate : null,
        dueDate: p.timeframe?.kind === 'dated' ? p.timeframe.dueDate : null,
        recommendations: p.recLabels,
        changes: p.changes,
      })),
      missing: a.missing,
      newThemes: a.newThemes,
      newAreas: a.newAreas,
      newLeads: a.newLeads,
      leadQuestions: a.leadQuestions,
      problems,
      notes: a.notes,
      counts: {
        create: count('create'),
        update: count('update'),
        unchanged: count('unchanged'),
        missing: a.missing.length,
        problems: problems.length,
      },
      canCommit: problems.length === 0 && !unanswered && a.planned.length > 0,
      previewToken: a.token,
    };
  }

  /** Writes the analysis: all of it in one transaction, or (on any error) nothing. */
  function write(actor: Actor, planId: number, a: Analysis): ImportResult {
    if (a.problems.length) {
      throw problem.unprocessable(
        `The file has ${a.problems.length} problem${a.problems.length === 1 ? '' : 's'}; nothing was imported. Correct ${a.problems.length === 1 ? 'it' : 'them'} and preview again.`,
        a.problems.map((p) => ({
          path: p.row === null ? 'file' : `row ${p.row}${p.column ? `, column ${p.column}` : ''}`,
          message: p.message,
        })),
      );
    }
    const open = a.leadQuestions.filter((q) => q.answer === null);
    if (open.length) {
      throw problem.unprocessable(
        'Some lead cells have "and" in them: say whether each is one lead or several (leadSplits); nothing was imported.',
        open.map((q) => ({
          path: `row ${q.row}, column ${q.column}`,
          message: `"${q.text}": split or keep?`,
        })),
      );
    }
    if (a.planned.length === 0)
      throw problem.unprocessable('The table has no actions in it; nothing was imported.');
    const now = clock().toISOString();
    return inTransaction(sqlite, () => {
      const plan = repos.plans.findRow(planId);
      if (!plan) throw problem.notFound(`Plan ${planId}`);
      // Themes and areas through the plan service, so each is made (and audited) as a person would.
      let themes = repos.themes.listForPlan(planId);
      for (const title of a.newThemes) themes = plans.createTheme(actor, planId, { title });
      for (const na of a.newAreas) {
        const theme = themes.find((t) => norm(t.title) === norm(na.theme));
        if (!theme) throw new Error(`theme ${na.theme} missing`);
        themes = plans.createArea(actor, theme.id, { title: na.area });
      }
      const areaId = (theme: string, area: string) => {
        const t = themes.find((x) => norm(x.title) === norm(theme));
        const found = t?.areas.find((x) => norm(x.title) === norm(area));
        if (!found) throw new Error(`area ${theme} / ${area} missing`);
        return found.id;
      };
      const createdLeads: { id: number; name: string }[] = [];
      for (const l of a.newLeads) {
        const row = repos.leads.insert({
          name: l.name,
          kind: l.kind,
          userId: null,
          createdAt: now,
          updatedAt: now,
        });
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'import',
          entityType: 'lead',
          entityId: row.id,
          after: row,
        });
        createdLeads.push({ id: row.id, name: row.name });
      }
      const leadIds = (names: string[]) =>
        names.map((n) => {
          const l = repos.leads.findByName(n);
          if (!l) throw new Error(`lead ${n} missing`);
          return l.id;
        });

      const result: ImportResult = {
        planId,
        created: [],
        updated: [],
        unchanged: 0,
        missing: a.missing,
        newLeads: createdLeads,
      };
      for (const p of a.planned) {
        const input = p.input;
        if (p.outcome === 'create' && p.timeframe) {
          const id = actions.writeNew(actor, {
            planId,
            areaId: areaId(input.theme, input.area),
            ref: input.ref,
            objective: input.objective,
            description: input.action,
            timeframeText: p.timeframeText,
            timeframe: p.timeframe,
            leadIds: leadIds(p.leadNames),
            links: p.links,
            event: 'import',
          });
          result.created.push({ id, ref: input.ref });
        } else if (p.outcome === 'update' && p.existing) {
          const fields = new Set(p.changes.map((c) => c.field));
          const patch: Parameters<typeof repos.actions.update>[2] = {};
          if (fields.has('theme') || fields.has('area')) patch.areaId = areaId(input.theme, input.area);
          if (fields.has('objective')) patch.objective = input.objective.trim();
          if (fields.has('action')) patch.description = input.action.trim();
          actions.writeChange(
            actor,
            p.existing,
            p.existing.version,
            patch,
            fields.has('leads') ? leadIds(p.leadNames) : undefined,
            fields.has('sources') ? p.links : undefined,
            'import',
          );
          result.updated.push({ id: p.existing.id, ref: p.existing.ref, changes: p.changes });
        } else {
          result.unchanged++;
        }
      }
      // Remember how the person read the headings, and the quarter setting.
      const chosen: Record<string, string> = {};
      for (const c of a.table?.columns ?? []) {
        if (c.how === 'mapped' && c.field) chosen[c.key] = c.field;
        if (c.how === 'ignored') chosen[c.key] = 'ignore';
      }
      repos.imports.remember(planId, chosen, actor.id, now);
      if (plan.quarters !== a.quarters) {
        repos.plans.update(planId, plan.version, { quarters: a.quarters, updatedAt: now });
      }
      repos.audit.record({
        at: now,
        userId: actor.id,
        event: 'import',
        entityType: 'plan',
        entityId: planId,
        after: {
          fileName: a.fileName,
          created: result.created.length,
          updated: result.updated.map((u) => u.ref),
          unchanged: result.unchanged,
          missing: a.missing.map((m) => m.ref),
          newLeads: createdLeads.map((l) => l.name),
          mapping: chosen,
          quarters: a.quarters,
        },
      });
      return result;
    });
  }

  return {
    async preview(_actor: Actor, planId: number, request: ImportRequest): Promise<ImportPreview> {
      requirePlan(planId);
      return toPreview(analyse(planId, request.fileName, await read(request), request, {}));
    },

    async commit(actor: Actor, planId: number, body: ImportCommitBody): Promise<ImportResult> {
      requirePlan(planId);
      // Read the file before the transaction (readers are asynchronous); analyse and write without a pause.
      const a = analyse(planId, body.fileName, await read(body), body, {});
      if (a.token !== body.previewToken) {
        throw problem.conflict(
          'The plan or the file has changed since the preview, so it was not imported. Preview it again and check it.',
        );
      }
      return write(actor, planId, a);
    },

    /** Preview and commit in one step, for the demo seeder (and scripts that trust their file). */
    async importFile(
      actor: Actor,
      planId: number,
      request: ImportRequest,
      options: ImportOptions = {},
    ): Promise<ImportResult> {
      return write(actor, planId, analyse(planId, request.fileName, await read(request), request, options));
    },
    /** The recommendations a pasted list (or a sheet) holds, against what the source has: nothing is written. */
    async previewRecommendations(
      sourceId: number,
      body: RecommendationsPreviewBody,
    ): Promise<RecommendationsPreview> {
      const source = sourceService.get(sourceId);
      if (source.archivedAt)
        throw problem.conflict('This source is archived; recommendations cannot be added to it.');
      const problems: ImportProblem[] = [];
      let items: { number: string; text: string; row: number | null }[] = [];
      if (body.text !== undefined && body.text.trim() !== '') {
        items = splitRecommendationList(body.text).map((i) => ({
          number: i.number,
          text: i.text,
          row: i.line,
        }));
      } else if (body.fileName !== undefined && body.content !== undefined) {
        const { tables } = await read({ fileName: body.fileName, content: body.content });
        items = recommendationsFromSheet(tables, body.sheetSource, problems);
      } else {
        throw problem.invalid('body.text', 'paste the list of recommendations, or choose a file');
      }
      if (items.length === 0 && problems.length === 0) {
        problems.push({
          row: null,
          column: null,
          field: null,
          message: 'No numbered or bulleted items were found: paste the list itself.',
        });
      }
      const existing = repos.recommendations.forSource(sourceId);
      const seen = new Set<string>();
      for (const it of items) {
        const key = it.number.toLowerCase();
        if (seen.has(key)) {
          problems.push({
            row: it.row,
            column: null,
            field: null,
            message: `Recommendation ${it.number} is listed twice: number each once.`,
          });
        }
        seen.add(key);
      }
      return {
        items: items.map((it) => {
          const found = existing.find((e) => e.number.toLowerCase() === it.number.toLowerCase());
          return {
            number: it.number,
            text: it.text,
            outcome: !found ? 'create' : found.text.trim() === it.text.trim() ? 'unchanged' : 'update',
          };
        }),
        problems,
      };
    },

    /** Saves the (edited) items: new numbers added, changed texts updated, in one transaction. */
    importRecommendations(
      actor: Actor,
      sourceId: number,
      body: RecommendationsImportBody,
    ): RecommendationsImportResult {
      const source = sourceService.get(sourceId);
      if (source.archivedAt)
        throw problem.conflict('This source is archived; recommendations cannot be added to it.');
      const numbers = body.items.map((i) => i.number.trim().toLowerCase());
      const dup = numbers.find((n, i) => numbers.indexOf(n) !== i);
      if (dup !== undefined)
        throw problem.invalid('body.items', `recommendation ${dup} is listed twice: number each once`);
      const result = { created: 0, updated: 0, unchanged: 0 };
      inTransaction(sqlite, () => {
        const existing = repos.recommendations.forSource(sourceId);
        for (const item of body.items) {
          const found = existing.find((e) => e.number.toLowerCase() === item.number.trim().toLowerCase());
          if (!found) {
            sourceService.createRecommendation(actor, { sourceId, number: item.number, text: item.text });
            result.created++;
          } else if (found.archivedAt) {
            throw problem.conflict(
              `Recommendation ${found.number} of this source is archived: restore it, or give another number.`,
            );
          } else if (found.text.trim() !== item.text.trim()) {
            sourceService.updateRecommendation(actor, found.id, found.version, { text: item.text });
            result.updated++;
          } else result.unchanged++;
        }
      });
      return result;
    },

    /**
     * The next phase of a plan: a new plan answering the same sources, with the open actions carried over,
     * each linked to its origin (whose history, evidence and meeting records stay where they are). Actions
     * signed off as complete stay in the old plan, which closes and stays readable.
     */
    rollOver(actor: Actor, planId: number, body: RollOverBody): RollOverResult {
      const old = requirePlan(planId);
      const oldPlan = plans.get(actor, planId);
      const rows = repos.actions.rows({ planId });
      const open = rows.filter((r) => r.signedOffAt === null);
      const leadsOf = repos.actions.leadsFor(open.map((r) => r.id));
      const result = inTransaction(sqlite, () => {
        const createBody: CreatePlanBody = {
          title: body.title?.trim() || old.title,
          phase: body.phase.trim(),
          status: 'active',
          description: old.description,
          predecessorPlanId: old.id,
          quarters: old.quarters,
          sourceIds: oldPlan.sourceIds,
        };
        const next = plans.create(actor, createBody);
        const areaIds = new Map<string, number>();
        const carried: RollOverResult['carried'] = [];
        const now = clock().toISOString();
        for (const r of open) {
          const key = `${r.themeId}|${r.areaId}`;
          if (!areaIds.has(key)) {
            let theme = repos.themes.listForPlan(next.id).find((t) => t.title === r.themeTitle);
            theme ??= plans
              .createTheme(actor, next.id, { title: r.themeTitle })
              .find((t) => t.title === r.themeTitle)!;
            const area = plans
              .createArea(actor, theme.id, { title: r.areaTitle })
              .flatMap((t) => t.areas)
              .find((x) => x.themeId === theme.id && x.title === r.areaTitle)!;
            areaIds.set(key, area.id);
          }
          const record = repos.actions.row(r.id)!;
          const timeframe: Timeframe = r.dueDate
            ? { kind: 'dated', startDate: r.startDate, dueDate: r.dueDate }
            : { kind: 'ongoing', startDate: r.startDate };
          const id = actions.writeNew(actor, {
            planId: next.id,
            areaId: areaIds.get(key)!,
            ref: r.ref,
            objective: r.objective,
            description: record.description,
            // The timeframe as it stands now, after any approved change.
            timeframeText: r.dueDate === r.originalDueDate ? r.timeframeText : formatTimeframe(timeframe),
            timeframe,
            leadIds: (leadsOf.get(r.id) ?? []).map((l) => l.id),
            links: repos.actions.recommendationLinks(r.id),
            rolledOverFromId: r.id,
            event: 'roll-over',
          });
          carried.push({ id, ref: r.ref, fromId: r.id });
        }
        const closed = repos.plans.update(planId, old.version, { status: 'closed', updatedAt: now });
        if (!closed) throw problem.stale('The plan was changed by someone else. Reload it and try again.');
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'roll-over',
          entityType: 'plan',
          entityId: planId,
          before: { status: old.status },
          after: {
            status: 'closed',
            nextPlanId: next.id,
            carried: carried.length,
            stayed: rows.length - open.length,
          },
        });
        return { planId: next.id, carried, stayed: rows.length - open.length };
      });
      return { plan: plans.get(actor, result.planId), carried: result.carried, stayed: result.stayed };
    },
  };
}

/** A sheet of recommendations: Number and Recommendation columns, optionally a Source to filter by. */
function recommendationsFromSheet(
  tables: SourceTable[],
  sheetSource: string | undefined,
  problems: ImportProblem[],
): { number: string; text: string; row: number | null }[] {
  for (const { grid } of tables) {
    for (let h = 0; h < Math.min(grid.length, 20); h++) {
      const keys = (grid[h] ?? []).map(headingKey);
      const num = keys.findIndex((k) => /^(number|no|ref|reference|rec no|recommendation number)$/.test(k));
      const text = keys.findIndex(
        (k, i) => i !== num && /\b(recommendations?|text|what needs to improve|direction)\b/.test(k),
      );
      if (num < 0 || text < 0) continue;
      const src = keys.findIndex((k) => /^(source|report|from)$/.test(k));
      const out: { number: string; text: string; row: number | null }[] = [];
      for (let r = h + 1; r < grid.length; r++) {
        const cells = grid[r] ?? [];
        if (src >= 0 && sheetSource !== undefined && norm(cells[src] ?? '') !== norm(sheetSource)) continue;
        const number = (cells[num] ?? '').trim();
        const body = (cells[text] ?? '').replace(/\s+/g, ' ').trim();
        if (!number && !body) continue;
        if (!number)
          problems.push({ row: r + 1, column: null, field: null, message: `Row ${r + 1} has no number.` });
        else out.push({ number, text: body, row: r + 1 });
      }
      return out;
    }
  }
  problems.push({
    row: null,
    column: null,
    field: null,
    message: 'No table has a Number and a Recommendation column.',
  });
  return [];
}
export type ImportService = ReturnType<typeof createImportService>;
