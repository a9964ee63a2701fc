/** An item of evidence shows what it is in words: its kind, its purpose, its review state, and what to open. */
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { Evidence } from '@ipt/shared/schemas';
import EvidenceCard from '../../../client/src/components/evidence/EvidenceCard.vue';
import RagCounts from '../../../client/src/components/progress/RagCounts.vue';

const router = createRouter({
  history: createMemoryHistory(),
  routes: [{ path: '/:p(.*)*', component: { render: () => null } }],
});

const base: Evidence = {
  id: 12,
  actionId: 3,
  actionRef: '1.3',
  kind: 'file',
  title: 'CIN audit, October',
  description: '',
  purpose: 'completion',
  effectiveDate: '2026-10-31',
  fileName: 'cin-audit.pdf',
  contentType: 'application/pdf',
  fileSize: 240_000,
  url: null,
  note: null,
  uploadedBy: { id: 8, name: 'Helen Marsh', jobTitle: 'Service Director' },
  uploadedAt: '2026-11-02T10:00:00.000Z',
  reviewState: 'submitted',
  reviewedBy: null,
  reviewedAt: null,
  reviewComment: null,
  withdrawnAt: null,
  withdrawnBy: null,
  withdrawnReason: null,
  version: 1,
};

const render = (evidence: Evidence) =>
  mount(EvidenceCard, { props: { evidence }, global: { plugins: [router] } });

describe('EvidenceCard', () => {
  it('offers a file to download, with its type and size, and says it awaits review', () => {
    const wrapper = render(base);
    const link = wrapper.get('a[download]');
    expect(link.attributes('href')).toBe('/api/evidence/12/file');
    expect(link.text()).toBe('Download cin-audit.pdf');
    expect(wrapper.text()).toContain('(PDF, 234 KB)');
    expect(wrapper.get('.app-evidence__state').text()).toBe('Review: Awaiting review');
    expect(wrapper.text()).toContain('Evidence of completion');
    expect(wrapper.text()).toContain('31 October 2026');
  });

  it('links a link, shows a note as text, and gives the chair’s decision with its comment', () => {
    const link = render({
      ...base,
      kind: 'link',
      url: 'https://intranet.example.org/audit',
      reviewState: 'rejected',
      reviewedBy: { id: 2, name: 'Dr Margaret Ellis', jobTitle: 'Chair' },
      reviewedAt: '2026-11-03T10:00:00.000Z',
      reviewComment: 'Only covers two teams.',
    });
    expect(link.get('a.app-evidence__url').attributes('href')).toBe('https://intranet.example.org/audit');
    expect(link.get('a.app-evidence__url').attributes('rel')).toBe('noopener noreferrer');
    expect(link.get('.app-evidence__state').classes()).toContain('govuk-tag--red');
    expect(link.text()).toContain(
      'Rejected by Dr Margaret Ellis on 3 November 2026: “Only covers two teams.”',
    );

    const note = render({ ...base, kind: 'note', note: 'Audit of 30 cases: 19 good.', purpose: 'impact' });
    expect(note.find('a[download]').exists()).toBe(false);
    expect(note.text()).toContain('Audit of 30 cases: 19 good.');
    expect(note.text()).toContain('Evidence of impact');
  });

  it('marks withdrawn evidence as withdrawn, with the reason', () => {
    const wrapper = render({
      ...base,
      withdrawnAt: '2026-11-04T09:00:00.000Z',
      withdrawnBy: { id: 8, name: 'Helen Marsh', jobTitle: 'Service Director' },
      withdrawnReason: 'Superseded by the November audit.',
    });
    expect(wrapper.get('.app-evidence__state').text()).toBe('Review: Withdrawn');
    expect(wrapper.text()).toContain(
      'By Helen Marsh on 4 November 2026: “Superseded by the November audit.”',
    );
  });
});

describe('RagCounts', () => {
  it('gives each RAG its word, its colour and its number, worst first', () => {
    const wrapper = mount(RagCounts, {
      props: { counts: { red: 3, amber: 4, green: 10, blue: 1, not_started: 0 } },
    });
    const items = wrapper.findAll('li').map((li) => li.text().replace(/\s+/g, ' '));
    expect(items).toEqual([
      'Red 3 actions',
      'Amber 4 actions',
      'Green 10 actions',
      'Blue 1 action',
      'Not started 0 actions',
    ]);
    expect(wrapper.get('li').find('.govuk-tag--red').exists()).toBe(true);
  });
});
