import { durationMs, formatDuration, parseDuration } from '../../src/promql';

describe('durations', () => {
  test.each([
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['1w2d', 777_600_000],
    ['1y', 31_536_000_000],
    ['500ms', 500],
    ['0', 0],
  ])('%s is %d ms', (text, ms) => {
    expect(durationMs(text)).toBe(ms);
  });

  test.each(['', '5', '1.5h', '5m1h', '1h1h', '5M', '-5m', '1d 2h'])('refuses %p', (text) => {
    expect(parseDuration(text).ok).toBe(false);
  });

  it('formats milliseconds as the shortest duration', () => {
    expect(formatDuration(5_400_000)).toBe('1h30m');
    expect(formatDuration(3 * 24 * 3600 * 1000)).toBe('3d');
    expect(formatDuration(0)).toBe('0s');
    expect(() => formatDuration(1.5)).toThrow(/whole/);
  });
});
