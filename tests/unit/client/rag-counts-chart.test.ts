/** The RAG chart states its numbers in text beside each bar; the bars are hidden from screen readers. */
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import MovementText from '../../../client/src/components/meetings/MovementText.vue';
import RagCountsChart from '../../../client/src/components/meetings/RagCountsChart.vue';

describe('RagCountsChart', () => {
  const counts = { blue: 4, green: 9, amber: 5, red: 2, not_started: 1 };
  const previousCounts = { blue: 3, green: 9, amber: 6, red: 2, not_started: 1 };

  it('has a row per RAG, worst first, each with its word, the numbers and the change', () => {
    const w = mount(RagCountsChart, { props: { caption: 'Actions by RAG', counts, previousCounts } });
    expect(w.get('caption').text()).toBe('Actions by RAG');
    const rows = w.findAll('tbody tr').map((tr) => tr.findAll('th, td').map((c) => c.text()));
    expect(rows).toEqual([
      ['Red', '2', '2', 'No change'],
      ['Amber', '5', '6', 'Down 1'],
      ['Green', '9', '9', 'No change'],
      ['Blue', '4', '3', 'Up 1'],
      ['Not started', '1', '1', 'No change'],
    ]);
    for (const svg of w.findAll('svg')) expect(svg.attributes('aria-hidden')).toBe('true');
  });

  it('draws bars to scale', () => {
    const w = mount(RagCountsChart, { props: { caption: 'Actions by RAG', counts } });
    const width = (rag: string) => Number(w.get(`tr[data-rag="${rag}"] rect`).attributes('width'));
    expect(width('green')).toBeGreaterThan(width('amber'));
    expect(width('amber')).toBeGreaterThan(width('red'));
    expect(w.findAll('thead th')).toHaveLength(2); // no previous meeting: no second column
  });
});

describe('MovementText', () => {
  it('says the movement in words, with the arrow hidden from screen readers', () => {
    const w = mount(MovementText, { props: { movement: 'worsened', from: 'amber', to: 'red' } });
    expect(w.text()).toContain('Worsened from Amber to Red');
    expect(w.get('.app-movement-text__arrow').attributes('aria-hidden')).toBe('true');
  });
});
