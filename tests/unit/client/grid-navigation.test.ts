/** Keyboard movement in the RAG history grid: the WAI-ARIA data grid keys, stopping at the edges. */
import { describe, expect, it } from 'vitest';
import { GRID_PAGE_ROWS, moveInGrid } from '../../../client/src/lib/grid-navigation';

const size = { rows: 21, cols: 31 }; // 21 actions; the action column and 30 meetings

describe('moving in the grid', () => {
  it('moves one cell with the arrow keys', () => {
    const from = { row: 4, col: 6 };
    expect(moveInGrid(from, size, { key: 'ArrowRight' })).toEqual({ row: 4, col: 7 });
    expect(moveInGrid(from, size, { key: 'ArrowLeft' })).toEqual({ row: 4, col: 5 });
    expect(moveInGrid(from, size, { key: 'ArrowDown' })).toEqual({ row: 5, col: 6 });
    expect(moveInGrid(from, size, { key: 'ArrowUp' })).toEqual({ row: 3, col: 6 });
  });

  it('stops at the edges instead of wrapping, and still claims the key', () => {
    expect(moveInGrid({ row: 0, col: 0 }, size, { key: 'ArrowUp' })).toEqual({ row: 0, col: 0 });
    expect(moveInGrid({ row: 0, col: 0 }, size, { key: 'ArrowLeft' })).toEqual({ row: 0, col: 0 });
    expect(moveInGrid({ row: 20, col: 30 }, size, { key: 'ArrowDown' })).toEqual({ row: 20, col: 30 });
    expect(moveInGrid({ row: 20, col: 30 }, size, { key: 'ArrowRight' })).toEqual({ row: 20, col: 30 });
  });

  it('goes to the start or end of the row with Home and End', () => {
    expect(moveInGrid({ row: 7, col: 12 }, size, { key: 'Home' })).toEqual({ row: 7, col: 0 });
    expect(moveInGrid({ row: 7, col: 12 }, size, { key: 'End' })).toEqual({ row: 7, col: 30 });
  });

  it('goes to the first or last cell of the grid with Ctrl (or Cmd) and Home or End', () => {
    expect(moveInGrid({ row: 7, col: 12 }, size, { key: 'Home', ctrlKey: true })).toEqual({ row: 0, col: 0 });
    expect(moveInGrid({ row: 7, col: 12 }, size, { key: 'End', ctrlKey: true })).toEqual({
      row: 20,
      col: 30,
    });
    expect(moveInGrid({ row: 7, col: 12 }, size, { key: 'End', metaKey: true })).toEqual({
      row: 20,
      col: 30,
    });
  });

  it('moves a page of rows with Page Up and Page Down, stopping at the ends', () => {
    expect(moveInGrid({ row: 2, col: 3 }, size, { key: 'PageDown' })).toEqual({
      row: 2 + GRID_PAGE_ROWS,
      col: 3,
    });
    expect(moveInGrid({ row: 18, col: 3 }, size, { key: 'PageDown' })).toEqual({ row: 20, col: 3 });
    expect(moveInGrid({ row: 4, col: 3 }, size, { key: 'PageUp' })).toEqual({ row: 0, col: 3 });
  });

  it('leaves other keys to the browser', () => {
    for (const key of ['Tab', 'Enter', ' ', 'a', 'Escape']) {
      expect(moveInGrid({ row: 1, col: 1 }, size, { key })).toBeNull();
    }
  });

  it('brings a position left outside a grid that shrank back inside it', () => {
    expect(moveInGrid({ row: 40, col: 50 }, size, { key: 'ArrowLeft' })).toEqual({ row: 20, col: 29 });
  });

  it('does nothing in an empty grid', () => {
    expect(moveInGrid({ row: 0, col: 0 }, { rows: 0, cols: 6 }, { key: 'ArrowDown' })).toBeNull();
  });
});
