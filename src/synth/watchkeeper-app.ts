import { ApiObject, App, AppProps, Chart, Names } from 'cdk8s';
import { IConstruct } from 'constructs';
import {
  ISynthesizesFiles,
  PROMETHEUS_VERSION_CONTEXT,
  ProblemCollector,
  throwIfAny,
  throwProblem,
  closeCollector,
  constructsOfType,
  isRefused,
  openCollector,
  synthesizesFiles,
  toYamlDocuments,
  withConstructIndex,
} from '../core';
import {
  METRIC_CATALOGUE_CONTEXT,
  type CatalogueSetting,
  type MetricCatalogue,
  catalogueSetting,
  metricCatalogueOf,
} from '../metrics';
import { PrometheusRule, type RuleWarning } from '../rules';
import { AfterWriteHook, StagingDirectory } from './atomic-write';
import { catalogueProblems } from './catalogue-checks';
import { crossRuleChecks } from './cross-rule-checks';
import { reportDeclarationErrors } from './declaration-errors';
import { DirectoryComparer, SynthReport } from './synth-report';

/** Settings of a WatchkeeperApp. */
export interface WatchkeeperAppProps extends Pick<AppProps, 'outdir'> {
  /**
   * The Prometheus release rules and queries must load in; constructs that do not set their own use it.
   * @default the current 3.x release
   */
  readonly prometheusVersion?: string;
  /**
   * The metric catalogue (e.g. imported with `watchkeeper metrics import`): every selector of the app of a
   * metric it covers is checked for metric and label names and metric type at synth (docs/metrics.md).
   * A plain catalogue covers its metrics' name prefixes (see CatalogueSetting.namespaces).
   * @default none: selectors are not checked against a catalogue
   */
  readonly metrics?: MetricCatalogue | CatalogueSetting;
}

/** The phases of a synth, in order, as its progress callback sees them. */
export type SynthPhase = 'validating' | 'rendering' | 'checking' | 'comparing' | 'writing';

/**
 * Called when a phase starts (`done` and `total` undefined) and, in rendering and writing, as it goes
 * (`done` of `total` charts and constructs rendered, files written).
 */
export type SynthProgress = (phase: SynthPhase, done?: number, total?: number) => void;

/** Options of WatchkeeperApp.synth and synthTo. */
export interface SynthOptions {
  /** Called as synth goes; synthApp draws it as one line on a terminal. */
  readonly onProgress?: SynthProgress;
  /** Test hook: called after each file is written to the staging directory, so tests can fail a synth there. */
  readonly afterWrite?: AfterWriteHook;
}

/**
 * A cdk8s App whose synth validates everything first, then writes its outputs, deterministically, into a
 * staging directory as they are rendered: one `<chart>.k8s.yaml` per chart plus the files constructs add (rule
 * files, dashboards). The staging directory replaces the output directory only when everything succeeded.
 */
export class WatchkeeperApp extends App {
  /** Finds the WatchkeeperApp a construct belongs to, if any. */
  static find(c: IConstruct): WatchkeeperApp | undefined {
    const root = c.node.root;
    return root instanceof WatchkeeperApp ? root : undefined;
  }

  readonly prometheusVersion?: string;
  /**
   * Mistakes found while the app was declared (in constructors of its constructs, and of values created
   * before it synthesized): synth reports them all, with the checks that run at synth.
   * @internal not part of the public API (stripped from the published typings).
   */
  readonly problems = new ProblemCollector();
  /** What the last successful synth or synthTo did; undefined before one. */
  lastSynthReport?: SynthReport;

  constructor(props: WatchkeeperAppProps = {}) {
    super({ outdir: props.outdir });
    this.prometheusVersion = props.prometheusVersion;
    if (props.prometheusVersion !== undefined)
      this.node.setContext(PROMETHEUS_VERSION_CONTEXT, props.prometheusVersion);
    if (props.metrics !== undefined) this.node.setContext(METRIC_CATALOGUE_CONTEXT, catalogueSetting(props.metrics));
    openCollector(this, this.problems);
    reportDeclarationErrors(this);
  }

  /** Every output file (relative path -> content), after validating the whole app. Writes nothing. */
  synthesizeFiles(): Map<string, string> {
    return this.synthesizeOutput().files;
  }

  /**
   * As synthesizeFiles, plus what `watchkeeper lint` found in the output below the error level (errors
   * throw). Writes nothing.
   */
  synthesizeOutput(onProgress?: SynthProgress): { files: Map<string, string>; ruleWarnings: RuleWarning[] } {
    const files = new Map<string, string>();
    const ruleWarnings = this.renderTo(onProgress ?? (() => undefined), (rel, content) => files.set(rel, content));
    return { files, ruleWarnings };
  }

  /**
   * Validates, then hands each output file to `sink` as it is rendered (so the whole output need not be held
   * in memory), then runs the cross-rule checks; returns the rule warnings.
   */
  private renderTo(progress: SynthProgress, sink: (rel: string, content: string) => void): RuleWarning[] {
    closeCollector(this.problems);
    return withConstructIndex(this, () => this.render(progress, sink));
  }

  private render(progress: SynthProgress, sink: (rel: string, content: string) => void): RuleWarning[] {
    progress('validating');
    // Validations return formatted problems; those that do not name their construct get its path. A
    // construct whose props were refused reported that already: its synth-time checks would only repeat it.
    const validations = this.node
      .findAll()
      .filter((c) => !isRefused(c))
      .flatMap((c) =>
        c.node.validate().map((message) => ({ where: message.startsWith('[') ? '' : c.node.path, field: '', message })),
      );
    const all = new ProblemCollector();
    all.add(this.problems.problems);
    all.add(validations);
    const catalogue = metricCatalogueOf(this);
    if (catalogue) all.add(catalogueProblems(this, catalogue));
    throwIfAny(all.problems, 'synth failed');
    progress('rendering');
    const written = new Set<string>();
    const add = (rel: string, content: string, owner: string): void => {
      if (written.has(rel)) {
        throwProblem({
          where: owner,
          field: 'output file',
          value: rel,
          message: 'another construct writes the same file',
          fix: 'give one of them a different name',
        });
      }
      written.add(rel);
      sink(rel, content);
    };
    const writers = (): ISynthesizesFiles[] =>
      this.node.findAll().filter((c): c is ISynthesizesFiles => c !== this && synthesizesFiles(c));
    let total = this.charts.length + writers().length;
    let done = 0;
    for (const chart of this.charts) {
      const manifests = chartObjects(chart).map((o) => o.toJson());
      checkUniqueObjects(manifests, chart.node.path);
      add(`${Names.toDnsLabel(chart)}${this.outputFileExtension}`, toYamlDocuments(manifests), chart.node.path);
      progress('rendering', ++done, total);
    }
    // Found again after the charts rendered, as before progress was reported.
    const fileWriters = writers();
    total = this.charts.length + fileWriters.length;
    for (const c of fileWriters) {
      for (const f of c.synthesizeFiles()) add(f.path, f.content, c.node.path);
      progress('rendering', ++done, total);
    }
    // The checks `watchkeeper lint` runs, on the rules as checked while validating (each rule once): the
    // cross-rule checks here; synth never writes what lint rejects, and reports the rest.
    progress('checking');
    const outcomes = constructsOfType(this, PrometheusRule).map((r) => r.checkRules());
    const crossRule = crossRuleChecks(
      outcomes.flatMap((o) => o.rules),
      this.prometheusVersion,
    );
    throwIfAny(crossRule.problems, 'synth: rules refused by the cross-rule checks');
    return [...outcomes.flatMap((o) => o.warnings), ...crossRule.warnings];
  }

  /**
   * Validates, renders and replaces the output directory atomically; returns (and keeps as
   * `lastSynthReport`) what it did.
   */
  synth(options: SynthOptions = {}): SynthReport {
    return this.synthTo(this.outdir, options);
  }

  /**
   * As synth, into any directory. A function as second argument is the `afterWrite` test hook.
   * @throws WatchkeeperError listing every problem, or what writing threw; `outdir` is untouched then.
   */
  synthTo(outdir: string, options: SynthOptions | AfterWriteHook = {}): SynthReport {
    const opts: SynthOptions = typeof options === 'function' ? { afterWrite: options } : options;
    const progress: SynthProgress = opts.onProgress ?? (() => undefined);
    const start = performance.now();
    // Each file is written into a staging directory as it is rendered, and compared with the previous
    // output's (listed before anything is written); only the outcome is kept. The staging directory replaces
    // the output directory once everything succeeded, and is removed if anything failed.
    let staging: StagingDirectory | undefined;
    let comparer: DirectoryComparer | undefined;
    let comparison;
    let ruleWarnings;
    try {
      ruleWarnings = this.renderTo(progress, (rel, content) => {
        comparer ??= new DirectoryComparer(outdir, this.outputFileExtension);
        staging ??= new StagingDirectory(outdir);
        comparer.compare(rel, content);
        staging.write(rel, content, opts.afterWrite);
      });
      progress('comparing');
      comparison = (comparer ?? new DirectoryComparer(outdir, this.outputFileExtension)).result();
      progress('writing');
      staging ??= new StagingDirectory(outdir);
      staging.commit();
    } catch (e) {
      staging?.abort();
      throw e;
    }
    const report: SynthReport = { outdir, ...comparison, ruleWarnings, durationMs: performance.now() - start };
    this.lastSynthReport = report;
    return report;
  }
}

/**
 * A chart's file is applied as one unit: two objects with the same kind, namespace and name in it would
 * overwrite each other silently.
 */
function checkUniqueObjects(
  manifests: ReadonlyArray<{ apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string } }>,
  where: string,
): void {
  const seen = new Set<string>();
  const problems = [];
  for (const m of manifests) {
    const group = (m.apiVersion ?? '').includes('/') ? (m.apiVersion ?? '').split('/')[0] : '';
    const key = `${m.kind}.${group} ${m.metadata?.namespace ?? ''}/${m.metadata?.name ?? ''}`;
    if (seen.has(key)) {
      problems.push({
        where,
        field: 'objects',
        value: key,
        message: 'two objects of the chart have the same kind, namespace and name; one would overwrite the other',
        fix: 'give one of them another name or namespace',
      });
    }
    seen.add(key);
  }
  throwIfAny(problems, 'synth failed');
}

/**
 * The API objects a chart holds (not those of charts nested in it), in construction order. cdk8s's
 * `chart.toJson()` re-validates and re-resolves the whole app for every chart, which makes synth quadratic in
 * the number of charts; the app validates once and renders each object once.
 */
function chartObjects(chart: Chart): ApiObject[] {
  return chart.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart);
}
