/**
 * The examples' routing: each policy loads in Alertmanager 0.25 (amtool check-config), routes every example
 * alert where the seeds say (amtool config routes test, compared with our own resolution), and carries the
 * seeds' tables (priorities, deadlines, channels) unchanged.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { AlertmanagerConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/AlertmanagerConfig';
import { PrometheusRule, RuleGroup, WatchkeeperApp, WatchkeeperError } from '../../src';
import { NotificationPolicy, UNKNOWN } from '../../src/routing';
import { RlmHypervisorChart } from '../../examples/rlm-hypervisor';
import { addRlmRouting } from '../../examples/rlm-hypervisor/routing';
import { AiaasChart, RESPONSE_PROCEDURES } from '../../examples/aiaas';
import { addAiaasRouting } from '../../examples/aiaas/routing';
import { PRIORITIES, SmartCloudOpsChart } from '../../examples/smartcloudops';
import { amtoolRoutesTest, itWithAmtool, runAmtool } from '../support/amtool';
import { itWithShared, lazily, seed } from '../support/shared';
import { synthToTemp } from '../support/synth';

/** The three examples in one app, as examples/main.ts composes them. */
function exampleApp(): {
  app: WatchkeeperApp;
  rlm: NotificationPolicy;
  aiaas: NotificationPolicy;
  sco: NotificationPolicy;
} {
  const app = new WatchkeeperApp();
  const rlm = addRlmRouting(new RlmHypervisorChart(app));
  const aiaas = addAiaasRouting(new AiaasChart(app));
  const sco = new SmartCloudOpsChart(app).routing; // checked against the chart's own alerts
  return { app, rlm, aiaas, sco };
}

/** Every alert a policy is checked against, as concrete label sets. */
function labelSets(policy: NotificationPolicy): Array<Record<string, string>> {
  return policy.declaredAlerts().map((a) => {
    expect([...a.labels.values()]).not.toContain(UNKNOWN);
    return Object.fromEntries(a.labels) as Record<string, string>;
  });
}

/** Which kinds of integration a receiver of the policy has. */
function kinds(policy: NotificationPolicy, receiver: string): string[] {
  const r = policy.receivers.find((x) => x.name === receiver);
  if (!r) throw new Error(`no receiver ${receiver}`);
  return (['pagerDuty', 'slack', 'email', 'webhook'] as const).filter((k) => (r.props[k]?.length ?? 0) > 0);
}

describe('example routing', () => {
  const { app, rlm, aiaas, sco } = exampleApp();
  const dist = synthToTemp(app);
  const file = (name: string): string => path.join(dist, 'alertmanager', `${name}.yml`);

  it('synth writes an AlertmanagerConfig per chart and one alertmanager.yml per policy', () => {
    expect(fs.readdirSync(path.join(dist, 'alertmanager')).sort()).toEqual([
      'aiaas-routing.yml',
      'rlm-hypervisor-routing.yml',
      'smartcloudops-routing.yml',
    ]);
    for (const [chart, ns] of [
      ['rlm-hypervisor', 'rlm-production'],
      ['aiaas', 'production'],
      ['smartcloudops', 'smartcloudops'],
    ]) {
      const docs = parseAllDocuments(fs.readFileSync(path.join(dist, `${chart}.k8s.yaml`), 'utf8')).map((d) =>
        d.toJS(),
      );
      const amc = docs.filter((d) => d.kind === 'AlertmanagerConfig');
      expect(amc.map((d) => [d.metadata.name, d.metadata.namespace])).toEqual([[`${chart}-routing`, ns]]);
      expect(() => new AlertmanagerConfig(amc[0]).validate()).not.toThrow();
    }
  });

  it('never writes a credential: every secret is a reference or a mounted file', () => {
    for (const name of ['rlm-hypervisor-routing', 'aiaas-routing', 'smartcloudops-routing']) {
      const text = fs.readFileSync(file(name), 'utf8');
      expect(text).not.toMatch(/routing_key:|api_url:|auth_password:|service_key:|hooks\.slack\.com/);
      const files = [...text.matchAll(/_file: (\S+)/g)].map((m) => m[1]);
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) expect(f).toMatch(/^\/etc\/alertmanager\/secrets\/[a-z0-9-]+\/[a-z0-9-]+$/);
    }
  });

  itWithAmtool("amtool check-config passes on every example's alertmanager.yml", () => {
    for (const name of ['rlm-hypervisor-routing', 'aiaas-routing', 'smartcloudops-routing']) {
      const r = runAmtool(['check-config', file(name)]);
      expect({ name, output: r.output }).toEqual({ name, output: expect.stringContaining('SUCCESS') });
      expect(r.status).toBe(0);
    }
  });

  describe('RLM Hypervisor (seed 002)', () => {
    /** The seed's alert files under their headings: "PagerDuty Alerts", "Slack Alerts", "Business Alerts (Email)". */
    const seedSections = lazily(() =>
      [
        ...seed('002').matchAll(
          /### (PagerDuty|Slack|Business) Alerts[^\n]*\n\n```yaml\n# alerts-[a-z]+\.yaml\n([\s\S]*?)```/g,
        ),
      ].map((m) => ({
        kind: m[1],
        alerts: parse(m[2]).groups.flatMap((g: { rules: Array<{ alert: string }> }) =>
          g.rules.map((r) => r.alert),
        ) as string[],
      })),
    );
    const expectedKind: Record<string, string> = { PagerDuty: 'pagerDuty', Slack: 'slack', Business: 'email' };

    itWithShared("routes each of the seed's alerts to the integration its heading names", () => {
      expect(seedSections().map((s) => s.kind)).toEqual(['PagerDuty', 'Slack', 'Business']);
      const byAlert = new Map(labelSets(rlm).map((l) => [l.alertname, l]));
      for (const section of seedSections()) {
        for (const alert of section.alerts) {
          const r = rlm.resolve(byAlert.get(alert) as Record<string, string>);
          expect({ alert, kinds: r.receivers.flatMap((x) => kinds(rlm, x)) }).toEqual({
            alert,
            kinds: [expectedKind[section.kind]],
          });
        }
      }
    });

    itWithShared('pages rlm-oncall and posts to #rlm-oncall, as the Contact Information says', () => {
      expect(seed('002')).toMatch(/On-Call Escalation:\*\* pagerduty\.com\/rlm-oncall/);
      expect(seed('002')).toMatch(/\*\*Slack:\*\* #rlm-oncall/);
      const slack = rlm.receivers.find((r) => r.name === 'rlm-oncall-slack');
      expect(slack?.props.slack?.[0].channel).toBe('#rlm-oncall');
      expect(rlm.receivers.map((r) => r.name)).toEqual([
        'rlm-business-email',
        'rlm-oncall-pagerduty',
        'rlm-oncall-slack',
        'unrouted',
      ]);
    });

    it('routes every alert of the chart by severity: critical pages, warning to Slack, info/email mailed', () => {
      const expected: Record<string, string> = {
        critical: 'rlm-oncall-pagerduty',
        warning: 'rlm-oncall-slack',
        info: 'rlm-business-email',
      };
      const sets = labelSets(rlm);
      // The seed's 8 alerts and the Key Metrics' 19, plus whatever else the chart holds (capacity alerts, ...).
      expect(sets.length).toBeGreaterThanOrEqual(27);
      for (const labels of sets)
        expect({ labels, receivers: rlm.resolve(labels).receivers }).toEqual({
          labels,
          receivers: [expected[labels.severity]],
        });
    });

    itWithAmtool('amtool config routes test agrees for every alert of the chart', () => {
      for (const labels of labelSets(rlm)) {
        const ours = rlm.resolve(labels).receivers.join(',');
        expect({ labels, receivers: amtoolRoutesTest(file('rlm-hypervisor-routing'), labels).receivers }).toEqual({
          labels,
          receivers: ours,
        });
      }
    });

    it('an alert without a severity fails synth with one message, not one per route it misses', () => {
      const app2 = new WatchkeeperApp();
      const chart = new RlmHypervisorChart(app2);
      addRlmRouting(chart);
      new PrometheusRule(chart, 'stray', {
        groups: [
          new RuleGroup('stray').addAlert({
            alert: 'RLMNightlyReport',
            expr: 'vector(1)',
            labels: { team: 'rlm-sre' },
          }),
        ],
      });
      let message = '';
      try {
        app2.synthesizeFiles();
      } catch (e) {
        message = e instanceof WatchkeeperError ? e.message : String(e);
      }
      expect(message).toContain(
        'alert "RLMNightlyReport" {alertname="RLMNightlyReport", namespace="rlm-production", team="rlm-sre"} (rlm-hypervisor/stray group "stray") has no severity label',
      );
      expect(message).not.toContain('matches no route');
      expect(message).not.toContain('takes none of');
    });
  });

  describe('AIaaS (seed 003)', () => {
    /** "Alert Response Procedures": name, priority, acknowledge and investigate deadlines. */
    const seedTable = lazily(() =>
      [
        ...seed('003').matchAll(
          /### (\w+) Alerts \((P\d)\)\n\n1\. \*\*[\w ]+\*\*: Acknowledge alert within ([^\n]+)\n2\. \*\*Investigation\*\*: Start investigation within ([^\n]+)/g,
        ),
      ].map((m) => ({
        severity: m[1].toLowerCase(),
        priority: m[2],
        acknowledgeWithin: m[3],
        investigateWithin: m[4],
      })),
    );
    type AiaasSeverity = keyof typeof RESPONSE_PROCEDURES;
    const expected: Record<AiaasSeverity, string> = {
      critical: 'aiaas-oncall-pagerduty',
      warning: 'aiaas-alerts-slack',
      info: 'aiaas-info-email',
    };

    itWithShared("carries the seed's priorities and deadlines", () => {
      const table = seedTable();
      expect(table).toHaveLength(3);
      const procedures = Object.fromEntries(
        Object.entries(RESPONSE_PROCEDURES).map(([severity, { labels, annotations: a }]) => {
          expect(labels.priority).toBe(a.priority);
          const row = { priority: a.priority, acknowledgeWithin: a.acknowledge_within };
          return [severity, { ...row, investigateWithin: a.investigate_within }];
        }),
      );
      expect(Object.fromEntries(table.map(({ severity, ...rest }) => [severity, rest]))).toEqual(procedures);
    });

    it("every alert of the chart carries its deadlines and reaches its priority's receiver", () => {
      const rules = parse(fs.readFileSync(path.join(dist, 'rules', 'aiaas-platform.rules.yaml'), 'utf8'));
      const alerts = rules.groups
        .flatMap((g: { rules: unknown[] }) => g.rules)
        .filter((r: { alert?: string }) => r.alert !== undefined) as Array<{
        alert: string;
        labels: Record<string, string>;
        annotations: Record<string, string>;
      }>;
      expect(alerts).toHaveLength(11);
      for (const severity of Object.keys(RESPONSE_PROCEDURES) as AiaasSeverity[]) {
        expect(alerts.some((a) => a.labels.severity === severity)).toBe(true);
      }
      for (const a of alerts) {
        const severity = a.labels.severity as AiaasSeverity;
        expect(a.annotations).toMatchObject(RESPONSE_PROCEDURES[severity].annotations);
        expect({ alert: a.alert, receivers: aiaas.resolve({ alertname: a.alert, ...a.labels }).receivers }).toEqual({
          alert: a.alert,
          receivers: [expected[severity]],
        });
      }
      expect(kinds(aiaas, 'aiaas-oncall-pagerduty')).toEqual(['pagerDuty']);
      expect(kinds(aiaas, 'aiaas-alerts-slack')).toEqual(['slack']);
      expect(kinds(aiaas, 'aiaas-info-email')).toEqual(['email']);
    });

    it('notifications print the priority, the deadlines and the runbook link the alerts carry', () => {
      const config = parse(fs.readFileSync(file('aiaas-routing'), 'utf8'));
      const text = JSON.stringify(config.receivers);
      for (const annotation of ['priority', 'acknowledge_within', 'investigate_within', 'runbook_url'])
        expect(text).toContain(`.CommonAnnotations.${annotation}`);
      // Every annotation a notification prints is one every alert carries.
      const printed = new Set([...text.matchAll(/\.CommonAnnotations\.(\w+)/g)].map((m) => m[1]));
      const rules = parse(fs.readFileSync(path.join(dist, 'rules', 'aiaas-platform.rules.yaml'), 'utf8'));
      for (const r of rules.groups.flatMap((g: { rules: Array<{ alert?: string }> }) => g.rules))
        if (r.alert !== undefined)
          for (const a of printed) expect([r.alert, a, a in (r as any).annotations]).toEqual([r.alert, a, true]);
    });

    itWithAmtool('amtool config routes test agrees for every example alert', () => {
      for (const labels of labelSets(aiaas)) {
        const theirs = amtoolRoutesTest(file('aiaas-routing'), labels).receivers;
        expect({ labels, receivers: theirs }).toEqual({
          labels,
          receivers: expected[labels.severity as AiaasSeverity],
        });
        expect(theirs).toBe(aiaas.resolve(labels).receivers.join(','));
      }
    });
  });

  describe('SmartCloudOps (seed 004)', () => {
    /** The alerts' areas, each with its channel `#<area>-alerts`. */
    const AREAS = ['platform', 'security', 'database'];
    /** The seed's escalation matrix, severity levels and channels (read when a test first asks). */
    const seedTables = lazily(() => {
      const text = seed('004');
      const matrix = [...text.matchAll(/^\| (P\d) \| ([^|]+?) \| ([^|]+?) \|$/gm)].map((m) => ({
        priority: m[1],
        contact: m[2],
        responseTime: m[3],
      }));
      const levels = [...text.matchAll(/^- \*\*(P\d) \((\w+)\)\*\*/gm)].map((m) => ({
        priority: m[1],
        severity: m[2].toLowerCase(),
      }));
      const channels = [...text.matchAll(/^- \*\*(#[a-z-]+)\*\*: (.*)$/gm)].map((m) => m[1]);
      return { matrix, levels, channels };
    });

    /** P0 pages and reaches its area's channel; P3 is a ticket; the rest go to their area's channel. */
    const expectedReceivers = (labels: Record<string, string>): string => {
      const area = `${labels.area}-alerts`;
      if (labels.severity === 'critical') return `smartcloudops-oncall,${area}`;
      if (labels.severity === 'low') return 'smartcloudops-backlog';
      return area;
    };

    itWithShared("carries the seed's severity levels and escalation matrix", () => {
      const { matrix, levels } = seedTables();
      expect(levels).toEqual(Object.entries(PRIORITIES).map(([severity, s]) => ({ priority: s.priority, severity })));
      expect(matrix).toEqual(
        Object.values(PRIORITIES).map(({ priority, contact, respondWithin }) => ({
          priority,
          contact,
          responseTime: respondWithin,
        })),
      );
    });

    itWithShared("posts each area to the seed's channel for it", () => {
      const { channels } = seedTables();
      const areaChannels = AREAS.map((area) => `#${area}-alerts`);
      expect(channels).toEqual(expect.arrayContaining(areaChannels));
      for (const area of AREAS) {
        const r = sco.receivers.find((x) => x.name === `${area}-alerts`);
        expect(r?.props.slack?.map((s) => s.channel)).toEqual([`#${area}-alerts`]);
      }
    });

    it('routes every alert of the chart as the escalation matrix says', () => {
      const seen = new Set<string>();
      for (const labels of labelSets(sco)) {
        const receivers = sco.resolve(labels).receivers.join(',');
        expect({ labels, receivers }).toEqual({ labels, receivers: expectedReceivers(labels) });
        seen.add(`${labels.severity}/${labels.area}`);
      }
      // Every severity and every area is exercised.
      for (const s of Object.keys(PRIORITIES)) expect([...seen].some((k) => k.startsWith(`${s}/`))).toBe(true);
      for (const a of AREAS) expect([...seen].some((k) => k.endsWith(`/${a}`))).toBe(true);
    });

    it('files P3 tickets during business hours only', () => {
      const config = parse(fs.readFileSync(file('smartcloudops-routing'), 'utf8'));
      const backlog = config.route.routes.find((r: { receiver: string }) => r.receiver === 'smartcloudops-backlog');
      expect(backlog.active_time_intervals).toEqual(['business-hours']);
      expect(config.time_intervals).toEqual([
        {
          name: 'business-hours',
          time_intervals: [{ times: [{ start_time: '09:00', end_time: '17:00' }], weekdays: ['monday:friday'] }],
        },
      ]);
      expect(kinds(sco, 'smartcloudops-backlog')).toEqual(['webhook']);
    });

    itWithAmtool('amtool config routes test agrees for every example alert', () => {
      for (const labels of labelSets(sco)) {
        const theirs = amtoolRoutesTest(file('smartcloudops-routing'), labels).receivers;
        expect({ labels, receivers: theirs }).toEqual({ labels, receivers: expectedReceivers(labels) });
        expect(theirs).toBe(sco.resolve(labels).receivers.join(','));
      }
    });
  });
});
