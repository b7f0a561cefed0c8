import { Chart } from 'cdk8s';
import { RLM } from '../../examples/rlm-hypervisor/common';
import {
  TASK_TIMEOUT_MS,
  addTroubleshootingAlerts,
  troubleshootingGroup,
} from '../../examples/rlm-hypervisor/troubleshooting-alerts';
import { kubernetesAjv } from '../support/ajv';
import { itWithPromtool, runPromtool } from '../support/promtool';
import { itWithShared, prometheusRuleSchema, seed } from '../support/shared';
import { githubAnchors, promtoolTestAlerts, synthExample } from './example-support';

/** The RLM chart's shape, without depending on RlmHypervisorChart (the lead wires the alerts into it). */
const rlmChart = (withAssumed: boolean) =>
  synthExample((app) => {
    const chart = new Chart(app, 'rlm-hypervisor', { namespace: RLM.namespace });
    addTroubleshootingAlerts(
      chart,
      withAssumed
        ? {
            securityEvents: 'rlm_security_events_total{severity="critical"}',
            storageAccessDenied: 'rlm_storage_errors_total{code="403"}',
          }
        : {},
    );
  });

describe('examples/rlm-hypervisor troubleshooting alerts', () => {
  const out = rlmChart(false);
  const full = rlmChart(true);

  it('alerts on the issues a runbook metric can see; security and 403 alerts only once their metrics are given', () => {
    expect([...new Set(out.alerts.map((a) => a.alert))]).toEqual([
      'RLMTaskTimeouts',
      'RLMStorageConnectorSlow',
      'RLMQuotaExceeded',
    ]);
    expect([...new Set(full.alerts.map((a) => a.alert))]).toEqual([
      'RLMTaskTimeouts',
      'RLMStorageConnectorSlow',
      'RLMQuotaExceeded',
      'RLMSecurityEvents',
      'RLMStorageAccessDenied',
    ]);
  });

  it('writes its own PrometheusRule in rlm-production', () => {
    expect(
      out.manifests
        .filter((m) => m.kind === 'PrometheusRule')
        .map((m) => [m.metadata.name, m.metadata.namespace, m.metadata.labels]),
    ).toEqual([['rlm-hypervisor-alerts-troubleshooting', 'rlm-production', { release: 'kube-prometheus-stack' }]]);
  });

  itWithShared(
    'every alert has severity, summary, description and a runbook_url to its issue on the troubleshooting page',
    () => {
      const anchors = githubAnchors(seed('000'));
      const expected: Record<string, string> = {
        RLMTaskTimeouts: 'issue-2-tasks-failing-with-timeout',
        RLMStorageConnectorSlow: 'issue-5-storage-connector-slow',
        RLMQuotaExceeded: 'issue-6-quota-exceeded-errors',
        RLMSecurityEvents: 'issue-8-security-alert-triggered',
        RLMStorageAccessDenied: 'issue-10-storage-access-denied',
      };
      for (const a of full.alerts) {
        expect(a.labels.severity).toMatch(/^(critical|warning|info)$/);
        expect(a.annotations.summary).toBeTruthy();
        expect(a.annotations.description).toBeTruthy();
        expect(a.annotations.runbook_url).toBe(`${RLM.runbookBase}/troubleshooting#${expected[a.alert]}`);
        expect([a.alert, anchors.has(expected[a.alert])]).toEqual([a.alert, true]);
      }
    },
  );

  itWithShared("uses the runbooks' numbers and metrics", () => {
    const exprs = out.alerts.map((a) => `${a.alert}: ${a.expr}`);
    expect(exprs).toEqual([
      'RLMTaskTimeouts: rlm_task_duration_p99 / 1000 > 600',
      'RLMStorageConnectorSlow: avg by (connector) (rlm_storage_latency) > 500',
      'RLMStorageConnectorSlow: avg by (connector) (rlm_storage_latency) > 200',
      'RLMQuotaExceeded: rlm_quota_usage / rlm_quota_limit >= 1',
    ]);
    expect(seed('000')).toContain(`timeoutMs: ${TASK_TIMEOUT_MS}  // 10 minutes`);
    // Emergency Contacts: quota 30 minutes, security 15 minutes.
    const quota = out.alerts.find((a) => a.alert === 'RLMQuotaExceeded');
    expect([quota?.annotations.contact, quota?.annotations.respond_within]).toEqual([
      'support@rlm-hypervisor.io',
      '30 minutes',
    ]);
    const security = full.alerts.find((a) => a.alert === 'RLMSecurityEvents');
    expect([security?.annotations.contact, security?.annotations.respond_within]).toEqual([
      'security@rlm-hypervisor.io',
      '15 minutes',
    ]);
    expect(seed('000')).toContain('| Security Incident | security@rlm-hypervisor.io | 15 minutes |');
    expect(seed('000')).toContain('| Quota Emergency | support@rlm-hypervisor.io | 30 minutes |');
  });

  it('is also available as a rule group', () => {
    expect(troubleshootingGroup().name).toBe('troubleshooting');
    expect(troubleshootingGroup({ securityEvents: 'x_total' }).rules.map((r) => r.name)).toContain('RLMSecurityEvents');
  });

  itWithShared('every PrometheusRule validates against the CRD schema', () => {
    const validate = kubernetesAjv().compile(prometheusRuleSchema());
    for (const m of full.manifests.filter((x) => x.kind === 'PrometheusRule'))
      expect(validate(m) ? [] : validate.errors).toEqual([]);
  });

  itWithPromtool('every rule file passes promtool check rules', () => {
    const r = runPromtool(['check', 'rules', ...out.ruleFiles, ...full.ruleFiles]);
    expect(r.output).toMatch(/SUCCESS: 4 rules found/);
    expect(r.output).toMatch(/SUCCESS: 6 rules found/);
    expect(r.status).toBe(0);
  });

  itWithPromtool('the alerts fire as the issues describe (promtool test rules)', () => {
    const labels = { service: 'rlm-hypervisor', team: 'rlm-sre' };
    const r = promtoolTestAlerts(full.ruleFiles[0], [
      {
        series: {
          'rlm_quota_usage{user="ada"}': '100x10',
          'rlm_quota_limit{user="ada"}': '100x10',
          'rlm_quota_usage{user="bob"}': '99x10',
          'rlm_quota_limit{user="bob"}': '100x10',
        },
        evalTime: '6m',
        alert: 'RLMQuotaExceeded',
        expect: [{ ...labels, user: 'ada', severity: 'warning' }],
      },
      {
        series: { rlm_task_duration_p99: '610000x10' },
        evalTime: '6m',
        alert: 'RLMTaskTimeouts',
        expect: [{ ...labels, severity: 'critical' }],
      },
      { series: { rlm_task_duration_p99: '590000x10' }, evalTime: '6m', alert: 'RLMTaskTimeouts', expect: [] },
      {
        series: {
          'rlm_storage_latency{connector="s3", instance="a"}': '300x10',
          'rlm_storage_latency{connector="gcs", instance="a"}': '50x10',
        },
        evalTime: '6m',
        alert: 'RLMStorageConnectorSlow',
        expect: [{ ...labels, connector: 's3', severity: 'warning' }],
      },
      {
        series: { 'rlm_storage_errors_total{code="403"}': '0 0 3 6 9 12 15 18' },
        evalTime: '7m',
        alert: 'RLMStorageAccessDenied',
        expect: [{ ...labels, severity: 'critical' }],
      },
    ]);
    expect(r.output).toMatch(/SUCCESS/);
    expect(r.status).toBe(0);
  });

  it('rule file snapshot', () => {
    for (const [name, text] of full.ruleFileText) expect(text).toMatchSnapshot(name);
  });
});
