import type { AppInfo } from '@ipt/shared/schemas';
import { http } from './http';

export const appInfoApi = {
  get: () => http.get<AppInfo>('/app-info', { unauthorisedEndsSession: false }),
};
