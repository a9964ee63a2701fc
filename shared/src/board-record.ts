/**
 * The board's own record of a meeting: the narrative, the risk register and the decisions and board actions.
 * Shared words for the screens and the pack.
 */
export const RISK_STATUSES = ['open', 'closed'] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];
export const RISK_STATUS_LABELS: Record<RiskStatus, string> = { open: 'Open', closed: 'Closed' };

/** A risk's band, from its score (likelihood × impact): the same three colours as a RAG, always with its word. */
export const RISK_BANDS = ['red', 'amber', 'green'] as const;
export type RiskBand = (typeof RISK_BANDS)[number];
export const RISK_BAND_LABELS: Record<RiskBand, string> = { red: 'Red', amber: 'Amber', green: 'Green' };

/** How a risk's score moved since the previous meeting. */
export const RISK_MOVEMENTS = ['new', 'up', 'down', 'unchanged'] as const;
export type RiskMovement = (typeof RISK_MOVEMENTS)[number];
export const RISK_MOVEMENT_LABELS: Record<RiskMovement, string> = {
  new: 'New',
  up: 'Up',
  down: 'Down',
  unchanged: 'No change',
};

export const BOARD_ITEM_KINDS = ['decision', 'action'] as const;
export type BoardItemKind = (typeof BOARD_ITEM_KINDS)[number];

/** 1 (rare / minor) to 5 (almost certain / severe). */
export const RISK_SCALE_MIN = 1;
export const RISK_SCALE_MAX = 5;
