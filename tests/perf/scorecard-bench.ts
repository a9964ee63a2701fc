/**
 * The scorecard scenario of the bench: a plan with `indicators` indicators, each with `periods` monthly
 * values (entered through the real import route as one performance return), some linked to actions, each
 * with a target and comparators; the plan's scorecard is then read, computed afresh on every request.
 */
export interface ScorecardSetup {
  url: string;
  indicators: number;
  periods: number;
}

interface Session {
  cookie: string;
  csrf: string;
}

async function call(base: string, s: Session, method: string, url: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** The last day of the month `back` months before the current one. */
function monthEnd(back: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back + 1, 0)).toISOString().slice(0, 10);
}

export async function setUpScorecard(
  base: string,
  admin: Session,
  planId: number,
  actionIds: number[],
  indicators = 50,
  periods = 36,
): Promise<ScorecardSetup> {
  const names: string[] = [];
  for (let i = 0; i < indicators; i++) {
    const name = `Bench indicator ${i + 1}`;
    names.push(name);
    const ind = (await call(base, admin, 'POST', `/api/plans/${planId}/indicators`, {
      name,
      unit: i % 3 === 0 ? 'number' : 'percent',
      polarity: i % 5 === 0 ? 'context_only' : i % 2 ? 'lower_is_better' : 'higher_is_better',
      actionIds: actionIds.length ? [actionIds[i % actionIds.length]] : [],
      ...(i % 5 === 0 ? {} : { target: { value: 60, tolerance: 5, effectiveFrom: monthEnd(periods + 1) } }),
    })) as { id: number };
    for (const kind of ['statistical_neighbours', 'region', 'england'])
      await call(base, admin, 'POST', `/api/indicators/${ind.id}/comparators`, {
        kind,
        value: 55 + (i % 10),
        periodLabel: '2024-25',
      });
  }
  const lines = ['Indicator,Period,Value,Status'];
  for (const [i, name] of names.entries())
    for (let k = periods; k >= 1; k--)
      lines.push(
        `${name},${monthEnd(k)},${40 + ((i * 7 + k * 3) % 50)},${k > 2 ? 'validated' : 'provisional'}`,
      );
  const result = (await call(base, admin, 'POST', `/api/plans/${planId}/indicators/import`, {
    fileName: 'bench-return.csv',
    content: Buffer.from(lines.join('\n')).toString('base64'),
  })) as { imported: number };
  if (result.imported !== indicators * periods)
    throw new Error(`scorecard bench: imported ${result.imported} of ${indicators * periods} values`);
  return { url: `/api/plans/${planId}/scorecard`, indicators, periods };
}
