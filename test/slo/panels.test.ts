import { checkPromQL } from '../../src/promql';
import { Slo, Sli, sloPanels } from '../../src/slo';
import { specQueries } from '../../src/dashboards';

const slo = new Slo({
  service: 'rlm-hypervisor',
  name: 'availability',
  objective: 99.9,
  description: 'API requests succeed',
  sli: Sli.events('rlm_errors', 'rlm_requests'),
});

describe('sloPanels', () => {
  const panels = sloPanels(slo);

  it('describes the four error-budget panels as plain data', () => {
    expect(panels.map((p) => [p.kind, p.title, p.unit])).toEqual([
      ['stat', 'rlm-hypervisor availability: SLI vs objective 99.9% (30d)', 'percentunit'],
      ['gauge', 'rlm-hypervisor availability: error budget remaining (30d)', 'percentunit'],
      ['timeseries', 'rlm-hypervisor availability: burn rate per window', 'none'],
      ['timeseries', 'rlm-hypervisor availability: error budget burn-down (30d)', 'percentunit'],
    ]);
    expect(JSON.parse(JSON.stringify(panels))).toEqual(panels);
  });

  it('takes its numbers from the SLO: the objective colours the SLI, the tiers colour the burn rates', () => {
    expect(panels[0].queries).toEqual([
      { expr: '1 - slo:burn_rate:rate30d{slo="availability", service="rlm-hypervisor"} * 0.001', legend: 'SLI 30d' },
    ]);
    expect(panels[0].thresholds).toEqual([
      { value: null, color: 'red' },
      { value: 0.999, color: 'green' },
    ]);
    expect(specQueries(panels[2]).map((q) => q.legend)).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d']);
    expect(panels[2].thresholds).toEqual([
      { value: null, color: 'green' },
      { value: 1, color: 'orange' },
      { value: 6, color: 'red' },
    ]);
    const moved = sloPanels(slo.with({ objective: 99.5, window: '28d' }));
    expect((moved[0].thresholds as unknown[])[1]).toEqual({ value: 0.995, color: 'green' });
    expect(moved[2].thresholds).toEqual([
      { value: null, color: 'green' },
      { value: 0.9333, color: 'orange' },
      { value: 5.6, color: 'red' },
    ]);
  });

  it("every query is valid PromQL over the SLO's recorded series", () => {
    for (const p of panels)
      for (const q of specQueries(p)) {
        expect(checkPromQL(q.expr)).toEqual([]);
        expect(q.expr).toMatch(
          /slo:(burn_rate|error_budget_remaining):[a-z0-9]+\{slo="availability", service="rlm-hypervisor"\}/,
        );
      }
  });

  it('adds grouping labels to legends', () => {
    const g = sloPanels(slo.with({ groupBy: ['endpoint'] }));
    expect(specQueries(g[2])[0].legend).toBe('5m {{endpoint}}');
  });
});
