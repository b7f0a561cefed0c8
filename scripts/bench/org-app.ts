/**
 * A generated organisation for the synth benchmark: N services, each with 2 SLOs, 10 threshold metrics, a
 * dashboard (the metrics' panels and the SLOs' panels) and an HPA, one chart per service.
 */
import { Chart } from 'cdk8s';
import {
  Dashboard,
  HorizontalPodAutoscaler,
  HpaMetric,
  PrometheusRule,
  RuleGroup,
  Slo,
  SloRules,
  Sli,
  ThresholdMetric,
  WatchkeeperApp,
  deployment,
} from '../../src';

/** Builds the org's app (nothing rendered yet). */
export function buildOrgApp(services: number, outdir: string): WatchkeeperApp {
  const app = new WatchkeeperApp({ outdir });
  for (let i = 0; i < services; i++) addService(app, `svc-${String(i).padStart(4, '0')}`);
  return app;
}

function addService(app: WatchkeeperApp, service: string): void {
  const chart = new Chart(app, service, { namespace: 'org' });
  const sel = `{service="${service}"}`;
  const metrics = Array.from(
    { length: 10 },
    (_, m) =>
      new ThresholdMetric({
        metric:
          m % 2 === 0
            ? `${service.replace(/-/g, '_')}_queue_depth_${m}${sel}`
            : `histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket${sel}[5m]))) * 1000`,
        alert: `Metric${m}`,
        description: `Metric ${m}`,
        unit: m % 2 === 0 ? 'count' : 'ms',
        direction: 'above',
        thresholds: { warning: 100 + m, critical: 200 + m },
        service,
        team: 'platform',
        runbookUrl: `https://runbooks.example.com/${service}#metric-${m}`,
      }),
  );
  new PrometheusRule(chart, 'alerts', { groups: [new RuleGroup(`${service}-thresholds`).add(...metrics)] });
  const slos = [
    new Slo({
      service,
      name: 'availability',
      objective: 99.9,
      sli: Sli.events(
        `http_requests_total{service="${service}",code=~"5.."}`,
        `http_requests_total{service="${service}"}`,
      ),
    }),
    new Slo({
      service,
      name: 'latency',
      objective: 99,
      sli: Sli.latency({ histogram: `http_request_duration_seconds_bucket{service="${service}"}`, threshold: 0.5 }),
    }),
  ];
  new SloRules(chart, 'slos', { slos });
  const dashboard = new Dashboard(chart, 'dashboard', { title: `${service} overview` });
  dashboard.addPanel(...metrics);
  for (const s of slos) dashboard.addPanel(s);
  new HorizontalPodAutoscaler(chart, 'hpa', {
    name: service,
    scaleTargetRef: deployment(service),
    minReplicas: 2,
    maxReplicas: 20,
    metrics: [HpaMetric.cpuUtilization(70)],
  });
}
