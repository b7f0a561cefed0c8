import { ApiObject, Chart, Lazy, Names } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { AlertmanagerConfig as AlertmanagerConfigModel } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/AlertmanagerConfig';
import { KNOWN_SEVERITIES, Problem, ProblemList, formatProblem, reportProblems, sortedCopy, toYaml } from '../core';
import { isDnsLabel } from '../core';
import { ISynthesizesFiles, SynthesizedFile } from '../core';
import { canHaveLabel, outputLabels } from '../promql/facts';
import { analyzePromQL } from '../promql';
import { checkPolicy } from './check-policy';
import { AlertLabels, DeclaredAlert, alertRulesUnder, declaredAlert } from './declared-alerts';
import { InhibitRule, InhibitRuleProps } from './inhibit-rule';
import { Receiver, SecretKeyRef, SmtpSettings, checkSmtp } from './receiver';
import { Resolution, indexRoutes, resolveRoute } from './resolve';
import { Route, RouteProps, RouteTiming, checkTiming } from './route';
import { TimeInterval } from './time-interval';

/** Where the prometheus-operator mounts an Alertmanager's `spec.secrets`, and so where the plain file reads them. */
export const DEFAULT_SECRETS_DIR = '/etc/alertmanager/secrets';

/** Settings of a NotificationPolicy. */
/** prometheus-operator's `alertmanagerConfigMatcherStrategy.type` values. */
export type MatcherStrategy = 'OnNamespace' | 'OnNamespaceExceptForAlertmanagerNamespace' | 'None';

export interface NotificationPolicyProps extends RouteTiming {
  /**
   * `metadata.name` of the AlertmanagerConfig and the plain file's name (`alertmanager/<name>.yml`).
   * @default `<chart id>-<construct id>`
   */
  readonly name?: string;
  /** `metadata.namespace`: the operator routes only alerts whose `namespace` label is this. @default the chart's */
  readonly namespace?: string;
  /**
   * The Alertmanager resource's `alertmanagerConfigMatcherStrategy.type`: how prometheus-operator scopes this
   * config's routes. `OnNamespace` adds `namespace="<this config's namespace>"` to its top route, so only alerts
   * carrying that label reach its receivers; `OnNamespaceExceptForAlertmanagerNamespace` does the same unless
   * the config lives in the Alertmanager's own namespace (`alertmanagerNamespace`); `None` adds nothing.
   * Synth checks routing as the operator will apply it, and fails naming the alerts that would be dropped.
   * @default 'OnNamespace' (the operator's default)
   */
  readonly matcherStrategy?: MatcherStrategy;
  /** The Alertmanager's namespace, for `OnNamespaceExceptForAlertmanagerNamespace`. @default none */
  readonly alertmanagerNamespace?: string;
  /** `metadata.labels`: what the Alertmanager resource's `alertmanagerConfigSelector` matches. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * The root route's receiver: where alerts no route takes go.
   * @default Receiver.none('unrouted'): such alerts notify no one (and fail synthesis unless allowDefaultReceiver)
   */
  readonly defaultReceiver?: Receiver;
  /** Let alerts fall through to the default receiver without failing synthesis. @default false */
  readonly allowDefaultReceiver?: boolean;
  /** Routes to start with, tried in order; more can be added with addRoute. @default [] */
  readonly routes?: readonly RouteProps[];
  /** Inhibition rules; more can be added with addInhibitRule. @default [] */
  readonly inhibitRules?: readonly InhibitRule[];
  /** The severities alerts and routes may use. @default KNOWN_SEVERITIES: ['critical', 'warning', 'info'] */
  readonly severities?: readonly string[];
  /** The label holding an alert's severity. @default 'severity' */
  readonly severityLabel?: string;
  /**
   * Alerts defined outside this app that the policy routes too (and is checked against). @default []
   */
  readonly alerts?: readonly AlertLabels[];
  /** Where to look for the PrometheusRules whose alerts the policy routes. @default the policy's chart */
  readonly alertScope?: IConstruct;
  /** Prometheus's `external_labels`, added to every alert that lacks them. @default {} */
  readonly externalLabels?: Readonly<Record<string, string>>;
  /** SMTP settings for email configs that leave them out (sender, server, auth). @default none */
  readonly smtp?: SmtpSettings;
  /**
   * Where the plain file's Alertmanager has the Secrets mounted: a key is read from `<dir>/<secret>/<key>`.
   * @default '/etc/alertmanager/secrets' (where the operator mounts an Alertmanager's `spec.secrets`)
   */
  readonly secretsDir?: string;
}

/**
 * Who is notified about which alerts, declared next to the alerts: receivers, a route tree, inhibition rules
 * and time intervals. Synthesizes a `monitoring.coreos.com/v1alpha1` AlertmanagerConfig and a plain
 * `alertmanager/<name>.yml`; secrets are referenced, never written. At synthesis every alert of the chart's
 * PrometheusRules must reach a route, every route must take an alert, and every severity must be known.
 */
export class NotificationPolicy extends Construct implements ISynthesizesFiles {
  /** `metadata.name`, also the plain file's base name. */
  readonly name: string;
  readonly namespace?: string;
  /** The root route: takes every alert, its receiver is the default receiver. */
  readonly root: Route;
  private readonly props: NotificationPolicyProps;
  private readonly inhibitions: InhibitRule[];
  private readonly extraAlerts: AlertLabels[];

  constructor(scope: Construct, id: string, props: NotificationPolicyProps = {}) {
    super(scope, id);
    this.props = props;
    this.name = props.name ?? Names.toDnsLabel(this, { includeHash: false });
    this.namespace = props.namespace ?? chartOf(this)?.namespace;
    const found = new ProblemList(this.node.path);
    if (!isDnsLabel(this.name))
      found.add(
        'name',
        this.name,
        'not a DNS-1123 label',
        'use lower-case letters, digits and "-", at most 63 characters',
      );
    found.addAll(checkTiming(this.node.path, props));
    const severities = props.severities ?? KNOWN_SEVERITIES;
    if (severities.length === 0 || severities.some((s) => typeof s !== 'string' || s === ''))
      found.add(
        'severities',
        severities,
        'severities must be non-empty strings, at least one',
        "e.g. ['critical', 'warning', 'info']",
      );
    reportProblems(found.problems, this.node.path, this);

    this.root = new Route({
      receiver: props.defaultReceiver ?? Receiver.none('unrouted'),
      groupBy: props.groupBy ?? ['alertname', 'service'],
      groupWait: props.groupWait ?? '30s',
      groupInterval: props.groupInterval ?? '5m',
      repeatInterval: props.repeatInterval ?? '4h',
      routes: props.routes,
    });
    this.inhibitions = [...(props.inhibitRules ?? [])];
    this.extraAlerts = [...(props.alerts ?? [])];

    new ApiObject(this, 'resource', {
      apiVersion: 'monitoring.coreos.com/v1alpha1',
      kind: 'AlertmanagerConfig',
      metadata: {
        name: this.name,
        namespace: this.namespace,
        labels: props.labels ? sortedCopy(props.labels) : undefined,
      },
      spec: Lazy.any({ produce: () => this.toAlertmanagerConfigSpec() }),
    });
    this.node.addValidation({ validate: () => this.checkAtSynth() });
  }

  /** Adds a route under the root (tried after those already there) and returns it, to nest routes under it. */
  addRoute(props: RouteProps): Route {
    return this.root.addRoute(props);
  }

  /** Adds an inhibition rule; returns this for chaining. */
  addInhibitRule(rule: InhibitRule | InhibitRuleProps): this {
    this.inhibitions.push(rule instanceof InhibitRule ? rule : new InhibitRule(rule));
    return this;
  }

  /** Adds alerts defined outside this app that the policy routes (and is checked against); returns this. */
  addAlerts(...alerts: AlertLabels[]): this {
    this.extraAlerts.push(...alerts);
    return this;
  }

  /** The inhibition rules, in order. */
  get inhibitRules(): readonly InhibitRule[] {
    return this.inhibitions;
  }

  /** Every receiver the routes use, the default one included, sorted by name (one per name). */
  get receivers(): Receiver[] {
    return uniqueByName(collectRoutes(this.root).flatMap((r) => (r.receiver ? [r.receiver] : [])));
  }

  /** Every time interval the routes use, sorted by name (one per name). */
  get timeIntervals(): TimeInterval[] {
    return uniqueByName(
      collectRoutes(this.root).flatMap((r) => [
        ...(r.props.activeTimeIntervals ?? []),
        ...(r.props.muteTimeIntervals ?? []),
      ]),
    );
  }

  /** Every Secret key the receivers read (to mount into a plain Alertmanager), sorted. */
  get secretRefs(): SecretKeyRef[] {
    const refs = new Map<string, SecretKeyRef>();
    for (const r of this.receivers) for (const s of r.secretRefs(this.props.smtp)) refs.set(`${s.name}/${s.key}`, s);
    return [...refs.keys()].sort().map((k) => refs.get(k) as SecretKeyRef);
  }

  /** The alerts the policy is checked against: its scope's alerting rules, then the listed ones. */
  declaredAlerts(): DeclaredAlert[] {
    const external = this.props.externalLabels ?? {};
    return [
      ...alertRulesUnder(this.alertScope()).map(({ rule, labels, source }) =>
        declaredAlert({ alert: rule.name, labels }, source, external),
      ),
      ...this.extraAlerts.map((a, i) => declaredAlert(a, `${this.node.path} alerts[${i}]`, external)),
    ];
  }

  /**
   * The `namespace` matcher prometheus-operator adds to this config's top route under its matcher strategy, or
   * undefined when it adds none.
   */
  get operatorNamespaceMatcher(): string | undefined {
    const strategy = this.props.matcherStrategy ?? 'OnNamespace';
    if (strategy === 'None' || this.namespace === undefined) return undefined;
    if (strategy === 'OnNamespaceExceptForAlertmanagerNamespace' && this.namespace === this.props.alertmanagerNamespace)
      return undefined;
    return this.namespace;
  }

  /**
   * alertmanager.yml as prometheus-operator generates it from this AlertmanagerConfig: a default receiver
   * (`operator-default`, which notifies no one) whose one child route is this config's top route with the
   * strategy's `namespace` matcher added. `amtool config routes test` on it answers where each alert goes.
   */
  toOperatorConfigFile(): Record<string, unknown> {
    const config = this.toConfigFile() as { route: Record<string, unknown>; receivers: unknown[] };
    const ns = this.operatorNamespaceMatcher;
    const top = {
      ...config.route,
      ...(ns !== undefined
        ? { matchers: [`namespace=${JSON.stringify(ns)}`, ...((config.route.matchers as string[] | undefined) ?? [])] }
        : {}),
    };
    return {
      ...config,
      route: { receiver: 'operator-default', routes: [top] },
      receivers: [{ name: 'operator-default' }, ...config.receivers],
    };
  }

  /** Alerts the operator's namespace matcher would drop: certainly without `namespace="<ns>"`. */
  private checkMatcherStrategy(): Problem[] {
    const ns = this.operatorNamespaceMatcher;
    if (ns === undefined) return [];
    const dropped: string[] = [];
    for (const { rule, labels } of alertRulesUnder(this.alertScope())) {
      if (!carriesNamespace(labels, rule.props.expr, ns)) dropped.push(rule.name);
    }
    // Alerts defined elsewhere are label sets without an expression: only a namespace they state is known.
    this.extraAlerts.forEach((a) => {
      const value = a.labels?.namespace;
      if (value !== undefined && !carriesNamespace(a.labels ?? {}, undefined, ns)) dropped.push(a.alert);
    });
    if (dropped.length === 0) return [];
    const names = [...new Set(dropped)].sort();
    return [
      {
        where: this.node.path,
        field: 'matcherStrategy',
        value: this.props.matcherStrategy ?? 'OnNamespace',
        message: `prometheus-operator routes this AlertmanagerConfig only alerts with namespace="${ns}", and ${names.length} alert${names.length === 1 ? '' : 's'} cannot carry it (their expression aggregates the label away and their rule sets none), so they would reach no receiver: ${names.join(', ')}`,
        fix: "add PrometheusRule.labelAlertsWithNamespace(chart) (every alert then carries its PrometheusRule's namespace), or give those rules a namespace label; if your Alertmanager sets alertmanagerConfigMatcherStrategy None, say matcherStrategy: 'None'",
      },
    ];
  }

  /** Where an alert with these labels goes: what `amtool config routes test` answers for the plain file. */
  resolve(labels: Readonly<Record<string, string>>): Resolution {
    return resolveRoute(indexRoutes(this.root), labels);
  }

  /** The plain alertmanager.yml, as an object. */
  toConfigFile(): Record<string, unknown> {
    const secretsDir = this.props.secretsDir ?? DEFAULT_SECRETS_DIR;
    const intervals = this.timeIntervals;
    return {
      route: this.root.toConfigFile(),
      ...(this.inhibitions.length > 0 ? { inhibit_rules: this.inhibitions.map((r) => r.toConfigFile()) } : {}),
      receivers: this.receivers.map((r) => r.toConfigFile({ secretsDir, smtp: this.props.smtp })),
      ...(intervals.length > 0 ? { time_intervals: intervals.map((t) => t.toConfigFile()) } : {}),
    };
  }

  /** The AlertmanagerConfig's spec. */
  toAlertmanagerConfigSpec(): Record<string, unknown> {
    const intervals = this.timeIntervals;
    return {
      route: this.root.toCrd(),
      receivers: this.receivers.map((r) => r.toCrd(this.props.smtp)),
      ...(this.inhibitions.length > 0 ? { inhibitRules: this.inhibitions.map((r) => r.toCrd()) } : {}),
      ...(intervals.length > 0 ? { muteTimeIntervals: intervals.map((t) => t.toCrd()) } : {}),
    };
  }

  /** The plain file, `alertmanager/<name>.yml`, with a header saying which Secrets it reads and where. */
  synthesizeFiles(): SynthesizedFile[] {
    const secretsDir = this.props.secretsDir ?? DEFAULT_SECRETS_DIR;
    const bySecret = new Map<string, string[]>();
    for (const s of this.secretRefs) bySecret.set(s.name, [...(bySecret.get(s.name) ?? []), s.key]);
    const header = [
      `# Alertmanager configuration generated by watchkeeper from ${this.node.path}; edit the source, not this file.`,
      ...(bySecret.size === 0
        ? []
        : [
            `# Credentials are read from files, never written here: mount each Secret under ${secretsDir}/<secret>/`,
            ...[...bySecret].map(([name, keys]) => `#   ${name}: ${keys.join(', ')}`),
          ]),
    ];
    return [{ path: `alertmanager/${this.name}.yml`, content: `${header.join('\n')}\n${toYaml(this.toConfigFile())}` }];
  }

  private alertScope(): IConstruct {
    return this.props.alertScope ?? chartOf(this) ?? this.node.root;
  }

  private checkAtSynth(): string[] {
    // A refused route, receiver, time interval or inhibition was reported when it was made; checking routing
    // without it would only report its consequences.
    const routes = collectRoutes(this.root);
    const held = [
      ...routes,
      ...this.receivers,
      ...this.inhibitions,
      ...routes.flatMap((r) => [...(r.props.activeTimeIntervals ?? []), ...(r.props.muteTimeIntervals ?? [])]),
    ];
    if (held.some((v) => v.refused)) return [];
    const where = this.node.path;
    const found = new ProblemList(where);
    if (!this.namespace)
      found.add(
        'namespace',
        this.namespace,
        'an AlertmanagerConfig is namespaced, and neither the policy nor its chart has a namespace',
        'set namespace on the policy or on its chart',
      );
    found.addAll(
      duplicateNames(
        where,
        'receivers',
        collectRoutes(this.root).flatMap((r) => (r.receiver ? [r.receiver] : [])),
        (r) => r.toCrd(this.props.smtp),
      ),
    );
    found.addAll(
      duplicateNames(
        where,
        'timeIntervals',
        collectRoutes(this.root).flatMap((r) => [
          ...(r.props.activeTimeIntervals ?? []),
          ...(r.props.muteTimeIntervals ?? []),
        ]),
        (t) => t.toCrd(),
      ),
    );
    for (const r of this.receivers) {
      (r.props.email ?? []).forEach((c, i) => {
        const s = {
          from: c.from ?? this.props.smtp?.from,
          smarthost: c.smarthost ?? this.props.smtp?.smarthost,
          authPassword: c.authPassword ?? this.props.smtp?.authPassword,
        };
        found.addAll(checkSmtp(where, `receivers.${r.name}.email[${i}]`, s));
      });
    }
    const root = indexRoutes(this.root);
    found.addAll(
      checkPolicy({
        where,
        root,
        alerts: this.declaredAlerts(),
        inhibitRules: this.inhibitions,
        severities: this.props.severities ?? KNOWN_SEVERITIES,
        severityLabel: this.props.severityLabel ?? 'severity',
        allowDefaultReceiver: this.props.allowDefaultReceiver === true,
        alertScope: this.alertScope().node.path || 'the app',
      }),
    );
    found.addAll(this.checkMatcherStrategy());
    const messages = found.problems.map(formatProblem);
    if (messages.length === 0 && this.namespace) {
      try {
        new AlertmanagerConfigModel({
          metadata: { name: this.name, namespace: this.namespace },
          spec: this.toAlertmanagerConfigSpec() as never,
        }).validate();
      } catch (e) {
        messages.push(
          `[${where}] spec: does not match the AlertmanagerConfig schema: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
    }
    return messages;
  }
}

function chartOf(c: IConstruct): Chart | undefined {
  try {
    return Chart.of(c);
  } catch {
    return undefined;
  }
}

function collectRoutes(route: Route): Route[] {
  return [route, ...route.routes.flatMap(collectRoutes)];
}

function uniqueByName<T extends { name: string }>(items: readonly T[]): T[] {
  const byName = new Map<string, T>();
  for (const i of items) if (!byName.has(i.name)) byName.set(i.name, i);
  return [...byName.keys()].sort().map((n) => byName.get(n) as T);
}

/** Two different definitions under one name: the outputs could hold only one of them. */
function duplicateNames<T extends { name: string }>(
  where: string,
  field: string,
  items: readonly T[],
  render: (t: T) => unknown,
): Problem[] {
  const first = new Map<string, string>();
  const found = new ProblemList(where);
  for (const i of items) {
    const json = JSON.stringify(render(i));
    const seen = first.get(i.name);
    if (seen === undefined) first.set(i.name, json);
    else if (seen !== json) {
      found.add(
        field,
        i.name,
        `two different ${field === 'receivers' ? 'receivers' : 'time intervals'} are named "${i.name}"`,
        'give each its own name, or reuse the same value',
      );
      first.set(i.name, json);
    }
  }
  return found.problems;
}

/**
 * Whether an alert can carry `namespace="<ns>"`: from its labels (a template may render it), else from its
 * expression's result (a result that keeps the label may carry it; one that aggregated it away cannot).
 */
function carriesNamespace(labels: Readonly<Record<string, string>>, expr: string | undefined, ns: string): boolean {
  const value = labels.namespace;
  if (value !== undefined) return value === ns || value.includes('{{');
  if (expr === undefined) return false;
  const tree = analyzePromQL(expr).ast;
  return tree === undefined || canHaveLabel(outputLabels(tree, expr), 'namespace');
}
