import { levelSteps, toThresholdsConfig } from '../../src/dashboards';

describe('levelSteps', () => {
  it('colours values at or above each level for direction above, healthy below', () => {
    expect(
      levelSteps(
        [
          { severity: 'critical', value: 500 },
          { severity: 'warning', value: 200 },
        ],
        'above',
      ),
    ).toEqual([
      { value: null, color: 'green' },
      { value: 200, color: 'orange' },
      { value: 500, color: 'red' },
    ]);
  });

  it('colours values below the lowest level with its severity for direction below, healthy from the highest', () => {
    expect(
      levelSteps(
        [
          { severity: 'warning', value: 99.9 },
          { severity: 'critical', value: 99 },
        ],
        'below',
      ),
    ).toEqual([
      { value: null, color: 'red' },
      { value: 99, color: 'orange' },
      { value: 99.9, color: 'green' },
    ]);
  });

  it('gives other severities their own colours', () => {
    expect(levelSteps([{ severity: 'info', value: 90 }], 'above')[1].color).toBe('blue');
    expect(levelSteps([{ severity: 'page-ops', value: 1 }], 'above')[1].color).toBe('purple');
  });
});

describe('toThresholdsConfig', () => {
  it('adds a green base step when the list has none, absolute mode by default', () => {
    expect(toThresholdsConfig([{ value: 80, color: 'red' }])).toEqual({
      mode: 'absolute',
      steps: [
        { value: null, color: 'green' },
        { value: 80, color: 'red' },
      ],
    });
    expect(toThresholdsConfig({ mode: 'percentage', steps: [{ value: null, color: 'blue' }] })).toEqual({
      mode: 'percentage',
      steps: [{ value: null, color: 'blue' }],
    });
  });
});
