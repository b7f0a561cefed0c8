import {
  GRAFANA_UNITS,
  interpolateSamples,
  isGrafanaUnit,
  promqlOfVariableQuery,
  suggestUnits,
  variableReferences,
} from '../../src/dashboards';
import { itWithShared } from '../support/shared';
import { grafanaOracle } from './support/grafana-oracle';

describe('Grafana units', () => {
  itWithShared('knows only ids Grafana knows', () => {
    const oracle = grafanaOracle().units;
    expect(
      Object.values(GRAFANA_UNITS)
        .flat()
        .filter((u) => !oracle.has(u)),
    ).toEqual([]);
  });

  it('accepts custom units and refuses words that are not ids', () => {
    expect(isGrafanaUnit('suffix: tasks')).toBe(true);
    expect(isGrafanaUnit('currency:CHF')).toBe(true);
    expect(isGrafanaUnit('percentage')).toBe(false);
    expect(isGrafanaUnit('suffix:')).toBe(false);
  });

  it('suggests the id meant', () => {
    expect(suggestUnits('milliseconds')[0]).toBe('ms');
    expect(suggestUnits('percentage')[0]).toBe('percent');
    expect(suggestUnits('reqs')).toContain('reqps');
  });
});

describe('template variables in queries', () => {
  it('finds every form of reference', () => {
    expect(
      variableReferences('a{x="$one", y="${two}", z="${three:regex}", w="[[four]]"}[$__rate_interval]').map(
        (r) => r.name,
      ),
    ).toEqual(['one', 'two', 'three', 'four', '__rate_interval']);
  });

  it('fills in durations where Grafana puts durations, and known values', () => {
    expect(interpolateSamples('rate(x{job="$job"}[$__rate_interval])', new Map([['job', 'api']]))).toBe(
      'rate(x{job="api"}[4m])',
    );
    expect(interpolateSamples('sum by ($label) (x)')).toBe('sum by (sample_value) (x)');
    expect(interpolateSamples('x offset $__range')).toBe('x offset 1h');
  });
});

describe('promqlOfVariableQuery', () => {
  it('finds the PromQL in each Prometheus variable query form', () => {
    expect(promqlOfVariableQuery('label_values(job)')).toBeUndefined();
    expect(promqlOfVariableQuery('label_values(up{env="prod"}, job)')).toBe('up{env="prod"}');
    expect(promqlOfVariableQuery('label_names()')).toBeUndefined();
    expect(promqlOfVariableQuery('label_names(up)')).toBe('up');
    expect(promqlOfVariableQuery('metrics(rlm_.*)')).toBeUndefined();
    expect(promqlOfVariableQuery('query_result(topk(5, sum by (org) (rate(x[5m]))))')).toBe(
      'topk(5, sum by (org) (rate(x[5m])))',
    );
    expect(promqlOfVariableQuery('up')).toBeNull();
  });
});
