/**
 * Focus after a change of page: the new page's h1 takes focus (so a screen reader announces it) unless the
 * person has already moved focus elsewhere while the page was loading.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { requestHeadingFocus, takeHeadingFocus } from '../../../client/src/lib/page';

function button(label: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.textContent = label;
  document.body.append(b);
  return b;
}

afterEach(() => {
  takeHeadingFocus();
  document.body.replaceChildren();
});

describe('the heading’s focus after a navigation', () => {
  it('is taken when focus is still on the link that was followed', () => {
    const link = button('Plan');
    link.focus();
    requestHeadingFocus();
    expect(takeHeadingFocus()).toBe(true);
  });

  it('is taken when the focused element went with the old page', () => {
    const submit = button('Sign in');
    submit.focus();
    requestHeadingFocus();
    submit.remove();
    expect(takeHeadingFocus()).toBe(true);
  });

  it('is taken when nothing had focus', () => {
    (document.activeElement as HTMLElement | null)?.blur();
    requestHeadingFocus();
    expect(takeHeadingFocus()).toBe(true);
  });

  it('is not taken from a link the person tabbed to while the page loaded', () => {
    const followed = button('Overview');
    const next = button('Plan');
    followed.focus();
    requestHeadingFocus();
    next.focus();
    expect(takeHeadingFocus()).toBe(false);
  });

  it('is taken once per navigation, and never without one', () => {
    expect(takeHeadingFocus()).toBe(false);
    requestHeadingFocus();
    expect(takeHeadingFocus()).toBe(true);
    expect(takeHeadingFocus()).toBe(false);
  });
});
