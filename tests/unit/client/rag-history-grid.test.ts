/**
 * The RAG history grid: an ARIA grid with one cell in the tab order, moved by the keyboard, each cell
 * saying which action, which meeting and which RAG; it copes with thirty meetings.
 */
import { mount, RouterLinkStub, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { RAGS, addDays, formatDate } from '@ipt/shared';
import type { Meeting, RagHistory } from '@ipt/shared/schemas';
import RagHistoryGrid from '../../../client/src/components/meetings/RagHistoryGrid.vue';
import RagHistoryList from '../../../client/src/components/meetings/RagHistoryList.vue';

function history(meetingCount: number): RagHistory {
  const meetings: Meeting[] = Array.from({ length: meetingCount }, (_, i) => {
    const date = addDays('2024-01-09', i * 42);
    const last = i === meetingCount - 1;
    return {
      id: i + 1,
      planId: 1,
      title: `Improvement board, ${formatDate(date)}`,
      meetingDate: date,
      papersCutoff: `${addDays(date, -7)}T17:00:00.000Z`,
      status: last ? 'scheduled' : 'locked',
      lockedAt: last ? null : `${addDays(date, 1)}T09:00:00.000Z`,
      lockedBy: null,
      version: 1,
    };
  });
  const actions = [
    {
      actionId: 11,
      ref: '1.1',
      objective: 'Clear protocols',
      themeTitle: 'Practice',
    },
    {
      actionId: 12,
      ref: '1.2',
      objective: 'A single point of contact',
      themeTitle: 'Practice',
    },
    {
      actionId: 21,
      ref: '2.1',
      objective: 'Good practice known',
      themeTitle: 'Performance',
    },
  ].map((a, r) => ({
    ...a,
    // The second action joined the plan at the third meeting: no RAG before it.
    rags: meetings.map((_, m) =>
      r === 1 && m < 2 ? null : (RAGS[(m - (r === 1 ? 2 : 0) + r) % RAGS.length] ?? null),
    ),
    agreed: r === 0 && meetings[1] ? [{ meetingId: meetings[1].id, rag: 'amber' as const }] : [],
  }));
  return { meetings, actions };
}

let wrapper: VueWrapper | null = null;

afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
});

function mountGrid(meetingCount: number) {
  wrapper = mount(RagHistoryGrid, {
    props: { history: history(meetingCount), labelledBy: 'history-heading' },
    attachTo: document.body,
    global: { stubs: { RouterLink: RouterLinkStub } },
  });
  return wrapper;
}

const active = () => document.activeElement as HTMLElement | null;

async function press(key: string, init: KeyboardEventInit = {}): Promise<void> {
  active()?.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
  await new Promise((r) => setTimeout(r, 0));
}

describe('the RAG history grid', () => {
  it('is a grid inside a labelled, focusable region that scrolls, with a column for each of 30 meetings', () => {
    const w = mountGrid(30);
    const region = w.get('[role="region"]');
    expect(region.attributes('aria-labelledby')).toBe('history-heading');
    expect(region.attributes('tabindex')).toBe('0');
    const grid = w.get('table[role="grid"]');
    expect(grid.attributes('aria-labelledby')).toBe('history-heading');
    expect(grid.findAll('thead th')).toHaveLength(31);
    expect(grid.findAll('tbody tr')).toHaveLength(3);
    expect(grid.findAll('tbody tr')[0]?.findAll('td')).toHaveLength(30);
    expect(grid.get('thead th:last-child').text()).toContain('Scheduled: live figures');
  });

  it('puts exactly one cell in the tab order', () => {
    const w = mountGrid(5);
    const inTabOrder = w.findAll('table [tabindex="0"]');
    expect(inTabOrder).toHaveLength(1);
    expect(inTabOrder[0]?.attributes('data-grid-cell')).toBe('0:1');
  });

  it('says in each cell which action, which meeting and which RAG, and where the board agreed another', () => {
    const w = mountGrid(5);
    const first = w.get('[data-grid-cell="0:1"]').text();
    expect(first).toMatch(/Action 1\.1, 9 January 2024:\s*Blue/);
    const agreed = w.get('[data-grid-cell="0:2"]').text();
    expect(agreed).toContain('Green');
    expect(agreed).toContain('Agreed');
    expect(agreed).toContain('Amber');
    expect(agreed).toContain('by the board instead of Green');
    // An action not yet in the plan at a meeting says so in words.
    expect(w.get('[data-grid-cell="1:1"]').text()).toContain('Not in the plan');
  });

  it('moves focus with the arrow keys, Home and End, and keeps one cell in the tab order', async () => {
    const w = mountGrid(30);
    (w.get('[data-grid-cell="0:1"]').element as HTMLElement).focus();
    expect(active()?.dataset.gridCell).toBe('0:1');

    await press('ArrowRight');
    expect(active()?.dataset.gridCell).toBe('0:2');
    expect(active()?.textContent).toContain('Action 1.1, 20 February 2024');

    await press('ArrowDown');
    expect(active()?.dataset.gridCell).toBe('1:2');
    expect(active()?.textContent).toContain('Action 1.2');

    await press('End');
    expect(active()?.dataset.gridCell).toBe('1:30');

    await press('Home');
    expect(active()?.dataset.gridCell).toBe('1:0');
    expect(active()?.tagName).toBe('A'); // the action itself: Enter opens it

    await press('End', { ctrlKey: true });
    expect(active()?.dataset.gridCell).toBe('2:30');
    await press('ArrowDown');
    expect(active()?.dataset.gridCell).toBe('2:30');

    await press('Home', { ctrlKey: true });
    expect(active()?.dataset.gridCell).toBe('0:0');

    const inTabOrder = w.findAll('table [tabindex="0"]');
    expect(inTabOrder).toHaveLength(1);
    expect(inTabOrder[0]?.attributes('data-grid-cell')).toBe('0:0');
  });

  it('makes a clicked cell the one in the tab order', async () => {
    const w = mountGrid(5);
    const cell = w.get('[data-grid-cell="2:3"]');
    (cell.element as HTMLElement).focus();
    await w.vm.$nextTick();
    expect(cell.attributes('tabindex')).toBe('0');
    expect(w.get('[data-grid-cell="0:1"]').attributes('tabindex')).toBe('-1');
  });
});

describe('the RAG history as a list', () => {
  it('gives every action its RAG at every meeting in words, under its theme', () => {
    const w = mount(RagHistoryList, {
      props: { history: history(3) },
      global: { stubs: { RouterLink: RouterLinkStub } },
    });
    expect(w.findAll('h3').map((h) => h.text())).toEqual(['Practice', 'Performance']);
    const text = w.text();
    expect(text).toContain('9 January 2024: Blue');
    expect(text).toContain('20 February 2024: Green, board agreed Amber');
    expect(text).toContain('2 April 2024 (scheduled, live figures)');
  });
});
