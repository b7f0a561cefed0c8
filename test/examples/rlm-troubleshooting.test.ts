import * as fs from 'fs';
import * as path from 'path';
import { parse, stringify } from 'yaml';
import { RlmHypervisorChart } from '../../examples/rlm-hypervisor';
import { RUNBOOKS } from '../../examples/rlm-hypervisor/common';
import { kubernetesAjv } from '../support/ajv';
import { itWithPromtool, runPromtool } from '../support/promtool';
import { itWithShared, prometheusRuleSchema, seed } from '../support/shared';
import { tempDir } from '../support/synth';
import { githubAnchors, promtoolTestAlerts, synthExample } from './example-support';

/** The RLM chart; its `troubleshooting` group's alerts, and the group alone as a rule file of its own. */
const rlmChart = () => {
  const out = synthExample((app) => new RlmHypervisorChart(app), /^rlm-hypervisor\.rules\.yaml$/);
  const group = parse(out.ruleFileText.get('rlm-hypervisor.rules.yaml') as string).groups.find(
    (g: { name: string }) => g.name === 'troubleshooting',
  );
  const file = path.join(tempDir(), 'troubleshooting.rules.yaml');
  fs.writeFileSync(file, stringify({ groups: [group] }, { lineWidth: 0 }));
  return { ...out, alerts: out.alerts.filter((a) => a.group === 'troubleshooting'), groupFile: file };
};

describe('examples/rlm-hypervisor troubleshooting alerts', () => {
  const out = rlmChart();

  it('alerts on the issues a runbook metric can see', () => {
    expect([...new Set(out.alerts.map((a) => a.alert))]).toEqual([
      'RLMTaskTimeouts',
      'RLMStorageConnectorSlow',
      'RLMQuotaExceeded',
    ]);
  });

  it("are the rule group `troubleshooting` of the service's PrometheusRule in rlm-production", () => {
    expect(
      out.manifests
        .filter((m) => m.kind === 'PrometheusRule')
        .map((m) => [
          m.metadata.name,
          m.metadata.namespace,
          m.metadata.labels,
          m.spec.groups.filter((g: { name: string }) => g.name === 'troubleshooting').length,
        ]),
    ).toEqual([['rlm-hypervisor', 'rlm-production', { release: 'kube-prometheus-stack' }, 1]]);
  });

  itWithShared(
    'every alert has severity, summary, description and a runbook_url to its issue on the troubleshooting page',
    () => {
      const anchors = githubAnchors(seed('000'));
      const expected: Record<string, string> = {
        RLMTaskTimeouts: 'issue-2-tasks-failing-with-timeout',
        RLMStorageConnectorSlow: 'issue-5-storage-connector-slow',
        RLMQuotaExceeded: 'issue-6-quota-exceeded-errors',
      };
      for (const a of out.alerts) {
        expect(a.labels.severity).toMatch(/^(critical|warning|info)$/);
        expect(a.annotations.summary).toBeTruthy();
        expect(a.annotations.description).toBeTruthy();
        expect(a.annotations.runbook_url).toBe(`${RUNBOOKS}/troubleshooting#${expected[a.alert]}`);
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
    // 600 s: the task timeout of Issue 2's "Increase Task Timeout".
    expect(seed('000')).toContain('timeoutMs: 600000  // 10 minutes');
    // Emergency Contacts: quota 30 minutes.
    const quota = out.alerts.find((a) => a.alert === 'RLMQuotaExceeded');
    expect([quota?.annotations.contact, quota?.annotations.respond_within]).toEqual([
      'support@rlm-hypervisor.io',
      '30 minutes',
    ]);
    expect(seed('000')).toContain('| Quota Emergency | support@rlm-hypervisor.io | 30 minutes |');
  });

  itWithShared('every PrometheusRule validates against the CRD schema', () => {
    const validate = kubernetesAjv().compile(prometheusRuleSchema());
    for (const m of out.manifests.filter((x) => x.kind === 'PrometheusRule'))
      expect(validate(m) ? [] : validate.errors).toEqual([]);
  });

  itWithPromtool('the group passes promtool check rules', () => {
    const r = runPromtool(['check', 'rules', out.groupFile]);
    expect(r.output).toMatch(/SUCCESS: 4 rules found/);
    expect(r.status).toBe(0);
  });

  itWithPromtool('the alerts fire as the issues describe (promtool test rules)', () => {
    const labels = { service: 'rlm-hypervisor', team: 'rlm-sre', namespace: 'rlm-production' };
    const r = promtoolTestAlerts(out.groupFile, [
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
    ]);
    expect(r.output).toMatch(/SUCCESS/);
    expect(r.status).toBe(0);
  });

  it('rule group snapshot', () => {
    expect(fs.readFileSync(out.groupFile, 'utf8')).toMatchSnapshot('troubleshooting group');
  });
});
