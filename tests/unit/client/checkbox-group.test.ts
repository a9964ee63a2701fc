/** GOV.UK checkboxes: unique ids, the first box named by the group's id, the error described, the model the checked values. */
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import CheckboxGroup from '../../../client/src/components/base/CheckboxGroup.vue';

function mountGroup(error?: string) {
  return mount(CheckboxGroup, {
    props: {
      id: 'risk-actions',
      legend: 'Actions',
      hint: 'The actions that reduce this risk',
      error,
      modelValue: ['2'],
      options: [
        { value: '1', text: '1.1 Protocols' },
        { value: '2', text: '1.2 Front door' },
        { value: '3', text: '1.3 Safeguarding teams' },
      ],
    },
  });
}

describe('CheckboxGroup', () => {
  it('gives every element its own id, the first checkbox the group’s (where an error summary links)', () => {
    const wrapper = mountGroup('Select an action of this plan');
    const ids = wrapper.findAll('[id]').map((el) => el.attributes('id'));
    expect(new Set(ids).size).toBe(ids.length);
    expect(wrapper.findAll('input[type="checkbox"]')[0]!.attributes('id')).toBe('risk-actions');
    expect(wrapper.get('fieldset').attributes('aria-describedby')).toBe(
      'risk-actions-hint risk-actions-error',
    );
    expect(wrapper.get('#risk-actions-error').text()).toContain('Select an action of this plan');
  });

  it('shows the checked values and emits the new list when one is ticked', async () => {
    const wrapper = mountGroup();
    const boxes = wrapper.findAll<HTMLInputElement>('input[type="checkbox"]');
    expect(boxes.map((b) => b.element.checked)).toEqual([false, true, false]);
    await boxes[2]!.setValue(true);
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([['2', '3']]);
    expect(wrapper.find('.govuk-error-message').exists()).toBe(false);
  });
});
