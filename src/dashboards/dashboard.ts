/**
 * The Dashboard construct: a Grafana dashboard rendered at synthesis from panels, rows, variables,
 * annotations and links, written as `dashboards/<uid>.json`, as a ConfigMap for Grafana's dashboard sidecar,
 * and optionally as a grafana-operator GrafanaDashboard.
 */
import { ApiObject, Chart, Lazy, Names } from 'cdk8s';
import { Construct } from 'constructs';
import { Problem, formatProblem, reportProblems, ProblemList } from '../core';
import { isDnsLabel } from '../core';
import { ISynthesizesFiles, SynthesizedFile, constructsOfType, memoDuringSynth, prometheusVersionOf } from '../core';
import { AnnotationSpec, BUILTIN_ANNOTATION, renderAnnotation } from './annotations';
import { checkDashboard } from './check-dashboard';
import type { MetricCatalogue } from './metric-catalogue';
import { checkPanelSpec } from './check-panel-spec';
import { DashboardRow, DashboardRowProps, PanelInput, checkInputs, resolvePanels } from './dashboard-row';
import type { GrafanaDashboard, GrafanaDataSourceRef, GrafanaPanel, GrafanaRowPanel } from './grafana-types';
import { LayoutItem, layoutDashboard } from './layout';
import { LinkSpec, renderLink } from './links';
import { DEFAULT_PANEL_SIZES, PanelSpec } from './panel';
import { renderPanel } from './render-panel';
import { MAX_UID_LENGTH, UID_PATTERN, dashboardUid } from './uid';
import { DatasourceVariableProps, VariableSpec, renderDatasourceVariable, renderVariable } from './variables';

/** The dashboard model version written (Grafana's `schemaVersion`, as in @grafana/schema's defaultDashboard). */
export const DASHBOARD_SCHEMA_VERSION = 42;

/** Kubernetes' limit on the data of one ConfigMap (keys and values together), in bytes. */
export const CONFIGMAP_MAX_BYTES = 1024 * 1024;

/** How the ConfigMap for Grafana's dashboard sidecar (kube-prometheus-stack, the grafana Helm chart) looks. */
export interface DashboardConfigMapProps {
  /** `metadata.name`. @default `<chart id>-<construct id>` as a DNS label */
  readonly name?: string;
  /** The label the sidecar watches (`sidecar.dashboards.label`). @default 'grafana_dashboard' */
  readonly label?: string;
  /** Its value (`sidecar.dashboards.labelValue`). @default '1' */
  readonly labelValue?: string;
  /** More labels. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * The Grafana folder, written to `folderAnnotation` (the sidecar's `folderAnnotation`, with the provider's
   * `foldersFromFilesStructure: true`). @default none: the sidecar's default folder
   */
  readonly folder?: string;
  /** The annotation the sidecar reads the folder from. @default 'grafana_folder' */
  readonly folderAnnotation?: string;
}

/** A grafana-operator (v5) GrafanaDashboard resource. */
export interface GrafanaOperatorProps {
  /** Which Grafana instances import the dashboard (`spec.instanceSelector`). */
  readonly instanceSelector: {
    readonly matchLabels?: Readonly<Record<string, string>>;
    readonly matchExpressions?: ReadonlyArray<{
      readonly key: string;
      readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
      readonly values?: readonly string[];
    }>;
  };
  /** `metadata.name`. @default the ConfigMap's default name */
  readonly name?: string;
  /** Folder title (`spec.folder`). @default none */
  readonly folder?: string;
  /** Folder uid (`spec.folderUID`). @default none */
  readonly folderUid?: string;
  /** How often the operator re-applies the dashboard, a Go duration (`spec.resyncPeriod`). @default the operator's (10m) */
  readonly resyncPeriod?: string;
  /** Let Grafana instances in other namespaces import it. @default false */
  readonly allowCrossNamespaceImport?: boolean;
  /** `metadata.labels`. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

/** Settings of a dashboard. */
export interface DashboardProps {
  /** The dashboard's title. */
  readonly title: string;
  /**
   * Grafana's identifier: keep it stable, links and imports use it. At most 40 characters of letters, digits, `-`, `_`.
   * @default derived from the construct path (dashboardUid), the same on every synth
   */
  readonly uid?: string;
  /** @default none */
  readonly description?: string;
  /** @default [] */
  readonly tags?: readonly string[];
  /** Auto-refresh interval (`10s`, `1m`, `5m`); '' turns it off. @default '' */
  readonly refresh?: string;
  /** Default time range. @default { from: 'now-6h', to: 'now' } */
  readonly time?: { readonly from: string; readonly to: string };
  /** `browser`, `utc` or an IANA zone (`Europe/Berlin`). @default 'browser' */
  readonly timezone?: string;
  /** Whether people may edit the dashboard in Grafana (changes are overwritten by the next deploy). @default true */
  readonly editable?: boolean;
  /** Crosshair and tooltip shared across panels. @default 'crosshair' */
  readonly sharedCursor?: 'off' | 'crosshair' | 'tooltip';
  /** The Prometheus datasource variable every query reads from. @default { name: 'datasource' } */
  readonly datasource?: DatasourceVariableProps;
  /** More template variables. @default [] */
  readonly variables?: readonly VariableSpec[];
  /** Annotation queries. @default [] */
  readonly annotations?: readonly AnnotationSpec[];
  /** Links at the top. @default [] */
  readonly links?: readonly LinkSpec[];
  /** Panels outside rows (shown above the first row). @default [] */
  readonly panels?: readonly PanelInput[];
  /**
   * What the exporters emit (metric types, units, labels). When given, synth refuses legends, `by` and `on`
   * clauses and matchers naming labels a query's result cannot carry, and one-to-one vector matching between
   * metrics whose declared labels differ (src/dashboards/query-labels.ts).
   * @default none: labels are known only after an aggregation's `by`
   */
  readonly metrics?: MetricCatalogue;
  /** The Prometheus release queries must parse in. @default the app's, else the current 3.x release */
  readonly prometheusVersion?: string;
  /** `metadata.namespace` of the ConfigMap and GrafanaDashboard. @default the chart's */
  readonly namespace?: string;
  /** The sidecar ConfigMap; `false` for none. @default a ConfigMap labelled grafana_dashboard: "1" */
  readonly configMap?: DashboardConfigMapProps | false;
  /** A grafana-operator GrafanaDashboard. @default none */
  readonly grafanaOperator?: GrafanaOperatorProps;
}

const REFRESH = /^$|^\d+(ms|s|m|h|d|w|M|y)$/;
const TIME = /^now(?:[+-]\d+(?:ms|s|m|h|d|w|M|y))?(?:\/(?:s|m|h|d|w|M|y))?$/;
const GO_DURATION = /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/;
const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/**
 * A Grafana dashboard. Panels, rows, variables, annotations and links may be added until synthesis; the
 * layout, ids and JSON are computed then. Every query reads from the `$datasource` variable and is checked
 * as Prometheus parses it; a broken query fails synth naming the dashboard, the panel and the query.
 */
export class Dashboard extends Construct implements ISynthesizesFiles {
  /** Grafana's uid, also the file name (`dashboards/<uid>.json`) and the ConfigMap's data key. */
  readonly uid: string;
  readonly title: string;
  /** The ConfigMap's `metadata.name`, if there is one. */
  readonly configMapName?: string;
  private readonly props: DashboardProps;
  private readonly topPanels: PanelInput[] = [];
  private readonly rows: DashboardRow[] = [];
  private readonly variables: VariableSpec[] = [];
  private readonly annotations: AnnotationSpec[] = [];
  private readonly links: LinkSpec[] = [];

  constructor(scope: Construct, id: string, props: DashboardProps) {
    super(scope, id);
    this.props = props;
    this.title = props.title;
    this.uid = props.uid ?? dashboardUid(this.node.path);
    reportProblems(this.checkProps(props), `Dashboard ${this.node.path}`, this);
    this.topPanels.push(...checkInputs(props.panels ?? [], this.node.path));
    this.variables.push(...(props.variables ?? []));
    this.annotations.push(...(props.annotations ?? []));
    this.links.push(...(props.links ?? []));

    const namespace = props.namespace ?? Chart.of(this).namespace;
    const defaultName = Names.toDnsLabel(this, { includeHash: false });
    if (props.configMap !== false) {
      const cm = props.configMap ?? {};
      this.configMapName = cm.name ?? defaultName;
      const labels = { ...cm.labels, [cm.label ?? 'grafana_dashboard']: cm.labelValue ?? '1' };
      new ApiObject(this, 'configmap', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: this.configMapName,
          namespace,
          labels,
          annotations: cm.folder !== undefined ? { [cm.folderAnnotation ?? 'grafana_folder']: cm.folder } : undefined,
        },
        data: Lazy.any({ produce: () => ({ [`${this.uid}.json`]: this.toJsonString() }) }),
      });
    }
    const op = props.grafanaOperator;
    if (op) {
      new ApiObject(this, 'grafana-dashboard', {
        apiVersion: 'grafana.integreatly.org/v1beta1',
        kind: 'GrafanaDashboard',
        metadata: { name: op.name ?? defaultName, namespace, labels: op.labels ? { ...op.labels } : undefined },
        spec: Lazy.any({
          produce: () => ({
            instanceSelector: {
              ...(op.instanceSelector.matchLabels ? { matchLabels: { ...op.instanceSelector.matchLabels } } : {}),
              ...(op.instanceSelector.matchExpressions
                ? {
                    matchExpressions: op.instanceSelector.matchExpressions.map((e) => ({
                      ...e,
                      values: e.values ? [...e.values] : undefined,
                    })),
                  }
                : {}),
            },
            folder: op.folder,
            folderUID: op.folderUid,
            resyncPeriod: op.resyncPeriod,
            allowCrossNamespaceImport: op.allowCrossNamespaceImport,
            json: this.toJsonString(),
          }),
        }),
      });
    }
    this.node.addValidation({ validate: () => this.checkAtSynth().map(formatProblem) });
  }

  /** Adds panels above the rows (specs, ThresholdMetrics, panel sources such as SLOs); returns this. */
  addPanel(...inputs: PanelInput[]): this {
    this.topPanels.push(...checkInputs(inputs, this.node.path));
    return this;
  }

  /** Adds a row and returns it, to add panels to. */
  addRow(title: string, props: DashboardRowProps & { readonly panels?: readonly PanelInput[] } = {}): DashboardRow {
    if (typeof title !== 'string' || title.trim() === '') {
      reportProblems(
        [
          {
            where: this.node.path,
            field: 'row title',
            value: title,
            message: 'a row needs a title',
            fix: 'give the row a title',
          },
        ],
        `Dashboard ${this.node.path}`,
        this,
      );
    }
    const row = new DashboardRow(title, { collapsed: props.collapsed }, this.node.path);
    if (props.panels) row.addPanel(...props.panels);
    this.rows.push(row);
    return row;
  }

  /** Adds template variables; returns this. */
  addVariable(...variables: VariableSpec[]): this {
    this.variables.push(...variables);
    return this;
  }

  /** Adds annotation queries; returns this. */
  addAnnotation(...annotations: AnnotationSpec[]): this {
    this.annotations.push(...annotations);
    return this;
  }

  /** Adds dashboard links; returns this. */
  addLink(...links: LinkSpec[]): this {
    this.links.push(...links);
    return this;
  }

  /** The name of the datasource variable (`datasource`): use `${name}` to refer to it. */
  get datasourceVariable(): string {
    return this.props.datasource?.name ?? 'datasource';
  }

  /** The dashboard in Grafana's import format. */
  toJson(): GrafanaDashboard {
    const p = this.props;
    const ds: GrafanaDataSourceRef = { type: 'prometheus', uid: `\${${this.datasourceVariable}}` };
    const top = resolvePanels(this.topPanels);
    const rows = this.rows.map((r) => ({ row: r, specs: r.panelSpecs() }));
    const layout = layoutDashboard({
      items: top.map(layoutItem),
      rows: rows.map((r) => ({ collapsed: r.row.props.collapsed ?? false, items: r.specs.map(layoutItem) })),
    });
    let nextId = 1;
    const panels: Array<GrafanaPanel | GrafanaRowPanel> = top.map((s, i) =>
      renderPanel(s, { id: nextId++, gridPos: layout.items[i], datasource: ds }),
    );
    rows.forEach((r, i) => {
      const collapsed = r.row.props.collapsed ?? false;
      const row: GrafanaRowPanel = {
        type: 'row',
        id: nextId++,
        title: r.row.title,
        collapsed,
        gridPos: layout.rows[i].header,
        panels: [],
      };
      const children = r.specs.map((s, j) =>
        renderPanel(s, { id: nextId++, gridPos: layout.rows[i].items[j], datasource: ds }),
      );
      if (collapsed) panels.push({ ...row, panels: children });
      else panels.push(row, ...children);
    });
    return {
      id: null,
      uid: this.uid,
      title: p.title,
      ...(p.description ? { description: p.description } : {}),
      tags: [...(p.tags ?? [])],
      timezone: p.timezone ?? 'browser',
      editable: p.editable ?? true,
      graphTooltip: { off: 0, crosshair: 1, tooltip: 2 }[p.sharedCursor ?? 'crosshair'],
      time: { from: p.time?.from ?? 'now-6h', to: p.time?.to ?? 'now' },
      refresh: p.refresh ?? '',
      schemaVersion: DASHBOARD_SCHEMA_VERSION,
      links: this.links.map(renderLink),
      annotations: { list: [BUILTIN_ANNOTATION, ...this.annotations.map((a) => renderAnnotation(a, ds))] },
      templating: {
        list: [renderDatasourceVariable(p.datasource ?? {}), ...this.variables.map((v) => renderVariable(v, ds))],
      },
      panels,
    } as GrafanaDashboard;
  }

  /** The JSON text written to the file and the ConfigMap: 2-space indented, with a final newline. */
  toJsonString(): string {
    // Written to the file and the ConfigMap, and measured by the checks: rendered once per synth.
    return memoDuringSynth(this, 'json', () => `${JSON.stringify(this.toJson(), null, 2)}\n`);
  }

  /** `dashboards/<uid>.json`. */
  synthesizeFiles(): SynthesizedFile[] {
    return [{ path: `dashboards/${this.uid}.json`, content: this.toJsonString() }];
  }

  private checkProps(p: DashboardProps): Problem[] {
    const where = this.node.path;
    const found = new ProblemList(where);
    if (typeof p.title !== 'string' || p.title.trim() === '')
      found.add('title', p.title, 'a dashboard needs a title', 'give it a title');
    if (this.uid.length > MAX_UID_LENGTH || !UID_PATTERN.test(this.uid)) {
      found.add(
        'uid',
        this.uid,
        `a Grafana uid is 1 to ${MAX_UID_LENGTH} letters, digits, "-" or "_"`,
        'shorten it, or leave it out to derive one from the construct path',
      );
    }
    if (p.refresh !== undefined && !REFRESH.test(p.refresh))
      found.add('refresh', p.refresh, 'not a Grafana refresh interval', 'write e.g. "10s", "1m", "5m", or "" for none');
    for (const k of ['from', 'to'] as const) {
      const v = p.time?.[k];
      if (v !== undefined && !TIME.test(v) && Number.isNaN(Date.parse(v)))
        found.add(`time.${k}`, v, 'not a Grafana time', 'write e.g. "now-6h", "now/d", "now" or an ISO date');
    }
    const ds = p.datasource?.name;
    if (ds !== undefined && !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(ds))
      found.add('datasource.name', ds, 'not a variable name', 'use letters, digits and "_"');
    const cm = p.configMap;
    if (cm) {
      if (cm.name !== undefined && !isDnsLabel(cm.name))
        found.add(
          'configMap.name',
          cm.name,
          'not a DNS-1123 label',
          'use lower-case letters, digits and "-", at most 63 characters',
        );
      for (const key of [cm.label, cm.folderAnnotation, ...Object.keys(cm.labels ?? {})]) {
        if (key !== undefined && !LABEL_KEY.test(key))
          found.add('configMap', key, 'not a Kubernetes label or annotation key', 'use e.g. "grafana_dashboard"');
      }
    }
    const op = p.grafanaOperator;
    if (op) {
      const sel = op.instanceSelector;
      if (!sel || (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0)) {
        found.add(
          'grafanaOperator.instanceSelector',
          sel,
          'selects no Grafana instance',
          'give matchLabels, e.g. { dashboards: "grafana" }',
        );
      }
      if (op.resyncPeriod !== undefined && !GO_DURATION.test(op.resyncPeriod))
        found.add('grafanaOperator.resyncPeriod', op.resyncPeriod, 'not a Go duration', 'write e.g. "10m" or "1h30m"');
      if (op.name !== undefined && !isDnsLabel(op.name))
        found.add('grafanaOperator.name', op.name, 'not a DNS-1123 label', 'use lower-case letters, digits and "-"');
    }
    return found.problems;
  }

  private checkAtSynth(): Problem[] {
    const where = this.node.path;
    // Panels from sources (SLOs, ...) are checked now that they exist; plain specs were checked when added.
    const specs = [...resolvePanels(this.topPanels), ...this.rows.flatMap((r) => r.panelSpecs())];
    const specProblems = specs.flatMap((s) => checkPanelSpec(s, where));
    if (specProblems.length > 0) return specProblems;
    const version = this.props.prometheusVersion ?? prometheusVersionOf(this);
    const problems = checkDashboard(this.toJson(), { where, prometheusVersion: version, metrics: this.props.metrics });
    // The first dashboard of each uid in the app, worked out once per synth.
    const firstOfUid = memoDuringSynth(this.node.root, 'dashboards by uid', () => {
      const first = new Map<string, Dashboard>();
      for (const d of constructsOfType(this, Dashboard)) if (!first.has(d.uid)) first.set(d.uid, d);
      return first;
    });
    const other = firstOfUid.get(this.uid);
    if (other !== undefined && other !== this)
      problems.push({
        where,
        field: 'uid',
        value: this.uid,
        message: `the same uid as the dashboard at ${other.node.path}`,
        fix: 'give one of them its own uid',
      });
    if (this.configMapName !== undefined) {
      const bytes = Buffer.byteLength(this.toJsonString(), 'utf8') + Buffer.byteLength(`${this.uid}.json`, 'utf8');
      if (bytes > CONFIGMAP_MAX_BYTES) {
        problems.push({
          where,
          field: 'configMap',
          value: `${bytes} bytes`,
          message: `the dashboard's JSON is larger than a ConfigMap may hold (${CONFIGMAP_MAX_BYTES} bytes, 1 MiB)`,
          fix: 'split the dashboard into several, or set configMap: false and provision dist/dashboards/<uid>.json another way (grafanaOperator, Grafana provisioning files)',
        });
      }
    }
    return problems;
  }
}

function layoutItem(spec: PanelSpec): LayoutItem {
  const size = DEFAULT_PANEL_SIZES[spec.kind];
  const w = spec.position?.w ?? spec.width ?? size.w;
  const h = spec.position?.h ?? spec.height ?? size.h;
  return spec.position ? { w, h, at: { x: spec.position.x, y: spec.position.y } } : { w, h };
}
