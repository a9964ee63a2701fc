import type { Pinia } from 'pinia';
import { useAccountsStore } from './accounts';
import { useActionsStore } from './actions';
import { useEvidenceStore } from './evidence';
import { useFlashStore } from './flash';
import { useMyActionsStore } from './my-actions';
import { useOverviewStore } from './overview';
import { useExportsStore } from './exports';
import { useLeadsStore } from './leads';
import { useMeetingsStore } from './meetings';
import { usePlanStore } from './plan';
import { useRecommendationsStore } from './recommendations';
import { useSessionStore } from './session';

/**
 * Forgets everything read for the person who was signed in, so the next person (or the same one after their
 * session ended) starts from what the API says now.
 */
export function resetAfterSignOut(pinia?: Pinia): void {
  useSessionStore(pinia).clear();
  useActionsStore(pinia).reset();
  usePlanStore(pinia).reset();
  useLeadsStore(pinia).reset();
  useRecommendationsStore(pinia).reset();
  useMeetingsStore(pinia).reset();
  useExportsStore(pinia).reset();
  useMyActionsStore(pinia).reset();
  useOverviewStore(pinia).reset();
  useEvidenceStore(pinia).reset();
  useFlashStore(pinia).reset();
  useAccountsStore(pinia).reset();
}
