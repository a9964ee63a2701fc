/**
 * Performance indicators of a plan: set-up (targets, comparators, links to recommendations and actions),
 * values entered or imported (append-only: a correction is a new value), and the scorecard.
 */
import {
  endOfMonth,
  formatPeriod,
  londonDate,
  parseIsoDate,
  type Frequency,
  type IndicatorUnit,
} from '@ipt/shared';
import type {
  ComparatorBody,
  CreateIndicatorBody,
  ImportReturnBody,
  ImportReturnResult,
  Indicator,
  IndicatorListQuery,
  LinkedIndicator,
  RecordValueBody,
  RecordValuesBody,
  RecordValuesResult,
  Scorecard,
  TargetBody,
  UpdateIndicatorBody,
} from '@ipt/shared/schemas';
import { inTransaction } from '../db/client.js';
import {
  assessIndicator,
  indicatorRag,
  seriesAsOf,
  targetInForce,
  thresholdFor,
} from '../domain/indicators.js';
import { readReturn, ReturnReadError, sheetOf, type ReturnProblem } from '../imports/performance-return.js';
import { readTables, UnreadableFileError } from '../imports/readers.js';
import { problem, type ProblemFieldError } from '../lib/problems.js';
import type { Actor } from '../lib/types.js';
import type { IndicatorRow } from '../repositories/indicators.js';
import { canSeePlan } from '../domain/access.js';
import { recommendationLabel } from '../domain/citations.js';
import type { ServiceDeps } from './deps.js';
import type { RecordKeeper } from './records.js';
import { createScorecardReader } from './scorecard.js';

const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/**
 * Why a value cannot be recorded for a period of this indicator, or null. Periods are named by their last
 * day; quarters end in March, June, September and December; nothing is recorded for a month not yet begun.
 */
export function periodProblem(periodEnd: string, frequency: Frequency, today: string): string | null {
  const d = parseIsoDate(periodEnd);
  if (periodEnd !== endOfMonth(d.year, d.month))
    return `Name the period by its last day (${endOfMonth(d.year, d.month)} for ${formatPeriod(periodEnd)}).`;
  if (frequency === 'quarterly' && d.month % 3 !== 0)
    return 'This indicator is quarterly: its periods end in March, June, September or December.';
  const t = parseIsoDate(today);
  if (periodEnd > endOfMonth(t.year, t.month))
    return `${formatPeriod(periodEnd, frequency)} has not begun yet: values can be recorded up to the current month.`;
  return null;
}

export function valueProblem(value: number, unit: IndicatorUnit): string | null {
  if (!Number.isFinite(value)) return 'Enter a number.';
  if (value < 0) return 'Enter a value of 0 or more.';
  if (unit === 'percent' && value > 100) return 'A percentage is between 0 and 100.';
  return null;
}

/** What is wrong with a target (its value and Amber tolerance, in the indicator's unit), field by field. */
export function targetProblems(
  target: { value: number; tolerance?: number },
  unit: IndicatorUnit,
  path: string,
): ProblemFieldError[] {
  const errors: ProblemFieldError[] = [];
  const v = valueProblem(target.value, unit);
  if (v)
    errors.push({ path: `${path}value`, message: `The target: ${v.charAt(0).toLowerCase()}${v.slice(1)}` });
  const t = target.tolerance === undefined ? null : valueProblem(target.tolerance, unit);
  if (t)
    errors.push({
      path: `${path}tolerance`,
      message: `The Amber tolerance: ${t.charAt(0).toLowerCase()}${t.slice(1)}`,
    });
  return errors;
}

export function createIndicatorService(deps: ServiceDeps, records: RecordKeeper) {
  const { repos, sqlite, clock } = deps;
  const scorecards = createScorecardReader(deps);

  function toApi(rows: IndicatorRow[]): Indicator[] {
    const ids = rows.map((r) => r.id);
    const targets = repos.indicators.targets(ids);
    const comparators = repos.indicators.comparators(ids);
    const values = repos.indicators.values(ids);
    const actionLinks = repos.indicators.actionLinks(ids);
    const recLinks = repos.indicators.recommendationLinks(ids);
    const names = repos.indicators.recorders(
      [...values.values()].flatMap((vs) => vs.flatMap((v) => (v.recordedBy === null ? [] : [v.recordedBy]))),
    );
    const now = clock().toISOString();
    return rows.map((r) => {
      const ts = targets.get(r.id) ?? [];
      const vs = values.get(r.id) ?? [];
      const latestIdOfPeriod = new Map<string, number>();
      for (const v of vs) latestIdOfPeriod.set(v.periodEnd, v.id);
      return {
        id: r.id,
        planId: r.planId,
        name: r.name,
        definition: r.definition,
        unit: r.unit,
        polarity: r.polarity,
        frequency: r.frequency,
        owner: r.owner,
        dataSource: r.dataSource,
        threshold:
          r.thresholdKind && r.thresholdAmount !== null
            ? { kind: r.thresholdKind, amount: r.thresholdAmount }
            : null,
        effectiveThreshold: thresholdFor(r.unit, r.thresholdKind, r.thresholdAmount),
        position: r.position,
        version: r.version,
        archivedAt: r.archivedAt,
        targets: ts.map((t) => ({
          id: t.id,
          value: t.value,
          tolerance: t.tolerance,
          effectiveFrom: t.effectiveFrom,
          recordedAt: t.recordedAt,
        })),
        comparators: (comparators.get(r.id) ?? []).map((c) => ({
          id: c.id,
          kind: c.kind,
          value: c.value,
          periodLabel: c.periodLabel,
          recordedAt: c.recordedAt,
        })),
        actions: (actionLinks.get(r.id) ?? []).map((l) => ({
          id: l.actionId,
          ref: l.ref,
          objective: l.objective,
          themeTitle: l.themeTitle,
        })),
        recommendations: (recLinks.get(r.id) ?? []).map((l) => ({
          id: l.recommendationId,
          label: recommendationLabel(l.citation, l.sourceKind, l.number),
          text: l.text,
        })),
        values: vs.map((v) => ({
          id: v.id,
          periodEnd: v.periodEnd,
          value: v.value,
          status: v.status,
          note: v.note,
          recordedAt: v.recordedAt,
          recordedBy:
            v.recordedBy !== null && names.has(v.recordedBy)
              ? { id: v.recordedBy, name: names.get(v.recordedBy) ?? '' }
              : null,
          superseded: latestIdOfPeriod.get(v.periodEnd) !== v.id,
        })),
        series: seriesAsOf(vs, now).map((p) => {
          const target = targetInForce(ts, p.periodEnd);
          return { ...p, target: target?.value ?? null, rag: indicatorRag(r.polarity, p.value, target) };
        }),
      };
    });
  }

  /** Writes an append-only record and its audit row (whose `after` is what `write` answers) in one transaction. */
  function append(
    actor: Actor,
    audit: { event: string; entityType: 'indicator' | 'plan'; entityId: number },
    write: (now: string) => unknown,
  ): void {
    const now = clock().toISOString();
    inTransaction(sqlite, () => {
      const after = write(now);
      repos.audit.record({ at: now, userId: actor.id, ...audit, after });
    });
  }

  function requireRow(id: number): IndicatorRow {
    const row = repos.indicators.findRow(id);
    if (!row) throw problem.notFound(`Indicator ${id}`);
    return row;
  }
  function requireIndicator(id: number): Indicator {
    const [out] = toApi([requireRow(id)]);
    if (!out) throw problem.notFound(`Indicator ${id}`);
    return out;
  }
  function requireLive(id: number): IndicatorRow {
    const row = requireRow(id);
    if (row.archivedAt) throw problem.conflict('This indicator is archived and cannot be changed.');
    return row;
  }
  function requirePlan(planId: number): void {
    if (!repos.plans.findRow(planId)) throw problem.notFound(`Plan ${planId}`);
  }

  function checkLinks(planId: number, actionIds?: number[], recommendationIds?: number[]): void {
    const errors: ProblemFieldError[] = [];
    if (actionIds) {
      const ok = new Set(repos.indicators.actionsOfPlan(planId, actionIds));
      actionIds.forEach((id, i) => {
        if (!ok.has(id))
          errors.push({
            path: `body.actionIds.${i}`,
            message: `No live action of this plan has the id ${id}.`,
          });
      });
    }
    if (recommendationIds) {
      const ok = new Set(repos.indicators.liveRecommendations(recommendationIds));
      recommendationIds.forEach((id, i) => {
        if (!ok.has(id))
          errors.push({
            path: `body.recommendationIds.${i}`,
            message: `No live recommendation has the id ${id}.`,
          });
      });
    }
    if (errors.length) throw problem.unprocessable('Some links name nothing that can be linked.', errors);
  }

  function checkValue(
    row: IndicatorRow,
    periodEnd: string,
    value: number,
    path: string,
  ): ProblemFieldError[] {
    const today = londonDate(clock());
    const out: ProblemFieldError[] = [];
    const p = periodProblem(periodEnd, row.frequency, today);
    if (p) out.push({ path: `${path}periodEnd`, message: p });
    const v = valueProblem(value, row.unit);
    if (v) out.push({ path: `${path}value`, message: `${row.name}: ${v}` });
    return out;
  }

  /** Checks a performance return against the plan's indicators; every problem by row and column. */
  function checkReturn(planId: number, entries: ReturnType<typeof readReturn>['entries']) {
    const byName = new Map(
      repos.indicators.listRows(planId).map((r) => [r.name.trim().toLowerCase(), r] as const),
    );
    const today = londonDate(clock());
    const problems: ReturnProblem[] = [];
    const values: ImportReturnResult['values'] = [];
    const seen = new Map<string, number>();
    for (const e of entries) {
      const ind = byName.get(e.indicatorName.toLowerCase());
      if (!e.indicatorName)
        problems.push({ row: e.row, column: e.indicatorColumn, message: 'The indicator is missing.' });
      else if (!ind)
        problems.push({
          row: e.row,
          column: e.indicatorColumn,
          message: `"${e.indicatorName}" is not an indicator of this plan: use its name as the plan has it.`,
        });
      if (e.value === null)
        problems.push({
          row: e.row,
          column: e.valueColumn,
          message: e.rawValue ? `"${e.rawValue}" is not a number.` : 'The value is missing.',
        });
      if (e.status === null)
        problems.push({
          row: e.row,
          column: 'Status',
          message: `"${e.rawStatus}" is not a status: write provisional or validated.`,
        });
      if (!ind || e.value === null || !e.periodEnd || !e.status) continue;
      const pp = periodProblem(e.periodEnd, ind.frequency, today);
      if (pp) problems.push({ row: e.row, column: e.valueColumn, message: pp });
      const vp = valueProblem(e.value, ind.unit);
      if (vp) problems.push({ row: e.row, column: e.valueColumn, message: vp });
      const key = `${ind.id}:${e.periodEnd}`;
      const first = seen.get(key);
      if (first !== undefined)
        problems.push({
          row: e.row,
          column: e.valueColumn,
          message: `${ind.name} for ${formatPeriod(e.periodEnd, ind.frequency)} is already given in row ${first}.`,
        });
      else seen.set(key, e.row);
      values.push({
        row: e.row,
        indicatorId: ind.id,
        indicatorName: ind.name,
        periodEnd: e.periodEnd,
        value: e.value,
        status: e.status,
        note: e.note.slice(0, 2000),
      });
    }
    return { problems, values };
  }

  return {
    scorecards,

    list(planId: number, query: IndicatorListQuery): Indicator[] {
      requirePlan(planId);
      return toApi(repos.indicators.listRows(planId, query.includeArchived ?? false));
    },

    get: requireIndicator,

    create(actor: Actor, planId: number, body: CreateIndicatorBody): Indicator {
      requirePlan(planId);
      const name = body.name.trim();
      if (repos.indicators.nameTaken(planId, name))
        throw problem.conflict(`This plan already has an indicator called "${name}".`);
      checkLinks(planId, body.actionIds, body.recommendationIds);
      if (body.target) {
        if (body.polarity === 'context_only')
          throw problem.unprocessable('A context-only indicator has no target: leave the target out.', [
            { path: 'body.target', message: 'A context-only indicator has no target.' },
          ]);
        const bad = targetProblems(body.target, body.unit, 'body.target.');
        if (bad.length) throw problem.unprocessable(bad.map((e) => e.message).join(' '), bad);
      }
      const now = clock().toISOString();
      const id = inTransaction(sqlite, () => {
        const row = repos.indicators.insert({
          planId,
          name,
          definition: body.definition?.trim() ?? '',
          unit: body.unit,
          polarity: body.polarity,
          frequency: body.frequency ?? 'monthly',
          owner: body.owner?.trim() ?? '',
          dataSource: body.dataSource?.trim() ?? '',
          thresholdKind: body.threshold?.kind ?? null,
          thresholdAmount: body.threshold?.amount ?? null,
          position: body.position ?? repos.indicators.nextPosition(planId),
          createdAt: now,
          updatedAt: now,
        });
        if (body.actionIds) repos.indicators.setActionLinks(row.id, body.actionIds);
        if (body.recommendationIds) repos.indicators.setRecommendationLinks(row.id, body.recommendationIds);
        const target = body.target
          ? repos.indicators.insertTarget({
              indicatorId: row.id,
              value: body.target.value,
              tolerance: body.target.tolerance ?? 0,
              effectiveFrom: body.target.effectiveFrom,
              recordedBy: actor.id,
              recordedAt: now,
            })
          : null;
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'create',
          entityType: 'indicator',
          entityId: row.id,
          after: {
            ...row,
            actionIds: body.actionIds ?? [],
            recommendationIds: body.recommendationIds ?? [],
            target,
          },
        });
        return row.id;
      });
      return requireIndicator(id);
    },

    update(actor: Actor, id: number, expectedVersion: number, body: UpdateIndicatorBody): Indicator {
      const before = requireLive(id);
      const version = records.checkVersion(before.version, expectedVersion, 'The indicator');
      const name = body.name?.trim();
      if (name !== undefined && repos.indicators.nameTaken(before.planId, name, id))
        throw problem.conflict(`This plan already has an indicator called "${name}".`);
      checkLinks(before.planId, body.actionIds, body.recommendationIds);
      const beforeApi = requireIndicator(id);
      const now = clock().toISOString();
      inTransaction(sqlite, () => {
        const patch: Parameters<typeof repos.indicators.update>[2] = { updatedAt: now };
        if (name !== undefined) patch.name = name;
        if (body.definition !== undefined) patch.definition = body.definition.trim();
        if (body.unit !== undefined) patch.unit = body.unit;
        if (body.polarity !== undefined) patch.polarity = body.polarity;
        if (body.frequency !== undefined) patch.frequency = body.frequency;
        if (body.owner !== undefined) patch.owner = body.owner.trim();
        if (body.dataSource !== undefined) patch.dataSource = body.dataSource.trim();
        if (body.threshold !== undefined) {
          patch.thresholdKind = body.threshold?.kind ?? null;
          patch.thresholdAmount = body.threshold?.amount ?? null;
        }
        if (body.position !== undefined) patch.position = body.position;
        const after = repos.indicators.update(id, version, patch);
        if (!after)
          throw problem.stale('The indicator was changed by someone else. Reload it and try again.');
        if (body.actionIds) repos.indicators.setActionLinks(id, body.actionIds);
        if (body.recommendationIds) repos.indicators.setRecommendationLinks(id, body.recommendationIds);
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'update',
          entityType: 'indicator',
          entityId: id,
          before: {
            ...before,
            actionIds: beforeApi.actions.map((a) => a.id),
            recommendationIds: beforeApi.recommendations.map((r) => r.id),
          },
          after: { ...after, actionIds: body.actionIds, recommendationIds: body.recommendationIds },
        });
      });
      return requireIndicator(id);
    },

    archive(actor: Actor, id: number, expectedVersion: number, reason: string): Indicator {
      const record = requireRow(id);
      records.archive({
        actor,
        entityType: 'indicator',
        id,
        what: 'The indicator',
        record,
        expectedVersion,
        reason,
        update: (v, patch) => repos.indicators.update(id, v, patch),
      });
      return requireIndicator(id);
    },

    addTarget(actor: Actor, id: number, body: TargetBody): Indicator {
      const row = requireLive(id);
      if (row.polarity === 'context_only')
        throw problem.unprocessable('A context-only indicator has no target: change its polarity first.');
      const bad = targetProblems(body, row.unit, 'body.');
      if (bad.length) throw problem.unprocessable(bad.map((e) => e.message).join(' '), bad);
      append(actor, { event: 'set-target', entityType: 'indicator', entityId: id }, (now) =>
        repos.indicators.insertTarget({
          indicatorId: id,
          value: body.value,
          tolerance: body.tolerance ?? 0,
          effectiveFrom: body.effectiveFrom,
          recordedBy: actor.id,
          recordedAt: now,
        }),
      );
      return requireIndicator(id);
    },

    addComparator(actor: Actor, id: number, body: ComparatorBody): Indicator {
      const row = requireLive(id);
      const v = valueProblem(body.value, row.unit);
      if (v) throw problem.unprocessable(v, [{ path: 'body.value', message: v }]);
      append(actor, { event: 'add-comparator', entityType: 'indicator', entityId: id }, (now) =>
        repos.indicators.insertComparator({
          indicatorId: id,
          kind: body.kind,
          value: body.value,
          periodLabel: body.periodLabel.trim(),
          recordedBy: actor.id,
          recordedAt: now,
        }),
      );
      return requireIndicator(id);
    },

    /** One value (or a correction: a later value for the same period; the earlier one is kept). */
    recordValue(actor: Actor, id: number, body: RecordValueBody): Indicator {
      const row = requireLive(id);
      const errors = checkValue(row, body.periodEnd, body.value, 'body.');
      if (errors.length) throw problem.unprocessable(errors.map((e) => e.message).join(' '), errors);
      append(actor, { event: 'record-value', entityType: 'indicator', entityId: id }, (now) => {
        const value = {
          indicatorId: id,
          periodEnd: body.periodEnd,
          value: body.value,
          status: body.status,
          note: body.note?.trim() ?? '',
          recordedBy: actor.id,
          recordedAt: now,
        };
        repos.indicators.insertValues([value]);
        return value;
      });
      return requireIndicator(id);
    },

    /** A period's values for several indicators of a plan: all or none. */
    recordValues(actor: Actor, planId: number, body: RecordValuesBody): RecordValuesResult {
      requirePlan(planId);
      const live = new Map(repos.indicators.listRows(planId).map((r) => [r.id, r] as const));
      const errors: ProblemFieldError[] = [];
      const seen = new Set<number>();
      body.values.forEach((v, i) => {
        const row = live.get(v.indicatorId);
        if (!row) {
          errors.push({
            path: `body.values.${i}.indicatorId`,
            message: `No live indicator of this plan has the id ${v.indicatorId}.`,
          });
          return;
        }
        if (seen.has(v.indicatorId))
          errors.push({ path: `body.values.${i}.indicatorId`, message: `${row.name} is given twice.` });
        seen.add(v.indicatorId);
        const p = periodProblem(body.periodEnd, row.frequency, londonDate(clock()));
        if (p) errors.push({ path: 'body.periodEnd', message: `${row.name}: ${p}` });
        const vp = valueProblem(v.value, row.unit);
        if (vp) errors.push({ path: `body.values.${i}.value`, message: `${row.name}: ${vp}` });
      });
      if (errors.length)
        throw problem.unprocessable(
          'Nothing was recorded: correct the values named and send them again.',
          errors,
        );
      append(actor, { event: 'record-values', entityType: 'plan', entityId: planId }, (now) => {
        repos.indicators.insertValues(
          body.values.map((v) => ({
            indicatorId: v.indicatorId,
            periodEnd: body.periodEnd,
            value: v.value,
            status: v.status,
            note: v.note?.trim() ?? '',
            recordedBy: actor.id,
            recordedAt: now,
          })),
        );
        return {
          periodEnd: body.periodEnd,
          values: body.values.length,
          indicatorIds: body.values.map((v) => v.indicatorId),
        };
      });
      return { recorded: body.values.length, periodEnd: body.periodEnd };
    },

    /** Reads a performance return; with problems (or a dry run) writes nothing, else all of it at once. */
    async importReturn(actor: Actor, planId: number, body: ImportReturnBody): Promise<ImportReturnResult> {
      requirePlan(planId);
      const content = Buffer.from(body.content, 'base64');
      if (content.length > MAX_IMPORT_BYTES)
        throw problem.tooLarge('A performance return is at most 5 MB: split it, or save it as CSV.');
      let read: ReturnType<typeof readReturn>;
      try {
        read = readReturn(sheetOf(await readTables(body.fileName, content)));
      } catch (err) {
        if (err instanceof ReturnReadError || err instanceof UnreadableFileError)
          throw problem.unprocessable(`${body.fileName}: ${err.message}`);
        throw err;
      }
      const checked = checkReturn(planId, read.entries);
      const problems = [...read.problems, ...checked.problems].sort((a, b) => a.row - b.row);
      if (read.entries.length === 0 && problems.length === 0)
        problems.push({ row: 2, column: 'A', message: 'The file has no values under its headings.' });
      const ok = problems.length === 0;
      let imported = 0;
      if (ok && !body.dryRun) {
        append(actor, { event: 'import-values', entityType: 'plan', entityId: planId }, (now) => {
          repos.indicators.insertValues(
            checked.values.map(({ indicatorId, periodEnd, value, status, note }) => ({
              indicatorId,
              periodEnd,
              value,
              status,
              note,
              recordedBy: actor.id,
              recordedAt: now,
            })),
          );
          return { fileName: body.fileName, layout: read.layout, values: checked.values.length };
        });
        imported = checked.values.length;
      }
      return { layout: read.layout, ok, imported, values: checked.values, problems };
    },

    scorecard(planId: number): Scorecard {
      requirePlan(planId);
      return scorecards.plan(planId);
    },

    meetingScorecard(meetingId: number): Scorecard {
      const meeting = repos.meetings.find(meetingId);
      if (!meeting) throw problem.notFound(`Meeting ${meetingId}`);
      return scorecards.meeting(meeting);
    },

    /** The live indicators linked to a recommendation, each as it stands now: its impact evidence. */
    /** The indicators linked to a recommendation, of the plans the reader may see (a draft's, administrators only). */
    forRecommendation(actor: Actor, recommendationId: number): LinkedIndicator[] {
      if (!repos.recommendations.find(recommendationId))
        throw problem.notFound(`Recommendation ${recommendationId}`);
      const plans = new Map<number, boolean>();
      const visible = (planId: number) => {
        if (!plans.has(planId)) {
          const plan = repos.plans.find(planId);
          plans.set(planId, plan !== undefined && canSeePlan(actor, plan));
        }
        return plans.get(planId)!;
      };
      const rows = repos.indicators.forRecommendation(recommendationId).filter((r) => visible(r.planId));
      const ids = rows.map((r) => r.id);
      const values = repos.indicators.values(ids);
      const targets = repos.indicators.targets(ids);
      const now = clock().toISOString();
      return rows.map((r) => {
        const a = assessIndicator(
          {
            polarity: r.polarity,
            unit: r.unit,
            threshold: thresholdFor(r.unit, r.thresholdKind, r.thresholdAmount),
            targets: targets.get(r.id) ?? [],
            values: values.get(r.id) ?? [],
          },
          now,
        );
        return {
          id: r.id,
          planId: r.planId,
          name: r.name,
          unit: r.unit,
          frequency: r.frequency,
          latest: a.latest,
          rag: a.rag,
          sinceBaseline: a.sinceBaseline,
        };
      });
    },
  };
}
export type IndicatorService = ReturnType<typeof createIndicatorService>;
