import { Series } from '../../src/testing';
import { compress, expandRaw } from '../../src/testing/series';

const M = 60_000;

describe('Series shapes in promtool notation', () => {
  it('renders each shape', () => {
    expect(Series.steadyRate('c_total', { perSecond: 2, for: '10m' }).values(M)).toBe('0+120x10');
    expect(Series.step('g', { from: 1, to: 5, at: '3m', for: '6m' }).values(M)).toBe('1x2 5x3');
    expect(Series.burst('g', { base: 0, peak: 9, at: '2m', lasting: '2m', for: '6m' }).values(M)).toBe('0x1 9x1 0x2');
    expect(Series.gap('up', { value: 1, at: '2m', lasting: '3m', for: '8m' }).values(M)).toBe('1x1 _x3 1x3');
    expect(Series.counterReset('c_total', { perSecond: 1, at: '3m', for: '5m' }).values(M)).toBe('0+60x2 0+60x2');
    expect(Series.raw('x', '0+1x10').values(M)).toBe('0+1x10');
    expect(Series.of('g').hold(1, '2m').stale().values(M)).toBe('1x2 stale');
  });

  it('samples from 0 to the end, one interval apart', () => {
    expect(Series.step('g', { from: 1, to: 5, at: '3m', for: '6m' }).samples(M)).toEqual([1, 1, 1, 5, 5, 5, 5]);
    expect(expandRaw(Series.gap('up', { value: 1, at: '2m', lasting: '3m', for: '8m' }).values(M))).toHaveLength(9);
  });

  it('refuses durations off the interval grid and empty pieces', () => {
    expect(() => Series.constant('g', 1, { for: '90s' }).values(M)).toThrow(/not a multiple of the test's interval/);
    expect(() => Series.step('g', { from: 1, to: 2, at: '5m', for: '5m' })).toThrow(/longer than 0/);
  });

  it('compresses runs', () => {
    expect(compress([1, 2, 3, '_', '_', 5, 5, 'stale'])).toBe('1+1x2 _x2 5x1 stale');
  });
});
