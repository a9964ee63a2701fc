/** A RAG colour never stands alone: the tag always carries its word. */
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { RAG_LABELS, RAG_TAG_CLASSES, RAGS } from '@ipt/shared';
import RagTag from '../../../client/src/components/base/RagTag.vue';
import StatusTag from '../../../client/src/components/base/StatusTag.vue';

describe('RagTag', () => {
  it.each(RAGS)('shows the word for %s on its colour', (rag) => {
    const wrapper = mount(RagTag, { props: { rag } });
    const tag = wrapper.get('strong');
    expect(tag.text()).toBe(RAG_LABELS[rag]);
    expect(tag.classes()).toContain('govuk-tag');
    expect(tag.classes()).toContain(RAG_TAG_CLASSES[rag]);
  });

  it('can add words for screen readers before the rating', () => {
    const wrapper = mount(RagTag, { props: { rag: 'amber', prefix: 'Reported RAG:' } });
    expect(wrapper.text()).toBe('Reported RAG: Amber');
    expect(wrapper.get('.govuk-visually-hidden').text()).toBe('Reported RAG:');
  });
});

describe('StatusTag', () => {
  it('shows the status in words', () => {
    expect(mount(StatusTag, { props: { status: 'off_track' } }).text()).toBe('Off track');
    expect(mount(StatusTag, { props: { status: 'not_started' } }).text()).toBe('Not started');
  });
});
