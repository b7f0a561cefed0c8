/**
 * The RLM Hypervisor's SLOs, from the "Service Health Metrics" targets of its monitoring runbook
 * (seed 002_ded32a8254555b95.txt): API availability 99.99%, task success 99.5%, API latency p99 under 100 ms.
 * Each renders its recording rules, burn-rate alerts and error-budget panels from these numbers.
 */
import { Construct } from 'constructs';
import { AlertRule, Dashboard, PanelSpec, alertCondition } from '../../src';
import { Slo, SloRules, SloRulesProps, Sli, sloPanels } from '../../src';
import { criticalGroup, warningGroup } from './alert-groups';
import { rlmMetrics } from './metrics';
import { RLM, runbook } from './common';

const shared = { service: RLM.service, labels: { team: RLM.team } } as const;

/** The three SLOs of the runbook's targets. */
export const rlmSlos: readonly Slo[] = [
  // `rlm_api_availability` target 99.99%, measured from the error and request counters the runbook's
  // RLMHighErrorRate alert uses.
  new Slo({
    ...shared,
    name: 'availability',
    objective: 99.99,
    description: 'API requests succeed',
    sli: Sli.events('rlm_errors', 'rlm_requests'),
    alerting: { runbookUrl: runbook('sev-2-high-error-rate'), absent: true },
  }),
  // `rlm_task_success_rate` target > 99.5%. The runbook gives the rate as a percentage gauge and no task
  // counters, so this SLI is a raw error ratio (averaged over time, not weighted by task count).
  new Slo({
    ...shared,
    name: 'task-success',
    objective: 99.5,
    description: 'Tasks complete successfully',
    sli: Sli.errorRatio('1 - rlm_task_success_rate / 100'),
    alerting: { runbookUrl: runbook('service-health-metrics'), absent: true },
  }),
  // `rlm_api_latency_p99` target < 100 ms: 99% of requests within 100 ms, from the histogram the runbook's
  // RLMHighLatency alert reads (in seconds: it alerts on a p99 "> 1" as "exceeds 1 second").
  new Slo({
    ...shared,
    name: 'api-latency',
    objective: 99,
    description: '99% of API requests complete within 100 ms',
    sli: Sli.latency({ histogram: 'rlm_api_latency_bucket', threshold: 0.1 }),
    alerting: { runbookUrl: runbook('service-health-metrics'), absent: true },
  }),
];

/** Adds the SLOs to a chart as one PrometheusRule (`<chart>-slos`, rules/<chart>-slos.rules.yaml). */
export function rlmSloRules(scope: Construct, props: Omit<SloRulesProps, 'slos'> = {}): SloRules {
  return new SloRules(scope, 'slos', { ...props, slos: [...rlmSlos] });
}

/** The error-budget panels of every RLM SLO, as data for the dashboards module. */
export function rlmSloPanels(): PanelSpec[] {
  return rlmSlos.flatMap((s) => sloPanels(s));
}

/**
 * Adds the "RLM Hypervisor: SLOs" dashboard: one row per SLO with its SLI vs objective, budget remaining,
 * burn rate per window and budget burn-down, rendered by the dashboards module from the SLOs themselves.
 */
export function rlmSloDashboard(scope: Construct): Dashboard {
  const d = new Dashboard(scope, 'slo-dashboard', {
    title: 'RLM Hypervisor: SLOs',
    description: 'Error budgets of the RLM Hypervisor SLOs (monitoring runbook, Service Health targets).',
    tags: ['rlm', 'slo'],
    metrics: rlmMetrics,
    configMap: { folder: 'RLM Hypervisor' },
    time: { from: 'now-7d', to: 'now' },
    links: [{ title: 'Monitoring runbook', url: runbook('service-health-metrics'), icon: 'doc' }],
  });
  for (const slo of rlmSlos) {
    d.addRow(`${slo.props.name}: ${slo.objectivePercent}% over ${slo.window}`, {
      panels: slo === rlmSlos[0] ? [slo, availabilityVersusErrorAlerts()] : [slo],
    });
  }
  return d;
}

const percent = (ratio: number): string => `${Number((ratio * 100).toPrecision(6))}%`;

/**
 * The error ratios at which the availability SLO's burn-rate tiers fire, against the levels of the runbook's
 * error-rate alerts (the same `rlm_errors / rlm_requests`), every number read from the SLO and the rules.
 */
export function availabilityErrorLevels(): {
  slo: Array<{ severity: string; window: string; ratio: number }>;
  alerts: Array<{ alert: string; severity: string; ratio: number }>;
} {
  const slo = rlmSlos[0];
  const budget = Number(slo.errorBudget);
  const rules = [...criticalGroup().rules, ...warningGroup().rules].filter(
    (r): r is AlertRule => r instanceof AlertRule && /rlm_errors/.test(r.props.expr),
  );
  return {
    slo: slo.tiers.map((t) => ({ severity: t.severity, window: t.longWindow, ratio: Number(t.factor) * budget })),
    alerts: rules.map((r) => ({
      alert: r.name,
      severity: r.props.labels?.severity ?? 'critical',
      ratio: alertCondition(r.props.expr)?.value ?? NaN,
    })),
  };
}

/**
 * A text panel saying why the SLO dashboard can be red while the error-rate panels are green: the 99.99%
 * objective pages at a far lower error ratio than RLMElevatedErrorRate warns. The seed sets both; the
 * dashboards explain the difference rather than change the runbook's numbers.
 */
export function availabilityVersusErrorAlerts(): PanelSpec {
  const { slo, alerts } = availabilityErrorLevels();
  const lowestAlert = Math.min(...alerts.map((a) => a.ratio));
  const highestSlo = Math.max(...slo.map((t) => t.ratio));
  const lowestSlo = Math.min(...slo.map((t) => t.ratio));
  return {
    kind: 'text',
    title: 'Why the SLO can be red while the error-rate alerts are quiet',
    height: 6,
    links: [{ title: 'Runbook: service health targets', url: runbook('service-health-metrics') }],
    content: [
      `The availability objective of ${rlmSlos[0].objectivePercent}% leaves an error budget of ${percent(Number(rlmSlos[0].errorBudget))} of requests. Its burn-rate alerts fire at these error ratios:`,
      '',
      ...slo.map((t) => `- ${t.severity}: ${percent(t.ratio)} of requests failing over ${t.window}`),
      '',
      `The runbook's error-rate alerts on the same ratio are looser: ${alerts.map((a) => `${a.alert} (${a.severity}) at ${percent(a.ratio)}`).join(', ')}.`,
      `From ${percent(lowestSlo)} to ${percent(lowestAlert)} failing, the SLO's alerts fire (within the hour from ${percent(highestSlo)}) while no error-rate alert does: that is the error budget being spent, not a broken panel.`,
    ].join('\n'),
  };
}
