/**
 * Where the current request came from (address and user agent), for the audit log. Set once per request by
 * the request-context plugin; outside a request (seed, migrations, tools) there is none.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestOrigin {
  address: string | null;
  userAgent: string | null;
}

export const requestOrigins = new AsyncLocalStorage<RequestOrigin>();

export function currentOrigin(): RequestOrigin | undefined {
  return requestOrigins.getStore();
}
