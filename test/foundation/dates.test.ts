import { describe, expect, it } from 'vitest';
import { addDays, dayInTimeZone, daysBetween, isCalendarDay, toDay } from '../../pipeline/common/dates.ts';

describe('dates', () => {
  it('isCalendarDay accepts real days only', () => {
    expect(isCalendarDay('2024-02-29')).toBe(true);
    expect(isCalendarDay('2025-02-29')).toBe(false);
    expect(isCalendarDay('2025-04-31')).toBe(false);
    expect(isCalendarDay('2025-3-1')).toBe(false);
    expect(isCalendarDay('1899-12-31')).toBe(false);
  });

  it('a bare day is that day whatever the timezone', () => {
    expect(toDay('2025-03-18', 'Pacific/Kiritimati')).toEqual({ ok: true, day: '2025-03-18' });
    expect(toDay(new Date('2025-03-18T00:00:00Z'), 'America/Los_Angeles')).toEqual({ ok: true, day: '2025-03-18' });
  });

  it('a timestamp becomes its day in the configured timezone', () => {
    expect(toDay('2025-03-18T23:30:00Z', 'UTC')).toEqual({ ok: true, day: '2025-03-18' });
    expect(toDay('2025-03-18T23:30:00Z', 'Europe/Berlin')).toEqual({ ok: true, day: '2025-03-19' });
    expect(toDay('Tue, 18 Mar 2025 03:00:00 GMT', 'America/New_York')).toEqual({ ok: true, day: '2025-03-17' });
    expect(dayInTimeZone(new Date('2025-06-30T22:00:00Z'), 'Australia/Sydney')).toBe('2025-07-01');
  });

  it('a date and time without a zone is the day it states, whatever the timezone and the machine\'s zone', () => {
    const machineZone = process.env.TZ;
    try {
      for (const zone of ['UTC', 'America/Los_Angeles', 'Asia/Tokyo']) {
        // Node reads TZ again when it is set: JavaScript's own reading of these strings follows it.
        process.env.TZ = zone;
        expect(toDay('2025-03-18T23:30', 'Pacific/Kiritimati'), zone).toEqual({ ok: true, day: '2025-03-18' });
        expect(toDay('2025-03-18 00:15:30.5', 'America/Los_Angeles'), zone).toEqual({ ok: true, day: '2025-03-18' });
      }
    } finally {
      if (machineZone === undefined) delete process.env.TZ;
      else process.env.TZ = machineZone;
    }
    expect(toDay('2025-02-30T10:00', 'UTC').ok).toBe(false);
  });

  it('impossible, unreadable and implausible dates fail with a reason', () => {
    for (const value of ['2025-02-30', '2025-02-30T10:00:00Z', 'yesterday-ish', '', 42, null, '3025-01-01T00:00:00Z']) {
      const result = toDay(value, 'UTC');
      expect(result.ok, String(value)).toBe(false);
      if (!result.ok) expect(result.reason).toBeTruthy();
    }
  });

  it('counts and shifts days across month and DST boundaries', () => {
    expect(daysBetween('2025-02-27', '2025-03-02')).toBe(3);
    expect(addDays('2025-03-29', 3)).toBe('2025-04-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(daysBetween('2025-03-01', '2025-04-01')).toBe(31);
  });
});
