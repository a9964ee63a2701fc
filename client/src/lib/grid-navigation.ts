/**
 * Keyboard movement in an ARIA grid (WAI-ARIA Authoring Practices, data grid): one cell is in the tab
 * order (roving tabindex) and the keys move it. Pure, so it is tested on its own.
 *
 * - Arrow keys: one cell, stopping at the edges (no wrapping).
 * - Home / End: first / last cell of the row; with Ctrl (or Cmd): first / last cell of the grid.
 * - Page Up / Page Down: up or down a page of rows.
 */
export interface GridPosition {
  row: number;
  col: number;
}

export interface GridSize {
  rows: number;
  cols: number;
}

export interface GridKey {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
}

export const GRID_PAGE_ROWS = 10;

function clamp(n: number, max: number): number {
  return Math.max(0, Math.min(n, max));
}

/**
 * Where a key press moves focus to, or null for a key the grid leaves alone (Tab, letters…). At an edge
 * the position is returned unchanged: the key is still the grid's, so the page does not scroll.
 */
export function moveInGrid(from: GridPosition, size: GridSize, key: GridKey): GridPosition | null {
  if (size.rows <= 0 || size.cols <= 0) return null;
  const lastRow = size.rows - 1;
  const lastCol = size.cols - 1;
  const row = clamp(from.row, lastRow);
  const col = clamp(from.col, lastCol);
  const withCtrl = Boolean(key.ctrlKey || key.metaKey);
  switch (key.key) {
    case 'ArrowRight':
      return { row, col: clamp(col + 1, lastCol) };
    case 'ArrowLeft':
      return { row, col: clamp(col - 1, lastCol) };
    case 'ArrowDown':
      return { row: clamp(row + 1, lastRow), col };
    case 'ArrowUp':
      return { row: clamp(row - 1, lastRow), col };
    case 'Home':
      return withCtrl ? { row: 0, col: 0 } : { row, col: 0 };
    case 'End':
      return withCtrl ? { row: lastRow, col: lastCol } : { row, col: lastCol };
    case 'PageDown':
      return { row: clamp(row + GRID_PAGE_ROWS, lastRow), col };
    case 'PageUp':
      return { row: clamp(row - GRID_PAGE_ROWS, lastRow), col };
    default:
      return null;
  }
}
