import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { configureHttp } from './api/http';
import { createAppRouter } from './router';
import { resetAfterSignOut, resetPlugin } from './stores/reset';
import { useSessionStore } from './stores/session';
import './styles/main.scss';

const pinia = createPinia();
pinia.use(resetPlugin);
const router = createAppRouter(pinia);
const session = useSessionStore(pinia);

configureHttp({
  csrfToken: () => session.csrfToken,
  onUnauthorised: () => {
    // The session ended (expired, signed out elsewhere, revoked): forget it and ask to sign in again,
    // coming back to this page afterwards (a form's draft is kept in the tab and put back there).
    resetAfterSignOut(pinia);
    const current = router.currentRoute.value;
    if (current.name !== 'sign-in') {
      void router.push({ name: 'sign-in', query: { next: current.fullPath, ended: '1' } });
    }
  },
  onSessionExpiry: (expiresAt) => session.noteExpiry(expiresAt),
});

createApp(App).use(pinia).use(router).mount('#app');
