import { ApiObject, App, AppProps, Chart, Names } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ProblemCollector, WatchkeeperError, closeCollector, isRefused, openCollector } from '../core';
import { lintFiles, lintProblems } from '../lint';
import { AfterWriteHook, writeDirectoryAtomically } from './atomic-write';
import { withConstructIndex } from './construct-index';
import { reportDeclarationErrors } from './synth-app';
import { synthesizesFiles } from './synthesized-files';
import { toYamlDocuments } from '../core';

/** Settings of a WatchkeeperApp. */
export interface WatchkeeperAppProps extends Pick<AppProps, 'outdir'> {
  /**
   * The Prometheus release rules and queries must load in; constructs that do not set their own use it.
   * @default the current 3.x release
   */
  readonly prometheusVersion?: string;
}

/**
 * A cdk8s App whose synth validates everything first, then writes all outputs at once: one
 * `<chart>.k8s.yaml` per chart plus the files constructs add (rule files, dashboards), deterministically,
 * replacing the output directory only when everything succeeded.
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
   */
  readonly problems = new ProblemCollector();

  constructor(props: WatchkeeperAppProps = {}) {
    super({ outdir: props.outdir });
    this.prometheusVersion = props.prometheusVersion;
    openCollector(this, this.problems);
    reportDeclarationErrors(this);
  }

  /** Every output file (relative path -> content), after validating the whole app. Writes nothing. */
  synthesizeFiles(): Map<string, string> {
    closeCollector(this.problems);
    return withConstructIndex(this, () => this.render());
  }

  private render(): Map<string, string> {
    // Validations return formatted problems; those that do not name their construct get its path. A
    // construct whose props were refused reported that already: its synth-time checks would only repeat it.
    const validations = this.node.findAll().filter((c) => !isRefused(c)).flatMap((c) =>
      c.node.validate().map((message) => ({ where: message.startsWith('[') ? '' : c.node.path, field: '', message })),
    );
    const all = new ProblemCollector();
    all.add(this.problems.problems);
    all.add(validations);
    if (all.problems.length > 0) throw new WatchkeeperError(all.problems, 'synth failed');
    const files = new Map<string, string>();
    const add = (rel: string, content: string, owner: string): void => {
      if (files.has(rel)) {
        throw new WatchkeeperError([{ where: owner, field: 'output file', value: rel, message: 'another construct writes the same file', fix: 'give one of them a different name' }]);
      }
      files.set(rel, content);
    };
    for (const chart of this.charts) {
      const manifests = chartObjects(chart).map((o) => o.toJson());
      checkUniqueObjects(manifests, chart.node.path);
      add(`${Names.toDnsLabel(chart)}${this.outputFileExtension}`, toYamlDocuments(manifests), chart.node.path);
    }
    for (const c of this.node.findAll()) {
      if (c !== this && synthesizesFiles(c)) for (const f of c.synthesizeFiles()) add(f.path, f.content, c.node.path);
    }
    // The same checks `watchkeeper lint` runs: synth never writes what lint rejects.
    const ruleOutputs = new Map([...files].filter(([rel]) => rel.endsWith(this.outputFileExtension) || /^rules\/.*\.rules\.yaml$/.test(rel)));
    const rejected = lintProblems(lintFiles(ruleOutputs, { config: { prometheusVersion: this.prometheusVersion } }));
    if (rejected.length > 0) throw new WatchkeeperError(rejected, 'synth: output rejected by watchkeeper lint');
    return files;
  }

  /** Validates, renders and replaces the output directory atomically. */
  synth(): void {
    this.synthTo(this.outdir);
  }

  /** As synth, into any directory; `afterWrite` lets tests interrupt writing. */
  synthTo(outdir: string, afterWrite?: AfterWriteHook): void {
    writeDirectoryAtomically(outdir, this.synthesizeFiles(), afterWrite);
  }
}

/**
 * A chart's file is applied as one unit: two objects with the same kind, namespace and name in it would
 * overwrite each other silently.
 */
function checkUniqueObjects(manifests: ReadonlyArray<{ apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string } }>, where: string): void {
  const seen = new Set<string>();
  const problems = [];
  for (const m of manifests) {
    const group = (m.apiVersion ?? '').includes('/') ? (m.apiVersion ?? '').split('/')[0] : '';
    const key = `${m.kind}.${group} ${m.metadata?.namespace ?? ''}/${m.metadata?.name ?? ''}`;
    if (seen.has(key)) {
      problems.push({ where, field: 'objects', value: key, message: 'two objects of the chart have the same kind, namespace and name; one would overwrite the other', fix: 'give one of them another name or namespace' });
    }
    seen.add(key);
  }
  if (problems.length > 0) throw new WatchkeeperError(problems, 'synth failed');
}

/**
 * The API objects a chart holds (not those of charts nested in it), in construction order. cdk8s's
 * `chart.toJson()` re-validates and re-resolves the whole app for every chart, which makes synth quadratic in
 * the number of charts; the app validates once and renders each object once.
 */
function chartObjects(chart: Chart): ApiObject[] {
  return chart.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart);
}
