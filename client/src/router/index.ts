import { createRouter, createWebHistory, type RouteLocationNormalized, type Router } from 'vue-router';
import type { Pinia } from 'pinia';
import type { Role } from '@ipt/shared';
import { requestHeadingFocus, setPageTitle } from '../lib/page';
import { homeFor } from '../lib/progress';
import { EXPORT_ROLES } from '../lib/export-choices';
import { useSessionStore } from '../stores/session';

declare module 'vue-router' {
  interface RouteMeta {
    /** The page's name for document.title; pages with a title from data set it themselves. */
    title?: string;
    /** Open to people who are not signed in. */
    public?: boolean;
    /** Roles that may see the page; any signed-in role when absent. */
    roles?: readonly Role[];
  }
}

/** Only paths on this site: never an open redirect to somewhere else. */
export function safeNext(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  if (value.startsWith('/sign-in')) return null;
  return value;
}

// The pages most often opened next after signing in: their code is fetched once the person is signed in, in
// idle time, so the first click into the plan or a meeting does not wait for it.
const PlanView = () => import('../views/PlanView.vue');
const MeetingView = () => import('../views/MeetingView.vue');
let warmedUp = false;

function warmUpViews(): void {
  if (warmedUp) return;
  warmedUp = true;
  const fetchCode = () => {
    // A failure here (offline, a new deployment) is met again, and reported, when the page is opened.
    for (const view of [PlanView, MeetingView]) void view().catch(() => undefined);
  };
  if (typeof window.requestIdleCallback === 'function')
    window.requestIdleCallback(fetchCode, { timeout: 2000 });
  else setTimeout(fetchCode, 200);
}

/**
 * Starts fetching the code of the page being opened while the session is checked, rather than after (the
 * router asks for a lazy page's code only once the guards have passed): on a first load, one round trip
 * fewer before the page can ask for its data. The module system keeps the one download for the router.
 */
function fetchPageCode(to: RouteLocationNormalized): void {
  for (const record of to.matched) {
    const component = record.components?.default;
    // A lazy page is a function that is not itself a component (those carry props, a name or Vue's marks).
    if (typeof component !== 'function') continue;
    if ('props' in component || 'displayName' in component || '__vccOpts' in component) continue;
    void (component as () => Promise<unknown>)().catch(() => undefined);
  }
}

export function createAppRouter(pinia: Pinia): Router {
  const router = createRouter({
    history: createWebHistory('/'),
    routes: [
      {
        path: '/sign-in',
        name: 'sign-in',
        component: () => import('../views/SignInView.vue'),
        meta: { title: 'Sign in', public: true },
      },
      {
        path: '/',
        name: 'plan',
        component: PlanView,
        meta: { title: 'Plan' },
      },
      {
        path: '/actions/:id(\\d+)',
        name: 'action',
        component: () => import('../views/ActionView.vue'),
        meta: { title: 'Action' },
        props: (route) => ({ id: Number(route.params.id) }),
      },
      {
        path: '/my-actions',
        name: 'my-actions',
        component: () => import('../views/MyActionsView.vue'),
        meta: { title: 'My actions' },
      },
      {
        path: '/actions/:id(\\d+)/update',
        name: 'action-update',
        component: () => import('../views/ActionUpdateView.vue'),
        meta: { title: 'Update an action', roles: ['admin', 'chair', 'lead'] },
        props: (route) => ({ id: Number(route.params.id) }),
      },
      {
        path: '/actions/:id(\\d+)/complete',
        name: 'action-complete',
        component: () => import('../views/ActionUpdateView.vue'),
        meta: { title: 'Mark an action complete', roles: ['admin', 'chair', 'lead'] },
        props: (route) => ({ id: Number(route.params.id), complete: true }),
      },
      {
        path: '/actions/:id(\\d+)/due-date',
        name: 'action-due-date',
        component: () => import('../views/DueDateRequestView.vue'),
        meta: { title: 'Ask for a new due date', roles: ['admin', 'chair', 'lead'] },
        props: (route) => ({ id: Number(route.params.id) }),
      },
      {
        path: '/actions/:id(\\d+)/evidence/add',
        name: 'evidence-add',
        component: () => import('../views/AddEvidenceView.vue'),
        meta: { title: 'Add evidence', roles: ['admin', 'chair', 'lead'] },
        props: (route) => ({
          id: Number(route.params.id),
          purpose: typeof route.query.purpose === 'string' ? route.query.purpose : undefined,
        }),
      },
      {
        path: '/overview',
        name: 'overview',
        component: () => import('../views/OverviewView.vue'),
        meta: { title: 'Overview', roles: ['admin', 'chair'] },
      },
      {
        path: '/evidence/review',
        name: 'evidence-review',
        component: () => import('../views/EvidenceReviewView.vue'),
        meta: { title: 'Evidence to review', roles: ['admin', 'chair'] },
      },
      {
        path: '/recommendations',
        name: 'recommendations',
        component: () => import('../views/RecommendationsView.vue'),
        meta: { title: 'Recommendations' },
      },
      {
        path: '/meetings',
        name: 'meetings',
        component: () => import('../views/MeetingsView.vue'),
        meta: { title: 'Board meetings' },
      },
      {
        path: '/meetings/:id(\\d+)',
        name: 'meeting',
        component: MeetingView,
        meta: { title: 'Meeting' },
        props: (route) => ({ id: Number(route.params.id) }),
      },
      {
        path: '/risks',
        name: 'risks',
        component: () => import('../views/RisksView.vue'),
        meta: { title: 'Risk register' },
      },
      {
        path: '/risks/:id(\\d+)',
        name: 'risk',
        component: () => import('../views/RiskView.vue'),
        meta: { title: 'Risk' },
        props: (route) => ({ id: Number(route.params.id) }),
      },
      {
        path: '/risks/:id(\\d+)/change',
        name: 'risk-change',
        component: () => import('../views/RiskChangeView.vue'),
        meta: { title: 'Change the risk', roles: ['admin', 'chair'] },
        props: (route) => ({ id: Number(route.params.id) }),
      },
      {
        path: '/scorecard',
        name: 'scorecard',
        component: () => import('../views/ScorecardView.vue'),
        meta: { title: 'Scorecard' },
      },
      {
        path: '/scorecard/values',
        name: 'indicator-values',
        component: () => import('../views/IndicatorValuesView.vue'),
        meta: { title: 'Enter a month’s values', roles: ['admin'] },
      },
      {
        path: '/scorecard/import',
        name: 'indicator-import',
        component: () => import('../views/ImportReturnView.vue'),
        meta: { title: 'Import a performance return', roles: ['admin'] },
      },
      {
        path: '/indicators/:id(\\d+)',
        name: 'indicator',
        component: () => import('../views/IndicatorView.vue'),
        meta: { title: 'Indicator' },
        props: (route) => ({ id: Number(route.params.id) }),
      },
      {
        path: '/history',
        name: 'history',
        component: () => import('../views/HistoryView.vue'),
        meta: { title: 'RAG history' },
      },
      {
        path: '/export',
        name: 'export',
        component: () => import('../views/ExportView.vue'),
        meta: { title: 'Export a progress summary', roles: EXPORT_ROLES },
      },
      // Plan set-up (administrators).
      {
        path: '/admin',
        name: 'admin',
        component: () => import('../views/admin/AdminHomeView.vue'),
        meta: { title: 'Administration', roles: ['admin'] },
      },
      {
        path: '/admin/plans',
        name: 'admin-plans',
        component: () => import('../views/admin/AdminPlansView.vue'),
        meta: { title: 'Plan set-up', roles: ['admin'] },
      },
      {
        path: '/admin/plans/new',
        name: 'admin-plan-new',
        component: () => import('../views/admin/PlanFormView.vue'),
        meta: { title: 'Start a plan', roles: ['admin'] },
      },
      {
        path: '/admin/plans/:id(\\d+)',
        name: 'admin-plan',
        component: () => import('../views/admin/PlanSetupView.vue'),
        meta: { title: 'Plan set-up', roles: ['admin'] },
        props: (route) => ({ id: Number(route.params.id) }),
      },
      {
        path: '/admin/plans/:id(\\d+)/edit',
        name: 'admin-plan-edit',
        component: () => import('../views/admin/PlanFormView.vue'),
        meta: { title: 'Change the plan’s details', roles: ['admin'] },
        props: (route) => ({ id: Number(route.params.id) }),
      },
      {
        path: '/admin/plans/:id(\\d+)/:kind(source|recommendation|theme|area)/:recordId(\\d+)/change',
        name: 'admin-plan-record-change',
        component: () => import('../views/admin/SetupRecordChangeView.vue'),
        meta: { title: 'Change the plan’s set-up', roles: ['admin'] },
        props: (route) => ({
          planId: Number(route.params.id),
          kind: String(route.params.kind),
          recordId: Number(route.params.recordId),
        }),
      },
      {
        path: '/admin/plans/:id(\\d+)/actions/new',
        name: 'admin-action-new',
        component: () => import('../views/admin/ActionFormView.vue'),
        meta: { title: 'Add an action', roles: ['admin'] },
        props: (route) => ({ planId: Number(route.params.id) }),
      },
      {
        path: '/admin/actions/:id(\\d+)/edit',
        name: 'admin-action-edit',
        component: () => import('../views/admin/ActionFormView.vue'),
        meta: { title: 'Change an action', roles: ['admin'] },
        props: (route) => ({ id: Number(route.params.id) }),
      },
      {
        path: '/admin/indicators/new',
        name: 'admin-indicator-new',
        component: () => import('../views/admin/IndicatorFormView.vue'),
        meta: { title: 'Add a performance indicator', roles: ['admin'] },
      },
      {
        path: '/admin/indicators/:id(\\d+)/edit',
        name: 'admin-indicator-edit',
        component: () => import('../views/admin/IndicatorFormView.vue'),
        meta: { title: 'Change an indicator', roles: ['admin'] },
        props: (route) => ({ id: Number(route.params.id) }),
      },
      {
        path: '/admin/indicators/:id(\\d+)/target',
        name: 'admin-indicator-target',
        component: () => import('../views/admin/IndicatorFigureView.vue'),
        meta: { title: 'Set a target', roles: ['admin'] },
        props: (route) => ({ id: Number(route.params.id), kind: 'target' }),
      },
      {
        path: '/admin/indicators/:id(\\d+)/comparator',
        name: 'admin-indicator-comparator',
        component: () => import('../views/admin/IndicatorFigureView.vue'),
        meta: { title: 'Record a comparator', roles: ['admin'] },
        props: (route) => ({ id: Number(route.params.id), kind: 'comparator' }),
      },
      {
        path: '/account/password',
        name: 'change-password',
        component: () => import('../views/ChangePasswordView.vue'),
        meta: { title: 'Change your password' },
      },
      {
        path: '/admin/accounts',
        name: 'accounts',
        component: () => import('../views/admin/AccountsView.vue'),
        meta: { title: 'Accounts', roles: ['admin'] },
      },
      {
        path: '/admin/accounts/new',
        name: 'account-new',
        component: () => import('../views/admin/AccountNewView.vue'),
        meta: { title: 'Open an account', roles: ['admin'] },
      },
      {
        path: '/admin/accounts/:id(\\d+)',
        name: 'account',
        component: () => import('../views/admin/AccountView.vue'),
        meta: { title: 'Account', roles: ['admin'] },
        props: (route) => ({ id: Number(route.params.id) }),
      },
      {
        path: '/admin/accounts/:id(\\d+)/change',
        name: 'account-change',
        component: () => import('../views/admin/AccountChangeView.vue'),
        meta: { title: 'Change an account', roles: ['admin'] },
        props: (route) => ({ id: Number(route.params.id) }),
      },
      {
        path: '/admin/accounts/:id(\\d+)/reset-password',
        name: 'account-reset',
        component: () => import('../views/admin/AccountResetView.vue'),
        meta: { title: 'Reset a password', roles: ['admin'] },
        props: (route) => ({ id: Number(route.params.id) }),
      },
      {
        path: '/admin/leads',
        name: 'leads',
        component: () => import('../views/admin/LeadsView.vue'),
        meta: { title: 'Leads', roles: ['admin'] },
      },
      {
        path: '/admin/leads/:id(\\d+)',
        name: 'lead',
        component: () => import('../views/admin/LeadView.vue'),
        meta: { title: 'Lead', roles: ['admin'] },
        props: (route) => ({ id: Number(route.params.id) }),
      },
      {
        path: '/admin/plans/:id(\\d+)/import',
        name: 'plan-import',
        component: () => import('../views/ImportPlanView.vue'),
        meta: { title: 'Import a plan', roles: ['admin'] },
        props: (route) => ({ id: Number(route.params.id) }),
      },
      {
        path: '/admin/sources/:id(\\d+)/recommendations/import',
        name: 'recommendations-from-letter',
        component: () => import('../views/RecommendationsFromLetterView.vue'),
        meta: { title: 'Add recommendations from the letter', roles: ['admin'] },
        props: (route) => ({ id: Number(route.params.id) }),
      },
      {
        path: '/admin/plans/:id(\\d+)/roll-over',
        name: 'plan-roll-over',
        component: () => import('../views/RollOverView.vue'),
        meta: { title: 'Roll over to the next phase', roles: ['admin'] },
        props: (route) => ({ id: Number(route.params.id) }),
      },
      {
        path: '/accessibility',
        name: 'accessibility',
        component: () => import('../views/AccessibilityView.vue'),
        meta: { title: 'Accessibility statement', public: true },
      },
      {
        path: '/forbidden',
        name: 'forbidden',
        component: () => import('../views/ForbiddenView.vue'),
        meta: { title: 'You cannot see this page' },
      },
      {
        path: '/:pathMatch(.*)*',
        name: 'not-found',
        component: () => import('../views/NotFoundView.vue'),
        meta: { title: 'Page not found', public: true },
      },
    ],
    scrollBehavior(to, from, savedPosition) {
      if (savedPosition) return savedPosition;
      if (to.hash) return { el: to.hash };
      return { top: 0 };
    },
  });

  router.beforeEach(async (to: RouteLocationNormalized, from: RouteLocationNormalized) => {
    const session = useSessionStore(pinia);
    fetchPageCode(to);
    try {
      await session.ensureChecked();
    } catch {
      // The API is unreachable: treat as signed out; the sign-in page says what went wrong when tried.
    }
    if (to.name === 'sign-in' && session.isSignedIn) {
      return safeNext(to.query.next) ?? { name: 'plan' };
    }
    if (to.meta.public) return true;
    if (!session.isSignedIn) {
      return { name: 'sign-in', query: to.fullPath === '/' ? {} : { next: to.fullPath } };
    }
    // A one-time password is changed before anything else (the API refuses everything else meanwhile).
    if (session.mustChangePassword && to.name !== 'change-password') {
      return { name: 'change-password', query: to.fullPath === '/' ? {} : { next: to.fullPath } };
    }
    if (!session.hasRole(to.meta.roles)) return { name: 'forbidden' };
    // Signing in lands each role where its work starts (see homeFor).
    if (to.name === 'plan' && from.name === 'sign-in') {
      const home = homeFor(session.role, session.user?.leadId ?? null);
      if (home !== '/') return home;
    }
    return true;
  });

  router.afterEach((to, from, failure) => {
    if (failure) return;
    const session = useSessionStore(pinia);
    if (session.isSignedIn && !session.mustChangePassword) warmUpViews();
    setPageTitle(to.meta.title);
    // On the first page of a visit the browser starts at the top, as it should; after that, a change of
    // page (not of filters within it) moves focus to the new page's h1.
    if (from.matched.length > 0 && from.path !== to.path) requestHeadingFocus();
  });

  return router;
}
