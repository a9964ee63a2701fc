/** GOV.UK radios: every id on the page is unique, and each hint describes only what it belongs to. */
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import RadioGroup from '../../../client/src/components/base/RadioGroup.vue';

function mountGroup() {
  return mount(RadioGroup, {
    props: {
      id: 'reported-rag',
      legend: 'Your RAG',
      hint: 'Only if you rate it differently',
      modelValue: '',
      options: [
        { value: 'green', text: 'Green', hint: 'On track' },
        { value: 'amber', text: 'Amber', hint: 'At risk' },
        { value: 'red', text: 'Red' },
      ],
    },
  });
}

describe('RadioGroup', () => {
  it('gives the fieldset hint and each option hint ids of their own', () => {
    const wrapper = mountGroup();
    const ids = wrapper.findAll('[id]').map((el) => el.attributes('id'));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('describes the fieldset by its hint, and each option by its own hint only', () => {
    const wrapper = mountGroup();
    expect(wrapper.get('fieldset').attributes('aria-describedby')).toBe('reported-rag-hint');
    const radios = wrapper.findAll('input[type="radio"]');
    const first = radios[0]!.attributes('aria-describedby');
    expect(first).toBeDefined();
    expect(first).not.toBe('reported-rag-hint');
    expect(wrapper.get(`#${first}`).text()).toBe('On track');
    expect(wrapper.get(`#${radios[1]!.attributes('aria-describedby')}`).text()).toBe('At risk');
    expect(radios[2]!.attributes('aria-describedby')).toBeUndefined();
  });
});
