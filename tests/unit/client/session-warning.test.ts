/**
 * The session warning: shown only in the last couple of minutes before the session ends, with the time; staying
 * signed in asks the API and moves the end on. Drafts are kept per person and page, and cleared on purpose.
 */
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import SessionTimeoutWarning from '../../../client/src/components/layout/SessionTimeoutWarning.vue';
import { clearAllDrafts, hasDraftAt, loadDraft, saveDraft } from '../../../client/src/lib/drafts';
import { useSessionStore } from '../../../client/src/stores/session';

const user = {
  id: 7,
  email: 'lead@example.org',
  name: 'A Lead',
  jobTitle: 'Head',
  role: 'lead' as const,
  leadId: 3,
  mustChangePassword: false,
};

describe('the session warning', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-23T10:00:00Z'));
    setActivePinia(createPinia());
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  function signedIn(expiresAt: string) {
    const session = useSessionStore();
    session.user = user;
    session.csrfToken = 'x'.repeat(43);
    session.expiresAt = expiresAt;
    return session;
  }

  it('stays hidden until two minutes before the end, then says when', async () => {
    signedIn('2026-11-23T10:30:00Z');
    const wrapper = mount(SessionTimeoutWarning);
    expect(wrapper.find('[data-testid="session-warning"]').exists()).toBe(false);
    vi.setSystemTime(new Date('2026-11-23T10:28:30Z'));
    await vi.advanceTimersByTimeAsync(5_000);
    const warning = wrapper.find('[data-testid="session-warning"]');
    expect(warning.exists()).toBe(true);
    expect(warning.attributes('role')).toBe('alert');
    expect(warning.text()).toContain('You will be signed out at 10:30, in 2 minutes');
    expect(warning.text()).toContain('Stay signed in');
  });

  it('staying signed in asks the API, and the new end hides the warning', async () => {
    const session = signedIn('2026-11-23T10:01:00Z');
    const fetchMock = vi.fn(
      async () =>
        new Response(JSON.stringify({ user, csrfToken: 'x'.repeat(43), expiresAt: '2026-11-23T10:31:00Z' }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const wrapper = mount(SessionTimeoutWarning);
    await vi.advanceTimersByTimeAsync(5_000);
    await wrapper.find('button').trigger('click');
    await flushPromises();
    expect(fetchMock).toHaveBeenCalledWith('/api/auth/me', expect.objectContaining({ method: 'GET' }));
    expect(session.expiresAt).toBe('2026-11-23T10:31:00Z');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(wrapper.find('[data-testid="session-warning"]').exists()).toBe(false);
  });
});

describe('drafts', () => {
  beforeEach(() => sessionStorage.clear());

  it('are kept per person and page, found by page before signing in, and cleared on purpose', () => {
    saveDraft(7, '/actions/3/update', { commentary: 'Half written' });
    expect(loadDraft<{ commentary: string }>(7, '/actions/3/update')?.value.commentary).toBe('Half written');
    expect(loadDraft(8, '/actions/3/update')).toBeNull();
    expect(hasDraftAt('/actions/3/update')).toBe(true);
    expect(hasDraftAt('/actions/13/update')).toBe(false);
    clearAllDrafts();
    expect(hasDraftAt('/actions/3/update')).toBe(false);
  });
});
