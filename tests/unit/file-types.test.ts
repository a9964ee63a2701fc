import { describe, expect, it } from 'vitest';
import { withArticle } from '../../server/src/lib/file-types.js';

describe('the article before a file type, as it is said aloud', () => {
  it.each([
    ['EXE', 'an EXE'],
    ['ELF', 'an ELF'],
    ['SVG', 'an SVG'],
    ['HTML', 'an HTML'],
    ['MP4', 'an MP4'],
    ['ZIP', 'a ZIP'],
    ['PNG', 'a PNG'],
    ['RAR', 'a RAR'],
    ['GIF', 'a GIF'],
  ])('%s → %s', (extension, expected) => {
    expect(withArticle(extension)).toBe(expected);
  });
});
