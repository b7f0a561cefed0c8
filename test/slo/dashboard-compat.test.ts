/**
 * The SLO panels are plain data shaped like the dashboards module's panel specs: an Slo is an IPanelSource,
 * and a dashboard renders its panels into Grafana JSON that passes the dashboard's own checks.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { Dashboard, IPanelSource } from '../../src/dashboards';
import { WatchkeeperApp } from '../../src/synth';
import { RlmHypervisorChart } from '../../examples/rlm-hypervisor';
import { synthToTemp } from '../support/synth';

describe('SLO panels in a dashboard', () => {
  it('an Slo is a panel source; its four panels render and pass the dashboard checks', () => {
    const sources: IPanelSource[] = [...new RlmHypervisorChart(new WatchkeeperApp()).service.slos];
    const app = new WatchkeeperApp();
    const chart = new Chart(app, 'rlm', { namespace: 'rlm' });
    const d = new Dashboard(chart, 'slos', { title: 'RLM SLOs' });
    d.addPanel(...sources);
    const dist = synthToTemp(app);
    const json = JSON.parse(fs.readFileSync(path.join(dist, 'dashboards', `${d.uid}.json`), 'utf8'));
    const panels = json.panels as Array<{ type: string; title: string; targets: Array<{ expr: string }> }>;
    expect(panels).toHaveLength(12);
    expect(panels.map((p) => p.type).slice(0, 4)).toEqual(['stat', 'gauge', 'timeseries', 'timeseries']);
    expect(panels[0].targets[0].expr).toBe(
      '1 - slo:burn_rate:rate30d{slo="availability", service="rlm-hypervisor"} * 0.0001',
    );
  });
});
