import * as fs from 'fs';
import * as path from 'path';
import { tierTable } from './docs-tables';
import {
  SRE_WORKBOOK_POLICY,
  budgetShare,
  burnFactor,
  burnRateTiers,
  detectionMinutes,
  formatMinutes,
  nearestRoundWindow,
  windowMs,
} from '../../src/slo';

const summary = (days: number): string[] =>
  burnRateTiers(days).map((t) => `${t.id} ${t.longWindow}/${t.shortWindow} ${t.factor}`);

describe('burn-rate tiers', () => {
  it('are the SRE Workbook policy for 30 days: 14.4 (1h/5m), 6 (6h/30m), 3 (1d/2h), 1 (3d/6h)', () => {
    expect(summary(30)).toEqual([
      'pageFast 1h/5m 14.4',
      'pageSlow 6h/30m 6',
      'ticketFast 1d/2h 3',
      'ticketSlow 3d/6h 1',
    ]);
    expect(burnRateTiers(30).map((t) => t.kind)).toEqual(['page', 'page', 'ticket', 'ticket']);
  });

  it('each tier consumes its budget share: F x L / W = 2%, 5%, 10%, 10%', () => {
    expect(burnRateTiers(30).map((t) => budgetShare(t.factor, t.longWindow, 30))).toEqual([
      '0.02',
      '0.05',
      '0.1',
      '0.1',
    ]);
  });

  it('scale to 28 days keeping the windows and the shares (13.44, 5.6, 2.8, 0.9333)', () => {
    expect(summary(28)).toEqual([
      'pageFast 1h/5m 13.44',
      'pageSlow 6h/30m 5.6',
      'ticketFast 1d/2h 2.8',
      'ticketSlow 3d/6h 0.9333',
    ]);
  });

  it('scale to 7 days with round, shorter windows, shares kept', () => {
    const tiers = burnRateTiers(7);
    expect(summary(7)).toEqual([
      'pageFast 15m/5m 13.44',
      'pageSlow 1h/5m 8.4',
      'ticketFast 6h/30m 2.8',
      'ticketSlow 12h/1h 1.4',
    ]);
    expect(tiers.map((t) => budgetShare(t.factor, t.longWindow, 7))).toEqual(['0.02', '0.05', '0.1', '0.1']);
  });

  it('scale to 90 days; non-terminating factors are rounded, and their share stays within 0.1%', () => {
    const tiers = burnRateTiers(90);
    expect(tiers.map((t) => `${t.longWindow}/${t.shortWindow}`)).toEqual(['3h/15m', '1d/2h', '3d/6h', '7d/12h']);
    for (const t of tiers)
      expect(Number(budgetShare(t.factor, t.longWindow, 90)) / Number(t.budgetShare)).toBeCloseTo(1, 3);
  });

  it('always use round windows, short < long, for every whole number of days up to a year', () => {
    for (let days = 1; days <= 366; days++) {
      for (const t of burnRateTiers(days)) {
        expect([
          '5m',
          '10m',
          '15m',
          '30m',
          '1h',
          '2h',
          '3h',
          '6h',
          '12h',
          '1d',
          '2d',
          '3d',
          '4d',
          '7d',
          '14d',
          '28d',
        ]).toContain(t.longWindow);
        expect(windowMs(t.shortWindow)).toBeLessThan(windowMs(t.longWindow));
        expect(Number(t.factor)).toBeGreaterThan(0);
        expect(t.factor).toMatch(/^\d+(\.\d+)?$/);
      }
    }
  });

  it('collapse tiers of one kind that land on the same windows, keeping the lower factor', () => {
    // One day: both pages fall on 15m/5m; 14.4 x 1/30 -> 1.92 opens before 4.8.
    expect(summary(1)).toEqual(['pageFast 15m/5m 1.92', 'ticketFast 1h/5m 2.4', 'ticketSlow 2h/10m 1.2']);
  });

  it('refuse windows that are not whole days', () => {
    expect(() => burnRateTiers(0)).toThrow(/whole number of days/);
    expect(() => burnRateTiers(1.5)).toThrow(/whole number of days/);
  });

  it('nearestRoundWindow picks by ratio and respects the minimum', () => {
    expect(nearestRoundWindow(56 * 60_000)).toBe('1h');
    expect(nearestRoundWindow(16.8 * 3_600_000)).toBe('12h');
    expect(nearestRoundWindow(60_000)).toBe('5m');
    expect(nearestRoundWindow(60_000, '15m')).toBe('15m');
  });

  it('burnFactor is exact: F = share x W / L', () => {
    expect(burnFactor('0.02', '1h', 30)).toBe('14.4');
    expect(burnFactor('0.1', '3d', 28)).toBe('0.9333');
    expect(SRE_WORKBOOK_POLICY.map((t) => burnFactor(t.budgetShare, t.longWindow, 30))).toEqual([
      '14.4',
      '6',
      '3',
      '1',
    ]);
  });
});

describe('detection time', () => {
  it('is F x L / B, and never when B <= F', () => {
    expect(detectionMinutes('14.4', '1h', 20)).toBeCloseTo(43.2, 9);
    expect(detectionMinutes('6', '6h', 10)).toBeCloseTo(216, 9);
    expect(detectionMinutes('1', '3d', 2)).toBeCloseTo(2160, 9);
    expect(detectionMinutes('14.4', '1h', 10)).toBeUndefined();
    expect(detectionMinutes('1', '3d', 1)).toBeUndefined();
  });

  it('formats minutes for people', () => {
    expect(formatMinutes(43.2)).toBe('43m12s');
    expect(formatMinutes(2160)).toBe('36h');
    expect(formatMinutes(0.864)).toBe('52s');
    expect(formatMinutes(0)).toBe('0s');
  });
});

describe('docs/slo.md', () => {
  it('shows exactly the tiers burnRateTiers computes for 30, 28, 7 and 90 days', () => {
    const docs = fs.readFileSync(path.resolve(__dirname, '..', '..', 'docs', 'slo.md'), 'utf8');
    const m = /<!-- tier-table:begin -->\n([\s\S]*?)\n<!-- tier-table:end -->/.exec(docs);
    expect(m?.[1].trim()).toBe(tierTable([30, 28, 7, 90]));
  });
});
