/** A page's errors: beside each field and in the summary, in page order; the API's put where they belong. */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../client/src/api/http';
import { useFormErrors } from '../../../client/src/lib/form-errors';

describe('useFormErrors', () => {
  it('lists field errors in the order the fields appear on the page', () => {
    const errors = useFormErrors();
    errors.declare('status', 'commentary');
    errors.set('commentary', 'Enter your commentary');
    errors.set('status', 'Select the status');
    expect(errors.summary.value).toEqual([
      { field: 'status', text: 'Select the status' },
      { field: 'commentary', text: 'Enter your commentary' },
    ]);
    errors.clear();
    expect(errors.hasErrors.value).toBe(false);
  });

  it('puts the API’s field errors beside their fields, capitalised', () => {
    const errors = useFormErrors();
    errors.fromApi(
      new ApiError({
        status: 400,
        title: 'Your request has invalid data',
        detail: 'commentary must not be empty',
        errors: [{ path: 'body.commentary', message: 'commentary must not be empty' }],
      }),
      { commentary: 'commentary' },
    );
    expect(errors.summary.value).toEqual([{ field: 'commentary', text: 'Commentary must not be empty' }]);
  });

  it('says plainly when someone else changed the action, and passes other problems on in their words', () => {
    const stale = useFormErrors();
    stale.fromApi(
      new ApiError({ status: 412, title: 'Someone else changed this first', detail: 'Action 1.1 changed' }),
    );
    expect(stale.summary.value).toEqual([
      { text: 'Someone else updated this action while you were working. Reload it to see what changed.' },
    ]);

    const forbidden = useFormErrors();
    forbidden.fromApi(
      new ApiError({ status: 403, title: 'You cannot do this', detail: 'You do not lead action 1.3.' }),
    );
    expect(forbidden.summary.value).toEqual([{ text: 'You do not lead action 1.3.' }]);
  });
});
