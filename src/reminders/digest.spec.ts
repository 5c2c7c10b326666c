import { digestDue, digestMailContext, formatTimeOfDay, isEmptyDigest, parseTimeOfDay, wallTimeToInstant } from './digest';

const PARIS = 'Europe/Paris';
const at = (iso: string) => new Date(iso);

describe('digest due time (Europe/Paris)', () => {
  it('is due at 08:00 Paris = 07:00 UTC on a winter working day, not a minute before', () => {
    expect(digestDue(at('2026-11-24T06:59:00Z'), '08:00:00', PARIS)).toMatchObject({ day: '2026-11-24', due: false });
    const due = digestDue(at('2026-11-24T07:00:00Z'), '08:00:00', PARIS);
    expect(due).toMatchObject({ day: '2026-11-24', due: true });
    expect(due.dueAt?.toISOString()).toBe('2026-11-24T07:00:00.000Z');
    // Still due later that day (a run missed at 08:00 catches up).
    expect(digestDue(at('2026-11-24T16:00:00Z'), '08:00:00', PARIS).due).toBe(true);
  });

  it('is due at 08:00 Paris = 06:00 UTC in summer', () => {
    expect(digestDue(at('2026-06-16T05:59:59Z'), '08:00', PARIS).due).toBe(false);
    expect(digestDue(at('2026-06-16T06:00:00Z'), '08:00', PARIS).due).toBe(true);
  });

  it('follows the March 29 2026 change: the Monday after at 06:00 UTC', () => {
    expect(digestDue(at('2026-03-27T06:59:00Z'), '08:00', PARIS).due).toBe(false); // Friday before, winter
    expect(digestDue(at('2026-03-27T07:00:00Z'), '08:00', PARIS).due).toBe(true);
    expect(digestDue(at('2026-03-30T05:59:00Z'), '08:00', PARIS).due).toBe(false);
    expect(digestDue(at('2026-03-30T06:00:00Z'), '08:00', PARIS).dueAt?.toISOString()).toBe('2026-03-30T06:00:00.000Z');
    expect(digestDue(at('2026-03-30T06:00:00Z'), '08:00', PARIS).due).toBe(true);
  });

  it('follows the October 25 2026 change: the Monday after at 07:00 UTC', () => {
    expect(digestDue(at('2026-10-23T06:00:00Z'), '08:00', PARIS).due).toBe(true); // Friday before, summer
    expect(digestDue(at('2026-10-26T06:00:00Z'), '08:00', PARIS).due).toBe(false); // 07:00 Paris
    expect(digestDue(at('2026-10-26T06:59:00Z'), '08:00', PARIS).due).toBe(false);
    expect(digestDue(at('2026-10-26T07:00:00Z'), '08:00', PARIS).due).toBe(true);
  });

  it('uses the offset of the change days themselves (Sundays: no digest, but the instant is right)', () => {
    expect(wallTimeToInstant(PARIS, '2026-03-29', { hours: 8, minutes: 0 }).toISOString()).toBe('2026-03-29T06:00:00.000Z');
    expect(wallTimeToInstant(PARIS, '2026-10-25', { hours: 8, minutes: 0 }).toISOString()).toBe('2026-10-25T07:00:00.000Z');
    expect(wallTimeToInstant(PARIS, '2026-03-29', { hours: 1, minutes: 30 }).toISOString()).toBe('2026-03-29T00:30:00.000Z');
    // 02:30 does not exist on March 29: read as 03:30 CEST. It happens twice on October 25: the first one.
    expect(wallTimeToInstant(PARIS, '2026-03-29', { hours: 2, minutes: 30 }).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(wallTimeToInstant(PARIS, '2026-10-25', { hours: 2, minutes: 30 }).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(digestDue(at('2026-03-29T12:00:00Z'), '08:00', PARIS)).toEqual({ day: '2026-03-29', dueAt: null, due: false });
    expect(digestDue(at('2026-10-25T12:00:00Z'), '08:00', PARIS)).toEqual({ day: '2026-10-25', dueAt: null, due: false });
  });

  it('judges the day on the Paris calendar, not UTC', () => {
    // 23:30 UTC on Friday is already Saturday in Paris: no digest.
    expect(digestDue(at('2026-11-27T23:30:00Z'), '00:15', PARIS)).toMatchObject({ day: '2026-11-28', due: false });
    // 23:30 UTC on Sunday is Monday 00:30 in Paris: a 00:15 digest is due.
    expect(digestDue(at('2026-11-29T23:30:00Z'), '00:15', PARIS)).toMatchObject({ day: '2026-11-30', due: true });
  });

  it('skips weekends and French public holidays', () => {
    expect(digestDue(at('2026-11-28T10:00:00Z'), '08:00', PARIS).due).toBe(false); // Saturday
    expect(digestDue(at('2026-11-29T10:00:00Z'), '08:00', PARIS).due).toBe(false); // Sunday
    expect(digestDue(at('2026-12-25T10:00:00Z'), '08:00', PARIS).due).toBe(false); // Noël, a Friday
    expect(digestDue(at('2026-05-25T10:00:00Z'), '08:00', PARIS).due).toBe(false); // Lundi de Pentecôte
    expect(digestDue(at('2026-12-24T10:00:00Z'), '08:00', PARIS).due).toBe(true);
  });

  it('honours a custom time such as 07:30', () => {
    expect(digestDue(at('2026-11-24T06:29:00Z'), '07:30:00', PARIS).due).toBe(false);
    expect(digestDue(at('2026-11-24T06:30:00Z'), '07:30:00', PARIS).due).toBe(true);
    expect(digestDue(at('2026-03-30T05:30:00Z'), '07:30', PARIS).due).toBe(true);
    expect(digestDue(at('2026-03-30T05:29:00Z'), '07:30', PARIS).due).toBe(false);
  });
});

describe('digest helpers', () => {
  it('parses times of day strictly', () => {
    expect(parseTimeOfDay('07:30')).toEqual({ hours: 7, minutes: 30 });
    expect(parseTimeOfDay('23:59:00')).toEqual({ hours: 23, minutes: 59 });
    for (const bad of ['25:00', '24:00', '8:00', '08h00', '08:60', '']) expect(parseTimeOfDay(bad)).toBeNull();
    expect(formatTimeOfDay('08:00:00')).toBe('08:00');
    expect(() => digestDue(new Date(), 'soon', PARIS)).toThrow(RangeError);
  });

  it('builds the mail context with French dates, absolute links and capped sections', () => {
    const many = Array.from({ length: 30 }, (_, index) => ({
      companyId: `id-${index}`,
      companyName: `Boulangerie ${index}`,
      actionLabel: 'Appeler',
      dueOn: '2026-11-20',
    }));
    const empty = { actionsToday: [], actionsOverdue: [], overdueLeads: [], alerts: [], unansweredCheckIns: [] };
    expect(isEmptyDigest(empty)).toBe(true);
    const context = digestMailContext(
      'https://tremplin.example',
      { firstName: 'Julie', structureName: 'ACI', day: '2026-11-24', digestTime: '08:00:00' },
      { ...empty, actionsOverdue: many },
    );
    expect(context.dayLabel).toBe('mardi 24 novembre');
    expect(context.actionsOverdueCount).toBe(30);
    expect(context.actionsOverdueMore).toBe(5);
    expect((context.actionsOverdue as unknown[]).length).toBe(25);
    expect((context.actionsOverdue as Array<{ url: string; dueOn: string }>)[0]).toMatchObject({
      url: 'https://tremplin.example/entreprises/id-0',
      dueOn: '20/11/2026',
    });
  });
});
