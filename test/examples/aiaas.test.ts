import { parse } from 'yaml';
import { AIAAS, AiaasChart, RESPONSE_PROCEDURES, RunbookCode, runbookAnchor } from '../../examples/aiaas';
import { WatchkeeperApp, WatchkeeperError } from '../../src';
import { kubernetesAjv } from '../support/ajv';
import { itWithPromtool, runPromtool } from '../support/promtool';
import { itWithShared, prometheusRuleSchema, seed } from '../support/shared';
import { AlertFromFile, githubAnchors, promtoolTestAlerts, synthExample } from './example-support';

const CODES = ['TIMEOUT', 'TOOL_DOWN', 'VALIDATION_FAIL', 'WS_OVERLOAD'];

describe('examples/aiaas', () => {
  const out = synthExample((app) => new AiaasChart(app), /^aiaas-platform\.rules\.yaml$/);
  const byName = (name: string) => out.alerts.filter((a) => a.alert === name);

  itWithShared('has an alert for every runbook code of the seed, carrying the code as a label', () => {
    const inSeed = [...seed('003').matchAll(/^### ([A-Z_]+):/gm)].map((m) => m[1]);
    expect(inSeed).toEqual(CODES);
    expect([...new Set(out.alerts.map((a) => a.labels.runbook_code))].sort()).toEqual([...CODES].sort());
    expect([...new Set(out.alerts.map((a) => `${a.labels.runbook_code} ${a.alert}`))].sort()).toEqual([
      'TIMEOUT ServiceTimeout',
      'TOOL_DOWN ToolServiceDown',
      'VALIDATION_FAIL ValidationFailures',
      'WS_OVERLOAD WebSocketBackpressureDrops',
      'WS_OVERLOAD WebSocketOverload',
    ]);
  });

  it("writes one PrometheusRule (alerts, SLOs) in the runbooks' namespace, with its rule file", () => {
    const rules = out.manifests.filter((m) => m.kind === 'PrometheusRule');
    expect(rules.map((m) => [m.metadata.name, m.metadata.namespace])).toEqual([['aiaas-platform', 'production']]);
    expect([...out.ruleFileText.keys()]).toEqual(['aiaas-platform.rules.yaml']);
  });

  itWithShared("every alert has a severity, summary, description and a runbook_url to its code's section", () => {
    const anchors = githubAnchors(seed('003'));
    for (const a of out.alerts) {
      expect(a.labels.severity).toMatch(/^(critical|warning|info)$/);
      expect(a.labels.system).toBe('aiaas');
      expect(a.annotations.summary).toBeTruthy();
      expect(a.annotations.description).toBeTruthy();
      expect(a.annotations.runbook_url).toBe(
        `${AIAAS.runbookBase}#${runbookAnchor(a.labels.runbook_code as RunbookCode)}`,
      );
      expect([a.alert, anchors.has(a.annotations.runbook_url.split('#')[1])]).toEqual([a.alert, true]);
    }
  });

  itWithShared('maps severities to the response procedures: P0 5/10 min, P1 15/30 min, P2 1/2 h', () => {
    const seen = new Map(
      out.alerts.map((a) => [
        a.labels.severity,
        [a.labels.priority, a.annotations.priority, a.annotations.acknowledge_within, a.annotations.investigate_within],
      ]),
    );
    expect(Object.fromEntries(seen)).toEqual({
      critical: ['P0', 'P0', '5 minutes', '10 minutes'],
      warning: ['P1', 'P1', '15 minutes', '30 minutes'],
      info: ['P2', 'P2', '1 hour', '2 hours'],
    });
    // The procedures as the seed writes them.
    const text = seed('003');
    expect(text).toMatch(
      /Critical Alerts \(P0\)\n\n1\. \*\*Immediate Response\*\*: Acknowledge alert within 5 minutes\n2\. \*\*Investigation\*\*: Start investigation within 10 minutes/,
    );
    expect(text).toMatch(
      /Warning Alerts \(P1\)\n\n1\. \*\*Response\*\*: Acknowledge alert within 15 minutes\n2\. \*\*Investigation\*\*: Start investigation within 30 minutes/,
    );
    expect(text).toMatch(
      /Info Alerts \(P2\)\n\n1\. \*\*Response\*\*: Acknowledge alert within 1 hour\n2\. \*\*Investigation\*\*: Start investigation within 2 hours/,
    );
  });

  it('gives the SLO burn-rate alerts the same priorities and deadlines (every alert of the file)', () => {
    const all = parse(out.ruleFileText.get('aiaas-platform.rules.yaml') as string)
      .groups.flatMap((g: { rules: AlertFromFile[] }) => g.rules)
      .filter((r: AlertFromFile) => r.alert !== undefined) as AlertFromFile[];
    expect(all.filter((a) => a.labels.slo === 'latency')).toHaveLength(4);
    for (const a of all) {
      const p = RESPONSE_PROCEDURES[a.labels.severity as keyof typeof RESPONSE_PROCEDURES];
      expect([a.alert, a.labels.priority, a.annotations]).toEqual([
        a.alert,
        p.labels.priority,
        expect.objectContaining(p.annotations),
      ]);
    }
  });

  it("uses the runbooks' numbers: P95 > 500 ms, the 5000 ms timeout, 1000 connections, backpressure at 0.8", () => {
    expect(byName('ServiceTimeout').map((a) => [a.labels.priority, a.expr])).toEqual([
      [
        'P0',
        '1000 * histogram_quantile(0.95, sum by (service, le) (rate(service_latency_histogram_bucket[5m]))) > 5000',
      ],
      [
        'P1',
        '1000 * histogram_quantile(0.95, sum by (service, le) (rate(service_latency_histogram_bucket[5m]))) > 500',
      ],
    ]);
    expect(byName('ToolServiceDown').map((a) => a.expr)).toEqual(['tool_service_health_check == 0']);
    expect(byName('ValidationFailures')[0].expr).toContain('validation_errors_total');
    expect(byName('WebSocketOverload').map((a) => [a.labels.priority, a.expr])).toEqual([
      ['P1', 'websocket_connections_active / 1000 > 0.8'],
      ['P0', 'websocket_connections_active >= 1000'],
    ]);
    expect(byName('WebSocketBackpressureDrops')[0].expr).toContain('websocket_backpressure_drops');
  });

  it('levels follow the toggles in force (MAX_WEBSOCKET_CONNECTIONS 2000, BACKPRESSURE_THRESHOLD 0.9, TIMEOUT 10000)', () => {
    const raised = synthExample(
      (app) =>
        new AiaasChart(app, 'aiaas', {
          toggles: { maxWebsocketConnections: 2000, backpressureThreshold: 0.9, timeoutThresholdMs: 10000 },
        }),
      /^aiaas-platform\.rules\.yaml$/,
    );
    const exprs = raised.alerts.map((a) => a.expr);
    expect(exprs).toContain('websocket_connections_active / 2000 > 0.9');
    expect(exprs).toContain('websocket_connections_active >= 2000');
    expect(exprs.filter((e) => e.endsWith('> 10000'))).toHaveLength(1);
  });

  it('refuses a connection limit that is not a positive whole number', () => {
    for (const limit of [0, 1.5]) {
      const chart = () =>
        new AiaasChart(new WatchkeeperApp(), 'aiaas', { toggles: { maxWebsocketConnections: limit } });
      expect(chart).toThrow(WatchkeeperError);
      expect(chart).toThrow(/toggles\.maxWebsocketConnections/);
    }
  });

  itWithShared('every PrometheusRule validates against the CRD schema', () => {
    const validate = kubernetesAjv().compile(prometheusRuleSchema());
    for (const m of out.manifests.filter((x) => x.kind === 'PrometheusRule'))
      expect(validate(m) ? [] : validate.errors).toEqual([]);
  });

  itWithPromtool('every rule file passes promtool check rules', () => {
    const r = runPromtool(['check', 'rules', ...out.ruleFiles]);
    expect(r.output).toMatch(/SUCCESS: 39 rules found/);
    expect(r.status).toBe(0);
  });

  itWithPromtool('the alerts fire where the runbooks say (promtool test rules)', () => {
    // The service labels its alerts with its namespace, as prometheus-operator's OnNamespace routing needs.
    const ns = { namespace: 'production' };
    const ws = { system: 'aiaas', runbook_code: 'WS_OVERLOAD', instance: 'rt-0', ...ns };
    const r = promtoolTestAlerts(out.ruleFiles[0], [
      // 850 connections: backpressure territory (P1) but not the limit.
      {
        series: { 'websocket_connections_active{instance="rt-0"}': '850x10' },
        evalTime: '6m',
        alert: 'WebSocketOverload',
        expect: [{ ...ws, severity: 'warning', priority: 'P1' }],
      },
      // At the limit: both.
      {
        series: { 'websocket_connections_active{instance="rt-0"}': '1000x10' },
        evalTime: '6m',
        alert: 'WebSocketOverload',
        expect: [
          { ...ws, severity: 'critical', priority: 'P0' },
          { ...ws, severity: 'warning', priority: 'P1' },
        ],
      },
      {
        series: { 'websocket_connections_active{instance="rt-0"}': '700x10' },
        evalTime: '6m',
        alert: 'WebSocketOverload',
        expect: [],
      },
      // Histogram in seconds: 90% of requests under 0.25 s, the rest under 1 s, so the P95 is 0.625 s > 500 ms.
      {
        series: {
          'service_latency_histogram_bucket{service="api", le="0.25"}': '0+90x10',
          'service_latency_histogram_bucket{service="api", le="1"}': '0+100x10',
          'service_latency_histogram_bucket{service="api", le="+Inf"}': '0+100x10',
        },
        evalTime: '9m',
        alert: 'ServiceTimeout',
        expect: [
          { system: 'aiaas', service: 'api', runbook_code: 'TIMEOUT', severity: 'warning', priority: 'P1', ...ns },
        ],
      },
      {
        series: { 'tool_service_health_check{job="search-tool", instance="t-0"}': '1 1 0 0 0 0' },
        evalTime: '4m',
        alert: 'ToolServiceDown',
        expect: [
          {
            system: 'aiaas',
            runbook_code: 'TOOL_DOWN',
            severity: 'critical',
            priority: 'P0',
            job: 'search-tool',
            instance: 't-0',
            ...ns,
          },
        ],
      },
    ]);
    expect(r.output).toMatch(/SUCCESS/);
    expect(r.status).toBe(0);
  });

  it('rule file snapshot', () => {
    for (const [name, text] of out.ruleFileText) expect(text).toMatchSnapshot(name);
  });
});
