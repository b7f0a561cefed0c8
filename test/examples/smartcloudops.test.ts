import { parse } from 'yaml';
import { SMARTCLOUDOPS, SmartCloudOpsChart, issueAnchor, smartCloudOpsIssues } from '../../examples/smartcloudops';
import { kubernetesAjv } from '../support/ajv';
import { itWithPromtool, runPromtool } from '../support/promtool';
import { itWithShared, prometheusRuleSchema, seed } from '../support/shared';
import { githubAnchors, promtoolTestAlerts, synthExample } from './example-support';

const ALERTS = [
  'SmartCloudOpsHighErrorRate',
  'SmartCloudOpsHighLatency',
  'SmartCloudOpsPodOOMKilled',
  'SmartCloudOpsPodRestartLoop',
  'SmartCloudOpsHighMemoryUsage',
  'SmartCloudOpsNodeNotReady',
  'SmartCloudOpsDatabaseConnectionsExhausted',
  'SmartCloudOpsRedisLowHitRate',
  'SmartCloudOpsRedisMemoryFull',
  'SmartCloudOpsAuthenticationFailureSpike',
  'SmartCloudOpsCertificateExpiry',
  'SmartCloudOpsScrapeTargetDown',
  'SmartCloudOpsFluentdUnavailable',
];

/** The service's one rule file (alerts and SLO). */
const RULE_FILE = /^smartcloudops-api\.rules\.yaml$/;

describe('examples/smartcloudops', () => {
  const out = synthExample((app) => new SmartCloudOpsChart(app), RULE_FILE);
  const byName = (name: string) => out.alerts.filter((a) => a.alert === name);

  it('defines the expected alerts', () => {
    expect([...new Set(out.alerts.map((a) => a.alert))].sort()).toEqual([...ALERTS].sort());
  });

  it('writes one PrometheusRule (alerts, SLO) in the monitoring namespace, with its rule file', () => {
    const rules = out.manifests.filter((m) => m.kind === 'PrometheusRule');
    expect(rules.map((m) => [m.metadata.name, m.metadata.namespace])).toEqual([
      ['smartcloudops-api', 'smartcloudops-monitoring'],
    ]);
    expect([...out.ruleFileText.keys()]).toEqual(['smartcloudops-api.rules.yaml']);
  });

  itWithShared(
    'every alert has a severity P0-P3 with its escalation, an area, a summary, a description and a runbook_url into the guide',
    () => {
      const anchors = githubAnchors(seed('004'));
      const matrix: Record<string, [string, string, string]> = {
        critical: ['P0', 'On-Call Engineer + Platform Lead', '15 minutes'],
        high: ['P1', 'Platform Team', '1 hour'],
        medium: ['P2', 'Assigned Engineer', '4 hours'],
        low: ['P3', 'Team Backlog', 'Next business day'],
      };
      for (const a of out.alerts) {
        expect([a.alert, matrix[a.labels.severity]]).toEqual([
          a.alert,
          [a.labels.priority, a.annotations.escalate_to, a.annotations.respond_within],
        ]);
        expect(a.labels.area).toMatch(/^(platform|security|database)$/);
        expect(a.labels.system).toBe('smartcloudops');
        expect(a.annotations.summary).toBeTruthy();
        expect(a.annotations.description).toBeTruthy();
        const [base, anchor] = a.annotations.runbook_url.split('#');
        expect(base).toBe(SMARTCLOUDOPS.runbookBase);
        expect([a.alert, anchors.has(anchor)]).toEqual([a.alert, true]);
      }
      // All four levels are in use.
      expect(new Set(out.alerts.map((a) => a.labels.priority))).toEqual(new Set(['P0', 'P1', 'P2', 'P3']));
      // The SLO's burn-rate alerts carry the matrix too (a fast burn P0, a slow one P2).
      const slo = [...out.ruleFileText.values()].flatMap((t) =>
        (parse(t).groups as Array<{ name: string; rules: any[] }>)
          .filter((g) => g.name.startsWith('slo-'))
          .flatMap((g) => g.rules.filter((r) => r.alert !== undefined)),
      );
      expect(slo.map((a) => [a.labels.severity, a.labels.priority, a.annotations.escalate_to])).toEqual([
        ['critical', 'P0', matrix.critical[1]],
        ['critical', 'P0', matrix.critical[1]],
        ['medium', 'P2', matrix.medium[1]],
        ['medium', 'P2', matrix.medium[1]],
      ]);
    },
  );

  itWithShared("the escalation matrix is the seed's", () => {
    const text = seed('004');
    expect(text).toContain('| P0 | On-Call Engineer + Platform Lead | 15 minutes |');
    expect(text).toContain('| P1 | Platform Team | 1 hour |');
    expect(text).toContain('| P2 | Assigned Engineer | 4 hours |');
    expect(text).toContain('| P3 | Team Backlog | Next business day |');
  });

  itWithShared("every issue is a heading of the guide, linked by GitHub's anchor of it", () => {
    const text = seed('004');
    const anchors = githubAnchors(text);
    for (const { title } of smartCloudOpsIssues('smartcloudops', 'smartcloudops-monitoring')) {
      expect(text).toContain(`\n### Issue: ${title}\n`);
      expect([issueAnchor(title), anchors.has(issueAnchor(title))]).toEqual([issueAnchor(title), true]);
    }
  });

  it("uses the guide's metrics and numbers", () => {
    expect(byName('SmartCloudOpsHighLatency').map((a) => a.expr)).toEqual([
      'histogram_quantile(0.95, sum by (le) (rate(flask_request_duration_seconds_bucket{namespace="smartcloudops"}[5m]))) > 2',
    ]);
    expect(byName('SmartCloudOpsHighErrorRate').every((a) => a.expr.includes('status=~"5.."'))).toBe(true);
    expect(byName('SmartCloudOpsAuthenticationFailureSpike')[0].expr).toContain('authentication_failures_total');
    expect(byName('SmartCloudOpsCertificateExpiry').map((a) => [a.labels.priority, a.expr])).toEqual([
      ['P0', '(probe_ssl_earliest_cert_expiry - time()) / 86400 < 1'],
      ['P1', '(probe_ssl_earliest_cert_expiry - time()) / 86400 < 7'],
      ['P3', '(probe_ssl_earliest_cert_expiry - time()) / 86400 < 30'],
    ]);
    expect(byName('SmartCloudOpsScrapeTargetDown')[0].expr).toBe(
      'up{namespace=~"smartcloudops|smartcloudops-monitoring"} == 0',
    );
    expect(byName('SmartCloudOpsAuthenticationFailureSpike')[0].labels.area).toBe('security');
    expect(byName('SmartCloudOpsDatabaseConnectionsExhausted')[0].labels.area).toBe('database');
  });

  it('namespaces and the runbook base are settable', () => {
    const moved = synthExample(
      (app) =>
        new SmartCloudOpsChart(app, 'sco', {
          namespace: 'app',
          monitoringNamespace: 'mon',
          runbookBase: 'https://wiki.example/sco',
        }),
      RULE_FILE,
    );
    expect(moved.manifests.filter((m) => m.kind === 'PrometheusRule').map((m) => m.metadata.namespace)).toEqual([
      'mon',
    ]);
    expect(moved.alerts.find((a) => a.alert === 'SmartCloudOpsScrapeTargetDown')?.expr).toBe(
      'up{namespace=~"app|mon"} == 0',
    );
    for (const a of moved.alerts) expect(a.annotations.runbook_url).toMatch(/^https:\/\/wiki\.example\/sco#issue-/);
  });

  itWithShared('every PrometheusRule validates against the CRD schema', () => {
    const validate = kubernetesAjv().compile(prometheusRuleSchema());
    for (const m of out.manifests.filter((x) => x.kind === 'PrometheusRule'))
      expect(validate(m) ? [] : validate.errors).toEqual([]);
  });

  itWithPromtool('every rule file passes promtool check rules', () => {
    const r = runPromtool(['check', 'rules', ...out.ruleFiles]);
    expect(r.output).toMatch(/SUCCESS: 48 rules found/);
    expect(r.status).toBe(0);
  });

  itWithPromtool(
    'the alerts fire on kube-state-metrics, blackbox and application series as the guide describes (promtool test rules)',
    () => {
      const base = { system: 'smartcloudops' };
      const pod = { namespace: 'smartcloudops', pod: 'api-0', container: 'smartcloudops-api' };
      const r = promtoolTestAlerts(out.ruleFiles[0], [
        // A restart whose last termination was OOMKilled.
        {
          series: {
            'kube_pod_container_status_restarts_total{namespace="smartcloudops", pod="api-0", container="smartcloudops-api", uid="u"}':
              '0 0 0 1 1 1',
            'kube_pod_container_status_last_terminated_reason{namespace="smartcloudops", pod="api-0", container="smartcloudops-api", reason="OOMKilled", uid="u"}':
              '_ _ _ 1 1 1',
          },
          evalTime: '5m',
          alert: 'SmartCloudOpsPodOOMKilled',
          expect: [{ ...base, ...pod, uid: 'u', severity: 'medium', priority: 'P2', area: 'platform' }],
        },
        // A restart for another reason is not an OOMKill.
        {
          series: {
            'kube_pod_container_status_restarts_total{namespace="smartcloudops", pod="api-0", container="smartcloudops-api", uid="u"}':
              '0 0 0 1 1 1',
            'kube_pod_container_status_last_terminated_reason{namespace="smartcloudops", pod="api-0", container="smartcloudops-api", reason="Error", uid="u"}':
              '_ _ _ 1 1 1',
          },
          evalTime: '5m',
          alert: 'SmartCloudOpsPodOOMKilled',
          expect: [],
        },
        // 5 days left on the certificate: P1 and P3, not P0.
        {
          series: {
            'probe_ssl_earliest_cert_expiry{instance="https://api.smartcloudops.ai", job="blackbox"}': `${5 * 86400}x20`,
          },
          evalTime: '15m',
          alert: 'SmartCloudOpsCertificateExpiry',
          expect: [
            {
              ...base,
              instance: 'https://api.smartcloudops.ai',
              job: 'blackbox',
              severity: 'high',
              priority: 'P1',
              area: 'security',
            },
            {
              ...base,
              instance: 'https://api.smartcloudops.ai',
              job: 'blackbox',
              severity: 'low',
              priority: 'P3',
              area: 'security',
            },
          ],
        },
        // 10% of requests answered 503: P1 (> 5%), not P0 (> 50%).
        {
          series: {
            'flask_request_duration_seconds_count{namespace="smartcloudops", status="200"}': '0+90x10',
            'flask_request_duration_seconds_count{namespace="smartcloudops", status="503"}': '0+10x10',
          },
          evalTime: '9m',
          alert: 'SmartCloudOpsHighErrorRate',
          expect: [{ ...base, severity: 'high', priority: 'P1', area: 'platform' }],
        },
        {
          series: { 'kube_node_status_condition{node="ip-10-0-1-1", condition="Ready", status="true"}': '0x10' },
          evalTime: '6m',
          alert: 'SmartCloudOpsNodeNotReady',
          expect: [
            {
              ...base,
              node: 'ip-10-0-1-1',
              condition: 'Ready',
              status: 'true',
              severity: 'high',
              priority: 'P1',
              area: 'platform',
            },
          ],
        },
      ]);
      expect(r.output).toMatch(/SUCCESS/);
      expect(r.status).toBe(0);
    },
  );

  it('rule file snapshot', () => {
    for (const [name, text] of out.ruleFileText) expect(text).toMatchSnapshot(name);
  });
});
