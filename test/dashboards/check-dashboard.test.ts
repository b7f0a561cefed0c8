import { Dashboard, GrafanaDashboard, checkDashboard, describePath } from '../../src/dashboards';
import { formatProblem as fp } from '../../src/core';
import { itWithShared, lazily } from '../support/shared';
import { grafanaOracle } from './support/grafana-oracle';
import { appWithChart } from './support/app';

/** A dashboard with every panel kind, rows, variables, annotations and links. */
function sample(): GrafanaDashboard {
  const { chart } = appWithChart();
  const d = new Dashboard(chart, 'sample', {
    title: 'Sample',
    variables: [
      { type: 'query', name: 'job', query: 'label_values(up, job)' },
      { type: 'custom', name: 'q', values: ['0.5', '0.99'] },
    ],
    annotations: [{ name: 'Deploys', expr: 'changes(kube_deployment_status_observed_generation[5m]) > 0' }],
    links: [{ title: 'Wiki', url: 'https://wiki' }],
    panels: [
      {
        kind: 'timeseries',
        title: 'Requests',
        queries: [
          { expr: 'sum by (job) (rate(http_requests_total{job=~"$job"}[$__rate_interval]))', legend: '{{job}}' },
        ],
        unit: 'reqps',
        thresholds: [{ value: 100, color: 'red' }],
      },
      { kind: 'stat', title: 'Up', queries: ['sum(up{job=~"$job"})'] },
      {
        kind: 'gauge',
        title: 'CPU',
        queries: ['avg(rate(process_cpu_seconds_total[5m]))'],
        unit: 'percentunit',
        min: 0,
        max: 1,
      },
      { kind: 'bargauge', title: 'By job', queries: [{ expr: 'sum by (job) (up)', legend: '{{job}}' }] },
      {
        kind: 'heatmap',
        title: 'Latency',
        queries: ['sum by (le) (rate(http_request_duration_seconds_bucket[5m]))'],
        unit: 's',
      },
      { kind: 'table', title: 'Targets', queries: ['up'] },
      { kind: 'text', title: 'About', content: 'Hello' },
    ],
  });
  d.addRow('Collapsed', { collapsed: true }).addPanel({
    kind: 'stat',
    title: 'Inside',
    queries: ['histogram_quantile($q, sum by (le) (rate(x_bucket[5m])))'],
  });
  return d.toJson();
}

const clone = (d: GrafanaDashboard): any => JSON.parse(JSON.stringify(d));
const panelOfKind = (d: any, kind: string): any => d.panels.find((p: { type: string }) => p.type === kind);

/** Broken dashboards Grafana's schemas refuse: the package's own check must refuse them too. */
const MUTATIONS: Array<[string, (d: any) => void]> = [
  [
    'gridPos wider than the grid',
    (d) => {
      d.panels[0].gridPos.w = 25;
    },
  ],
  [
    'negative x',
    (d) => {
      d.panels[0].gridPos.x = -1;
    },
  ],
  [
    'empty panel type',
    (d) => {
      d.panels[0].type = '';
    },
  ],
  [
    'threshold step without colour',
    (d) => {
      delete d.panels[0].fieldConfig.defaults.thresholds.steps[1].color;
    },
  ],
  [
    'unknown dashboard key',
    (d) => {
      d.foo = 1;
    },
  ],
  [
    'unknown panel key',
    (d) => {
      d.panels[0].colour = 'red';
    },
  ],
  [
    'unknown variable type',
    (d) => {
      d.templating.list[1].type = 'bogus';
    },
  ],
  [
    'link without icon',
    (d) => {
      delete d.links[0].icon;
    },
  ],
  [
    'stat without graphMode',
    (d) => {
      delete panelOfKind(d, 'stat').options.graphMode;
    },
  ],
  [
    'legend placement left',
    (d) => {
      panelOfKind(d, 'timeseries').options.legend.placement = 'left';
    },
  ],
  [
    'target without expr',
    (d) => {
      delete d.panels[0].targets[0].expr;
    },
  ],
  [
    'unknown colour mode',
    (d) => {
      d.panels[0].fieldConfig.defaults.color.mode = 'rainbow';
    },
  ],
  [
    'string panel id',
    (d) => {
      d.panels[0].id = 'one';
    },
  ],
  [
    'annotation without iconColor',
    (d) => {
      delete d.annotations.list[1].iconColor;
    },
  ],
  [
    'unknown unit',
    (d) => {
      d.panels[0].fieldConfig.defaults.unit = 'milliseconds';
    },
  ],
  [
    'heatmap with one colour step',
    (d) => {
      panelOfKind(d, 'heatmap').options.color.steps = 1;
    },
  ],
  [
    'gauge sizing "big"',
    (d) => {
      panelOfKind(d, 'gauge').options.sizing = 'big';
    },
  ],
  [
    'text mode "rst"',
    (d) => {
      panelOfKind(d, 'text').options.mode = 'rst';
    },
  ],
  [
    'row without collapsed',
    (d) => {
      delete d.panels.find((p: { type: string }) => p.type === 'row').collapsed;
    },
  ],
  [
    'bar gauge display mode "fancy"',
    (d) => {
      panelOfKind(d, 'bargauge').options.displayMode = 'fancy';
    },
  ],
  [
    'time without "to"',
    (d) => {
      delete d.time.to;
    },
  ],
  [
    'threshold value as a string',
    (d) => {
      d.panels[0].fieldConfig.defaults.thresholds.steps[1].value = '100';
    },
  ],
  [
    'table without showHeader',
    (d) => {
      delete panelOfKind(d, 'table').options.showHeader;
    },
  ],
  [
    'NaN min (written as null)',
    (d) => {
      panelOfKind(d, 'gauge').fieldConfig.defaults.min = NaN;
    },
  ],
  [
    'variable option without text',
    (d) => {
      delete d.templating.list[2].options[0].text;
    },
  ],
];

describe('checkDashboard', () => {
  const oracle = lazily(grafanaOracle);
  const base = sample();

  itWithShared("accepts the sample, and so does Grafana's schema", () => {
    expect(checkDashboard(base, { where: 'test' })).toEqual([]);
    expect(oracle().validateDashboard(base)).toEqual([]);
  });

  itWithShared.each(MUTATIONS)("refuses what Grafana's schema refuses: %s", (_name, mutate) => {
    const broken = clone(base);
    mutate(broken);
    expect(oracle().validateDashboard(JSON.parse(JSON.stringify(broken))).length).toBeGreaterThan(0);
    expect(checkDashboard(broken, { where: 'test' }).length).toBeGreaterThan(0);
  });

  it('names the panel and the field in schema messages', () => {
    const broken = clone(base);
    panelOfKind(broken, 'stat').options.graphMode = 'sparkle';
    const messages = checkDashboard(broken, { where: 'shop/sample' }).map(fp);
    expect(messages).toEqual([
      '[shop/sample] dashboard "Sample" panel "Up" options.graphMode: must be equal to one of the allowed values (one of "none", "line", "area") (got "sparkle"). Fix: make the dashboard match Grafana\'s dashboard model (see docs/dashboards.md)',
    ]);
  });

  it('refuses more than the schema can say: overlaps, x + w past the grid, unsorted thresholds, foreign datasources', () => {
    const overlap = clone(base);
    overlap.panels[1].gridPos = { ...overlap.panels[0].gridPos };
    expect(checkDashboard(overlap, { where: 't' }).map(fp).join('\n')).toMatch(
      /panel "Up" gridPos: overlaps panel "Requests"/,
    );
    const past = clone(base);
    past.panels[0].gridPos.x = 20;
    expect(checkDashboard(past, { where: 't' }).map(fp).join('\n')).toMatch(
      /panel "Requests" gridPos: reaches column 32/,
    );
    const unsorted = clone(base);
    unsorted.panels[0].fieldConfig.defaults.thresholds.steps.push({ value: 50, color: 'orange' });
    expect(checkDashboard(unsorted, { where: 't' }).map(fp).join('\n')).toMatch(
      /panel "Requests" thresholds\[2\]: must be above the previous step \(100\)/,
    );
    const foreign = clone(base);
    foreign.panels[0].targets[0].datasource = { type: 'prometheus', uid: 'P1809F7CD0C75ACF3' };
    expect(checkDashboard(foreign, { where: 't' }).map(fp).join('\n')).toMatch(
      /panel "Requests" query A datasource: does not use the dashboard's datasource variable/,
    );
  });

  it('checks queries inside collapsed rows, with sample values for variables', () => {
    const broken = clone(base);
    broken.panels.find((p: { type: string }) => p.type === 'row').panels[0].targets[0].expr =
      'histogram_quantile($q, rate(x_bucket)';
    expect(checkDashboard(broken, { where: 't' }).map(fp).join('\n')).toMatch(
      /row "Collapsed" panel "Inside" query A: .* in "histogram_quantile\(0\.5, rate\(x_bucket\)", the query with sample values/,
    );
  });
});

describe('describePath', () => {
  it('names panels, variables, annotations and queries', () => {
    const d = sample();
    expect(describePath(d, '/panels/1/options/reduceOptions/calcs/0')).toBe(
      'panel "Up" options.reduceOptions.calcs[0]',
    );
    expect(describePath(d, '/templating/list/1/query')).toBe('variable "job" query');
    expect(describePath(d, '/annotations/list/1/expr')).toBe('annotation "Deploys" expr');
    expect(describePath(d, '/panels/0/targets/0/expr')).toBe('panel "Requests" query A expr');
    expect(describePath(d, '/time')).toBe('time');
  });
});
