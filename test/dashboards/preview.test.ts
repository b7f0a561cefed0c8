import * as fs from 'fs';
import * as path from 'path';
import { WatchkeeperApp } from '../../src';
import { Dashboard, GrafanaDashboard, cssColor, renderLayoutSvg } from '../../src/dashboards';
import { writePreviews } from '../../scripts/preview/write-previews';
import { RlmHypervisorChart } from '../../examples/rlm-hypervisor';
import { synthToTemp, tempDir } from '../support/synth';
import { appWithChart } from './support/app';

function sample(): GrafanaDashboard {
  const { chart } = appWithChart();
  const d = new Dashboard(chart, 'p', {
    title: 'Latency <&> errors',
    refresh: '1m',
    panels: [
      {
        kind: 'timeseries',
        title: 'P99',
        queries: ['x'],
        unit: 'ms',
        thresholds: [
          { value: 200, color: 'orange' },
          { value: 500, color: 'red' },
        ],
      },
      { kind: 'stat', title: 'Up', queries: ['up'] },
    ],
  });
  d.addRow('Details', { collapsed: true }).addPanel({ kind: 'gauge', title: 'Hidden', queries: ['x'] });
  d.addRow('Open').addPanel({ kind: 'heatmap', title: 'Buckets', queries: ['x'] });
  return d.toJson();
}

describe('renderLayoutSvg', () => {
  const svg = renderLayoutSvg(sample());

  it('draws each visible panel as a box at its grid position (50 px per column, 30 px per row)', () => {
    expect(svg.match(/<g class="panel"/g)).toHaveLength(3);
    // P99 at gridPos {x:0, y:0, w:12, h:8}: 2 px inset for the gap.
    expect(svg).toContain('<rect x="2" y="2" width="596" height="236" rx="3"');
    // Up at x = 12 columns.
    expect(svg).toContain('<rect x="602" y="2" width="296" height="116" rx="3"');
  });

  it('writes titles and kinds, escaped', () => {
    expect(svg).toContain('<title>Latency &lt;&amp;&gt; errors</title>');
    expect(svg).toContain('>P99</text>');
    expect(svg).toContain('>timeseries · ms · 1 query</text>');
  });

  it('shows threshold colours', () => {
    const swatches = [...svg.matchAll(/<rect class="threshold"[^>]*fill="([^"]+)"/g)].map((m) => m[1]);
    expect(swatches).toEqual([cssColor('green'), cssColor('orange'), cssColor('red')]);
    expect(svg).toContain('>≥ 200</text>');
  });

  it('shows rows, and collapsed rows without their panels', () => {
    expect(svg).toContain('▸ Details  (1 panel, collapsed)');
    expect(svg).toContain('▾ Open');
    expect(svg).not.toContain('Hidden');
  });

  it('is well formed as far as tags go, and deterministic', () => {
    for (const tag of ['g', 'text', 'svg']) expect(svg.split(`<${tag}`).length).toBe(svg.split(`</${tag}>`).length);
    expect(renderLayoutSvg(sample())).toBe(svg);
  });
});

describe('scripts/preview-dashboards', () => {
  it('writes one SVG per synthesized dashboard, and an index', () => {
    const app = new WatchkeeperApp();
    new RlmHypervisorChart(app);
    const dist = synthToTemp(app);
    const out = path.join(tempDir(), 'preview');
    const written = writePreviews(path.join(dist, 'dashboards'), out);
    const jsons = fs
      .readdirSync(path.join(dist, 'dashboards'))
      .map((f) => f.replace(/\.json$/, '.svg'))
      .sort();
    expect(written).toEqual([...jsons, 'index.html']);
    for (const f of jsons)
      expect(fs.readFileSync(path.join(out, f), 'utf8')).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });

  it('says to synth first when there are no dashboards', () => {
    expect(() => writePreviews(path.join(tempDir(), 'missing'), tempDir())).toThrow(/run `npm run synth` first/);
  });
});
