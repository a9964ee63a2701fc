/** The words of the daily work: the papers deadline, where each role lands, evidence in words. */
import { describe, expect, it } from 'vitest';
import type { Meeting } from '@ipt/shared/schemas';
import { fileSizeText, fileTypeText, tooLargeMessage } from '../../../client/src/lib/evidence';
import { evidenceCountsText, homeFor, papersDeadlineText, timeText } from '../../../client/src/lib/progress';

const meeting: Meeting = {
  id: 5,
  planId: 1,
  title: 'Improvement board, 15 December 2026',
  meetingDate: '2026-12-15',
  papersCutoff: '2026-12-08T17:00:00.000Z',
  status: 'scheduled',
  lockedAt: null,
  lockedBy: null,
  version: 1,
};

describe('the papers deadline', () => {
  it('says when the papers for the next board close, the British way', () => {
    expect(papersDeadlineText(meeting, new Date('2026-11-23T12:00:00Z'))).toBe(
      'Papers for the Improvement board on 15 December 2026 close at 5pm on 8 December 2026',
    );
  });

  it('says "closed" once the cut-off has passed, and reads summer times in BST', () => {
    const summer = {
      ...meeting,
      title: 'Extraordinary board',
      meetingDate: '2026-07-14',
      papersCutoff: '2026-07-07T16:30:00.000Z',
    };
    expect(papersDeadlineText(summer, new Date('2026-07-08T09:00:00Z'))).toBe(
      'Papers for the Extraordinary board on 14 July 2026 closed at 5:30pm on 7 July 2026',
    );
  });

  it('writes times as GOV.UK does', () => {
    expect(timeText('2026-12-08T12:00:00Z')).toBe('midday');
    expect(timeText('2026-12-08T00:00:00Z')).toBe('midnight');
    expect(timeText('2026-12-08T09:05:00Z')).toBe('9:05am');
    expect(timeText('2026-06-08T16:00:00Z')).toBe('5pm');
  });
});

describe('where each role lands after signing in', () => {
  it('sends a lead to their actions, the chair and administrators to the overview, the adviser to the export', () => {
    expect(homeFor('lead', 4)).toBe('/my-actions');
    expect(homeFor('chair')).toBe('/overview');
    expect(homeFor('admin', 3)).toBe('/overview');
    expect(homeFor('adviser', null)).toBe('/export');
    expect(homeFor('viewer')).toBe('/');
  });
});

describe('evidence in words', () => {
  it('counts what was accepted, what waits and what was rejected', () => {
    expect(evidenceCountsText({ submitted: 1, accepted: 1, rejected: 0, withdrawn: 2 })).toBe(
      '1 accepted, 1 awaiting review',
    );
    expect(evidenceCountsText({ submitted: 0, accepted: 0, rejected: 2, withdrawn: 0 })).toBe('2 rejected');
    expect(evidenceCountsText({ submitted: 0, accepted: 0, rejected: 0, withdrawn: 1 })).toBe('none');
  });

  it('gives sizes and types a person understands', () => {
    expect(fileSizeText(1)).toBe('1 byte');
    expect(fileSizeText(840)).toBe('840 bytes');
    expect(fileSizeText(12_500)).toBe('12 KB');
    expect(fileSizeText(3.44 * 1024 * 1024)).toBe('3.4 MB');
    expect(fileSizeText(25 * 1024 * 1024)).toBe('25 MB');
    expect(fileTypeText('application/pdf')).toBe('PDF');
    expect(fileTypeText('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe(
      'Word',
    );
    expect(fileTypeText('image/jpeg')).toBe('JPEG image');
    expect(fileTypeText(null)).toBe('File');
  });

  it('says a file is too large in the server’s words, before sending it', () => {
    expect(tooLargeMessage(25 * 1024 * 1024)).toBe(
      'The file is larger than 25 MB. Make it smaller (for example, save it as PDF) or split it.',
    );
  });
});
