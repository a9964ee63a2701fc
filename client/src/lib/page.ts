/**
 * Page titles and focus after navigation. On every route change after the first, focus moves to the new
 * page's h1 (rendered by PageHeading), so a screen reader announces the page; the browser's title reads
 * "<Page> – <Service>".
 */
export const SERVICE_NAME = 'Improvement Plan Tracker';

let focusPending = false;

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
}

/** Called by a page heading when it appears; returns true if it should take focus. */
export function takeHeadingFocus(): boolean {
  const pending = focusPending;
  focusPending = false;
  return pending;
}
