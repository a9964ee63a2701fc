/** The export page's choices: read from the URL, the meeting resolved, and what the API is asked for. */
import { describe, expect, it } from 'vitest';
import type { Meeting } from '@ipt/shared/schemas';
import {
  exportChoicesToQuery,
  lockedMeetings,
  parseExportQuery,
  resolveMeeting,
  toApiChoices,
} from '../../../client/src/lib/export-choices';

function meeting(id: number, status: Meeting['status']): Meeting {
  return {
    id,
    planId: 1,
    title: `Improvement board ${id}`,
    meetingDate: `2026-0${id}-07`,
    papersCutoff: `2026-0${id}-01T16:00:00.000Z`,
    status,
    lockedAt: status === 'locked' ? `2026-0${id}-08T09:00:00.000Z` : null,
    lockedBy: null,
    version: 1,
  };
}

const meetings = [meeting(1, 'locked'), meeting(2, 'locked'), meeting(3, 'scheduled')];

describe('export choices', () => {
  it('reads ids and "now" from the query, dropping anything else', () => {
    expect(parseExportQuery({ meeting: '2', theme: '1', lead: '7', recommendation: '12' })).toEqual({
      meeting: 2,
      theme: 1,
      lead: 7,
      recommendation: 12,
    });
    expect(parseExportQuery({ meeting: 'now' })).toEqual({ meeting: 'now' });
    expect(parseExportQuery({ meeting: 'x', theme: '-1', lead: '0', recommendation: '1e3' })).toEqual({});
    expect(parseExportQuery({ theme: ['3', '4'] })).toEqual({ theme: 3 });
  });

  it('writes the choices back to a query', () => {
    expect(exportChoicesToQuery({ meeting: 'now', lead: 4 })).toEqual({ meeting: 'now', lead: '4' });
    expect(exportChoicesToQuery({})).toEqual({});
  });

  it('offers locked meetings only, latest first', () => {
    expect(lockedMeetings(meetings).map((m) => m.id)).toEqual([2, 1]);
  });

  it('takes the latest locked meeting when none is chosen, or the one chosen is not a locked one', () => {
    expect(resolveMeeting(undefined, meetings)).toBe(2);
    expect(resolveMeeting(1, meetings)).toBe(1);
    expect(resolveMeeting(3, meetings)).toBe(2);
    expect(resolveMeeting(99, meetings)).toBe(2);
    expect(resolveMeeting('now', meetings)).toBe('now');
    expect(resolveMeeting(undefined, [meeting(3, 'scheduled')])).toBe('now');
  });

  it('asks the API for no meeting when the figures are live', () => {
    expect(toApiChoices('now', { meeting: 'now', theme: 2 })).toEqual({ theme: 2 });
    expect(toApiChoices(1, { lead: 5, recommendation: 9 })).toEqual({
      meeting: 1,
      lead: 5,
      recommendation: 9,
    });
  });
});
