import type { Lead } from '@ipt/shared/schemas';
import { http } from './http';

export const leadsApi = {
  list: () => http.get<Lead[]>('/leads'),
};
