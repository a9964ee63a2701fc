import type { Role } from '@ipt/shared';

/** The server's sense of now; tests replace it to stand at a papers cut-off or a due date. */
export type Clock = () => Date;

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
