/** Helpers shared by the scaling tests. */
import { Chart } from 'cdk8s';
import { parse } from 'yaml';
import { HorizontalPodAutoscaler as HpaModel } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { WatchkeeperApp } from '../../src';
import { seed } from '../support/shared';

/** The `# hpa.yaml` block of the RLM monitoring runbook (seed 002), parsed. */
export function seedHpa(): Record<string, unknown> {
  const block = /```yaml\n# hpa\.yaml\n([\s\S]*?)```/.exec(seed('002'));
  if (!block) throw new Error('seed 002 has no "# hpa.yaml" yaml block');
  return parse(block[1]);
}

/** The capacity table of seed 002, row by row: [resource, scale up, scale down, max]. */
export function seedCapacityTable(): string[][] {
  const text = seed('002');
  const start = text.indexOf('### Capacity Thresholds');
  const all = text.slice(start).split('\n');
  const first = all.findIndex((l) => l.startsWith('|'));
  const end = all.findIndex((l, i) => i > first && !l.startsWith('|'));
  return all.slice(first + 2, end).map((l) =>
    l
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim()),
  );
}

/** A WatchkeeperApp with one chart in `namespace`. */
export function appAndChart(namespace = 'rlm-production', id = 'test'): { app: WatchkeeperApp; chart: Chart } {
  const app = new WatchkeeperApp();
  return { app, chart: new Chart(app, id, { namespace }) };
}

/** Validates a manifest with kubernetes-models' autoscaling/v2 schema; returns the error text or ''. */
export function hpaSchemaErrors(manifest: unknown): string {
  try {
    new HpaModel(manifest as never).validate();
    return '';
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** Every object of a kind in a chart's manifests. */
export function objectsOfKind(chart: Chart, kind: string): Array<Record<string, any>> {
  return chart.toJson().filter((o: { kind: string }) => o.kind === kind);
}
