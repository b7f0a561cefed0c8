import * as fs from 'fs';
import * as path from 'path';
import { diffOutputs, formatDiffMarkdown, formatDiffText, readOutput } from '../../src/diff';
import { toYaml } from '../../src/core';
import { tempDir } from '../support/synth';

interface Shape {
  alerts: Array<{
    alert: string;
    expr: string;
    for?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  }>;
  objective: string;
  receiver: string;
  panels: string[];
  hpa: { min: number; max: number };
}

const base: Shape = {
  alerts: [
    {
      alert: 'QueueDepth',
      expr: 'queue_depth > 1',
      for: '5m',
      labels: { severity: 'warning' },
      annotations: { summary: 'deep' },
    },
    { alert: 'Errors', expr: 'error_ratio > 0.05', for: '5m', labels: { severity: 'critical' } },
    { alert: 'OldName', expr: 'up == 0', labels: { severity: 'critical' } },
  ],
  objective: '0.999',
  receiver: 'oncall-pagerduty',
  panels: ['Queue depth', 'Errors'],
  hpa: { min: 2, max: 10 },
};

/** An output folder as synth writes it. */
function write(s: Shape): string {
  const dir = path.join(tempDir('wk-diff-'), 'dist');
  const put = (rel: string, content: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  };
  put('rules/shop-alerts.rules.yaml', toYaml({ groups: [{ name: 'shop', rules: s.alerts }] }));
  put(
    'rules/shop-slos.rules.yaml',
    toYaml({
      groups: [
        {
          name: 'slo',
          rules: [
            {
              record: 'slo:objective:ratio',
              expr: `vector(${s.objective})`,
              labels: { service: 'shop', slo: 'availability' },
            },
            { record: 'slo:window:days', expr: 'vector(30)', labels: { service: 'shop', slo: 'availability' } },
          ],
        },
      ],
    }),
  );
  put(
    'alertmanager/shop-routing.yml',
    toYaml({
      route: {
        receiver: 'default',
        routes: [
          { receiver: s.receiver, matchers: ['severity="critical"'] },
          { receiver: 'slack', matchers: ['severity="warning"'] },
        ],
      },
      receivers: [{ name: 'default' }, { name: s.receiver }, { name: 'slack' }],
    }),
  );
  put(
    'dashboards/shop.json',
    JSON.stringify({ uid: 'shop', title: 'Shop', panels: s.panels.map((title) => ({ type: 'timeseries', title })) }),
  );
  put(
    'shop.k8s.yaml',
    toYaml({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'api', namespace: 'shop' },
      spec: { minReplicas: s.hpa.min, maxReplicas: s.hpa.max },
    }),
  );
  return dir;
}

function changed(after: Partial<Shape>): string[] {
  const text = formatDiffText(diffOutputs(readOutput(write(base)), readOutput(write({ ...base, ...after }))), 'T');
  return text
    .split('\n')
    .filter((l) => l.startsWith('  '))
    .map((l) => l.trim());
}

describe('watchkeeper diff: changes in monitoring terms', () => {
  it('reports nothing for the same output', () => {
    expect(diffOutputs(readOutput(write(base)), readOutput(write(base)))).toEqual([]);
    expect(formatDiffText([], 'T')).toBe('T: no monitoring changes\n');
  });

  it('alerts added and removed', () => {
    expect(changed({ alerts: [...base.alerts.slice(1), { alert: 'New', expr: 'x > 1', for: '1m' }] })).toEqual([
      '- alert QueueDepth{severity="warning"}',
      '+ alert New: x > 1 for 1m',
    ]);
  });

  it('renames: same expression and labels, another name', () => {
    expect(changed({ alerts: [...base.alerts.slice(0, 2), { ...base.alerts[2], alert: 'NewName' }] })).toEqual([
      '~ alert OldName{severity="critical"} renamed to NewName',
    ]);
  });

  it('a level 1 -> 0.8, for 5m -> 2m, an annotation', () => {
    expect(
      changed({
        alerts: [
          { ...base.alerts[0], expr: 'queue_depth > 0.8', for: '2m', annotations: { summary: 'deeper' } },
          ...base.alerts.slice(1),
        ],
      }),
    ).toEqual([
      '~ alert QueueDepth{severity="warning"}: level 1 -> 0.8',
      '~ alert QueueDepth{severity="warning"}: for 5m -> 2m',
      '~ alert QueueDepth{severity="warning"}: annotations changed: summary',
    ]);
    expect(
      changed({ alerts: [{ ...base.alerts[0], annotations: { summary: 'deeper' } }, ...base.alerts.slice(1)] }),
    ).toEqual(['~ alert QueueDepth{severity="warning"}: annotation summary: "deep" -> "deeper"']);
  });

  it("a route's receiver", () => {
    expect(changed({ receiver: 'oncall-opsgenie' })).toEqual([
      '~ route shop-routing: severity="critical": receiver oncall-pagerduty -> oncall-opsgenie',
      '- receiver shop-routing: oncall-pagerduty',
      '+ receiver shop-routing: oncall-opsgenie',
    ]);
  });

  it('an SLO objective', () => {
    expect(changed({ objective: '0.9995' })).toEqual(['~ SLO shop/availability: objective 99.9% -> 99.95%']);
  });

  it('panels added and removed', () => {
    expect(changed({ panels: ['Queue depth', 'Latency'] })).toEqual([
      '~ dashboard shop: panel added: Latency',
      '~ dashboard shop: panel removed: Errors',
    ]);
  });

  it('HPA bounds', () => {
    expect(changed({ hpa: { min: 3, max: 20 } })).toEqual([
      '~ HPA shop/api: minReplicas 2 -> 3',
      '~ HPA shop/api: maxReplicas 10 -> 20',
    ]);
  });

  it('renders a pull-request comment', () => {
    const md = formatDiffMarkdown(
      diffOutputs(
        readOutput(write(base)),
        readOutput(write({ ...base, objective: '0.9995', hpa: { min: 2, max: 20 } })),
      ),
      'Monitoring changes since main',
    );
    expect(md).toBe(
      [
        '### Monitoring changes since main',
        '',
        '1 SLO change, 1 autoscaling change',
        '',
        '**SLOs**',
        '',
        '| | what | change |',
        '| --- | --- | --- |',
        '| ✏️ | `SLO shop/availability` | `objective 99.9% -> 99.95%` |',
        '',
        '**Autoscaling**',
        '',
        '| | what | change |',
        '| --- | --- | --- |',
        '| ✏️ | `HPA shop/api` | `maxReplicas 10 -> 20` |',
        '',
      ].join('\n'),
    );
  });
});
