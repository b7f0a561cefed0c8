import { OCTOLLM, OctoLlmChart } from '../../examples/octollm';
import { kubernetesAjv } from '../support/ajv';
import { itWithPromtool, runPromtool } from '../support/promtool';
import { itWithShared, prometheusRuleSchema, seed } from '../support/shared';
import { githubAnchors, promtoolTestAlerts, synthExample } from './example-support';

/** The alerts the playbooks name ("Alert: `...`"), as they spell them. */
const NAMED = [
  'ServiceDown',
  'ArmDown',
  'HighRequestLatency',
  'PostgreSQLDown',
  'HighDatabaseConnections',
  'HighMemoryUsage',
  'HighLLMAPIErrorRate',
  'CacheMissRate',
  'HighCPUUsage',
  'DiskSpaceLow',
  'SecurityViolationDetected',
];

/** The service's one rule file (alerts and SLO). */
const RULE_FILE = /^octollm\.rules\.yaml$/;

describe('examples/octollm', () => {
  const out = synthExample((app) => new OctoLlmChart(app), RULE_FILE);
  const byName = (name: string) => out.alerts.filter((a) => a.alert === name);

  itWithShared('the seed names exactly the alerts the example defines', () => {
    const inSeed = new Set(
      [...seed('001').matchAll(/Alert: (`[A-Za-z]+`(?:(?:, | or )`[A-Za-z]+`)*)/g)]
        .flatMap((m) => m[1].match(/[A-Za-z]+/g) ?? [])
        .filter((w) => w !== 'or'),
    );
    expect([...inSeed].sort()).toEqual([...NAMED].sort());
    expect([...new Set(out.alerts.map((a) => a.alert))].sort()).toEqual([...NAMED].sort());
  });

  it('writes one PrometheusRule (alerts, SLO) in namespace octollm, with its rule file', () => {
    const rules = out.manifests.filter((m) => m.kind === 'PrometheusRule');
    expect(rules.map((m) => [m.metadata.name, m.metadata.namespace])).toEqual([['octollm', 'octollm']]);
    expect([...out.ruleFileText.keys()]).toEqual(['octollm.rules.yaml']);
  });

  itWithShared(
    'every alert has a severity, an escalation level, the system label, a summary, a description and a runbook_url into the playbooks',
    () => {
      const anchors = githubAnchors(seed('001'));
      for (const a of out.alerts) {
        expect([a.alert, a.labels.severity]).toEqual([a.alert, expect.stringMatching(/^(critical|warning)$/)]);
        expect([a.alert, a.labels.escalation]).toEqual([a.alert, expect.stringMatching(/^L[123]$/)]);
        expect(a.labels.system).toBe('octollm');
        expect(a.annotations.summary).toBeTruthy();
        expect(a.annotations.description).toBeTruthy();
        const [base, anchor] = a.annotations.runbook_url.split('#');
        expect(base).toBe(OCTOLLM.runbookBase);
        expect([a.alert, anchors.has(anchor)]).toEqual([a.alert, true]);
      }
    },
  );

  it('links each alert to the playbook that names it', () => {
    const link = (name: string) => [...new Set(byName(name).map((a) => a.annotations.runbook_url.split('#')[1]))];
    expect(link('ServiceDown')).toEqual(['service-unavailable']);
    expect(link('HighRequestLatency')).toEqual(['high-latency']);
    expect(link('PostgreSQLDown')).toEqual(['database-connection-issues']);
    expect(link('HighDatabaseConnections')).toEqual(['database-connection-issues']);
    expect(link('HighMemoryUsage')).toEqual(['memory-leaks']);
    expect(link('HighLLMAPIErrorRate')).toEqual(['llm-api-failures']);
    expect(link('CacheMissRate')).toEqual(['cache-performance-issues']);
    expect(link('HighCPUUsage')).toEqual(['resource-exhaustion']);
    expect(link('DiskSpaceLow')).toEqual(['resource-exhaustion']);
    expect(link('SecurityViolationDetected')).toEqual(['security-violations']);
  });

  it("uses the playbooks' numbers and metrics", () => {
    const [latency] = byName('HighRequestLatency');
    expect(latency.expr).toMatch(/^histogram_quantile\(0\.95, .*http_request_duration_seconds_bucket.*\) > 5$/);
    const [cache] = byName('CacheMissRate');
    expect(cache.expr).toContain('cache_hits_total');
    expect(cache.expr).toContain('cache_misses_total');
    expect(cache.expr).toMatch(/ < 0\.5$/);
    expect(byName('HighLLMAPIErrorRate')[0].expr).toContain('llm_api_calls_total{status="error"}');
    expect(
      byName('SecurityViolationDetected')
        .map((a) => a.expr)
        .join('\n'),
    ).toContain('security_violations_total');
    // Escalation Procedures: security violations go to Level 3, memory to Level 2, service outages to Level 1.
    expect(new Set(byName('SecurityViolationDetected').map((a) => a.labels.escalation))).toEqual(new Set(['L3']));
    expect(byName('HighMemoryUsage')[0].labels.escalation).toBe('L2');
    expect(byName('ServiceDown')[0].labels.escalation).toBe('L1');
  });

  it('a different runbook base moves every link', () => {
    const moved = synthExample(
      (app) => new OctoLlmChart(app, 'octollm', { runbookBase: 'https://wiki.example/octollm' }),
      RULE_FILE,
    );
    for (const a of moved.alerts)
      expect(a.annotations.runbook_url).toMatch(/^https:\/\/wiki\.example\/octollm#[a-z-]+$/);
  });

  itWithShared('every PrometheusRule validates against the CRD schema', () => {
    const validate = kubernetesAjv().compile(prometheusRuleSchema());
    for (const m of out.manifests.filter((x) => x.kind === 'PrometheusRule'))
      expect(validate(m) ? [] : validate.errors).toEqual([]);
  });

  itWithPromtool('every rule file passes promtool check rules', () => {
    const r = runPromtool(['check', 'rules', ...out.ruleFiles]);
    expect(r.output).toMatch(/SUCCESS: 45 rules found/);
    expect(r.status).toBe(0);
  });

  itWithPromtool(
    'the alerts fire on the series the playbooks describe, and stay quiet otherwise (promtool test rules)',
    () => {
      const common = { system: 'octollm' };
      const r = promtoolTestAlerts(out.ruleFiles[0], [
        // Cache hit rate 40% (< 50%) fires; 60% does not.
        {
          series: {
            'cache_hits_total{cache_type="llm"}': '0+40x30',
            'cache_misses_total{cache_type="llm"}': '0+60x30',
          },
          evalTime: '20m',
          alert: 'CacheMissRate',
          expect: [{ ...common, cache_type: 'llm', escalation: 'L1', severity: 'warning' }],
        },
        {
          series: {
            'cache_hits_total{cache_type="llm"}': '0+60x30',
            'cache_misses_total{cache_type="llm"}': '0+40x30',
          },
          evalTime: '20m',
          alert: 'CacheMissRate',
          expect: [],
        },
        // One arm down: a warning for it; every arm down: the critical alert as well.
        {
          series: {
            'up{namespace="octollm", job="coder-arm", instance="a"}': '0x10',
            'up{namespace="octollm", job="planner-arm", instance="b"}': '1x10',
          },
          evalTime: '5m',
          alert: 'ArmDown',
          expect: [
            { ...common, escalation: 'L1', severity: 'warning', namespace: 'octollm', job: 'coder-arm', instance: 'a' },
          ],
        },
        {
          series: {
            'up{namespace="octollm", job="coder-arm", instance="a"}': '0x10',
            'up{namespace="octollm", job="planner-arm", instance="b"}': '0x10',
          },
          evalTime: '5m',
          alert: 'ArmDown',
          expect: [
            { ...common, escalation: 'L1', severity: 'critical' },
            { ...common, escalation: 'L1', severity: 'warning', namespace: 'octollm', job: 'coder-arm', instance: 'a' },
            {
              ...common,
              escalation: 'L1',
              severity: 'warning',
              namespace: 'octollm',
              job: 'planner-arm',
              instance: 'b',
            },
          ],
        },
        // cAdvisor's working set against kube-state-metrics' limit: 950 MiB of 1000 MiB is above 90%.
        {
          series: {
            'container_memory_working_set_bytes{namespace="octollm", pod="orchestrator-0", container="orchestrator", id="/x", image="i"}':
              '996147200x10',
            'kube_pod_container_resource_limits{namespace="octollm", pod="orchestrator-0", container="orchestrator", resource="memory", unit="byte", node="n1"}':
              '1048576000x10',
          },
          evalTime: '6m',
          alert: 'HighMemoryUsage',
          expect: [
            {
              ...common,
              escalation: 'L2',
              severity: 'warning',
              namespace: 'octollm',
              pod: 'orchestrator-0',
              container: 'orchestrator',
            },
          ],
        },
        // Errors are 20% of one provider's LLM calls.
        {
          series: {
            'llm_api_calls_total{provider="openai", model="gpt-4", status="error"}': '0+20x10',
            'llm_api_calls_total{provider="openai", model="gpt-4", status="success"}': '0+80x10',
          },
          evalTime: '9m',
          alert: 'HighLLMAPIErrorRate',
          expect: [{ ...common, escalation: 'L1', severity: 'warning', provider: 'openai', model: 'gpt-4' }],
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
