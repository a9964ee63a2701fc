/**
 * Text limits: the schemas refuse longer text (400), and the client's forms count against the same numbers,
 * so a form never lets through what the API will refuse.
 */
export const TEXT_LIMITS = {
  /** An update's commentary: what was done, what is next, any blocker. */
  commentary: 10_000,
  /** A reason kept in the record (a new due date, an agreed RAG, a withdrawal, an archive). */
  reason: 2_000,
  /** A decision's comment (a timeframe request, a review of evidence). */
  comment: 2_000,
  /** An action's description, or a written note of evidence. */
  longText: 20_000,
  /** A note on an indicator's value, or an indicator's definition. */
  note: 2_000,
} as const;
