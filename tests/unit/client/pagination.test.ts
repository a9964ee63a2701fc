/** GOV.UK pagination for a plan of 2,000 actions at 100 a page. */
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import PaginationNav from '../../../client/src/components/base/PaginationNav.vue';

const router = createRouter({
  history: createMemoryHistory(),
  routes: [{ path: '/', component: { render: () => null } }],
});

async function render(page: number, total: number) {
  await router.push('/');
  const wrapper = mount(PaginationNav, {
    props: { page, pageSize: 100, total, to: (n: number) => ({ path: '/', query: { page: String(n) } }) },
    global: { plugins: [router] },
  });
  await router.isReady();
  return wrapper;
}

describe('PaginationNav', () => {
  it('shows nothing when everything fits on one page', async () => {
    const wrapper = await render(1, 21);
    expect(wrapper.find('nav').exists()).toBe(false);
  });

  it('shows the first, last and neighbouring pages with ellipses between', async () => {
    const wrapper = await render(10, 2000);
    const items = wrapper.findAll('.govuk-pagination__item').map((li) => li.text());
    expect(items).toEqual(['1', '⋯', '9', '10', '11', '⋯', '20']);
    const current = wrapper.get('.govuk-pagination__item--current a');
    expect(current.attributes('aria-current')).toBe('page');
    expect(current.attributes('href')).toBe('/?page=10');
    expect(wrapper.get('.govuk-pagination__prev a').attributes('href')).toBe('/?page=9');
    expect(wrapper.get('.govuk-pagination__next a').attributes('href')).toBe('/?page=11');
    expect(wrapper.get('nav').attributes('aria-label')).toBe('Pages of results');
  });

  it('has no previous link on the first page and no next link on the last', async () => {
    const first = await render(1, 250);
    expect(first.find('.govuk-pagination__prev').exists()).toBe(false);
    expect(first.findAll('.govuk-pagination__item').map((li) => li.text())).toEqual(['1', '2', '3']);
    const last = await render(3, 250);
    expect(last.find('.govuk-pagination__next').exists()).toBe(false);
  });
});
