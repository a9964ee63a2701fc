/**
 * Page titles and focus after navigation. On every route change after the first, focus moves to the new
 * page's h1 (rendered by PageHeading), so a screen reader announces the page; the browser's title reads
 * "<Page> – <Service>".
 */
export const SERVICE_NAME = 'Improvement Plan Tracker';

let focusPending = false;
/** Where focus was when the navigation finished: a heading only takes focus from there (or from nowhere). */
let focusedAtRequest: Element | null = null;

export function pageTitle(page: string | undefined, options: { error?: boolean } = {}): string {
  const parts = [page, SERVICE_NAME].filter((p): p is string => Boolean(p));
  return `${options.error ? 'Error: ' : ''}${parts.join(' – ')}`;
}

export function setPageTitle(page: string | undefined, options: { error?: boolean } = {}): void {
  document.title = pageTitle(page, options);
}

/** Called by the router after a navigation: the next page heading to appear takes focus. */
export function requestHeadingFocus(): void {
  focusPending = true;
  focusedAtRequest = document.activeElement;
}

/**
 * Called by a page heading when it appears; returns true if it should take focus. It does not when the
 * person has moved focus since the navigation (tabbed on while the page was loading, to the header's links
 * say): the heading would otherwise pull focus from under them, and the key they press next would land on
 * the heading instead of the link they chose.
 */
export function takeHeadingFocus(): boolean {
  const pending = focusPending;
  const before = focusedAtRequest;
  focusPending = false;
  focusedAtRequest = null;
  if (!pending) return false;
  const now = document.activeElement;
  return now === null || now === document.body || now === before || !now.isConnected;
}
