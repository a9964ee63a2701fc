import type { Role } from '@ipt/shared';

/** The server's sense of now; tests replace it to stand at a papers cut-off or a due date. */
export type Clock = () => Date;

/**
 * The clock the process runs on: the system's, or — for a demonstration or a browser test — one that starts
 * at DEMO_CLOCK_START and runs on in real time from there.
 */
export function systemClock(config: { demoClockStart: Date | null }): Clock {
  const start = config.demoClockStart;
  if (start === null) return () => new Date();
  const offset = start.getTime() - Date.now();
  return () => new Date(Date.now() + offset);
}

/** The signed-in person a request acts for. */
export interface Actor {
  id: number;
  email: string;
  name: string;
  jobTitle: string;
  role: Role;
  /** The lead record this person answers for, if any. */
  leadId: number | null;
}
