/**
 * `watchkeeper metrics import <file...> [--out module.ts]`: a typed TypeScript module of metric values
 * (Counter, Gauge, Histogram, Summary with help and label names, sorted by name) and the `catalogue` to give
 * WatchkeeperApp, from exposition text saved from a `/metrics` endpoint and/or the JSON of Prometheus's
 * `/api/v1/metadata` and `/api/v1/series` (docs/metrics.md).
 */
import * as fs from 'fs';
import * as path from 'path';
import { WatchkeeperError } from '../core';
import { importMetrics, renderMetricsModule } from '../metrics';
import type { CommandIo } from './synth-command';

/** Options of `watchkeeper metrics import`. */
export interface MetricsImportOptions {
  /** The module to write. @default print it */
  readonly out?: string;
  /** Where the module imports watchkeeper from. @default 'watchkeeper' */
  readonly from?: string;
  /** The name prefixes the catalogue covers. @default each metric name's first word */
  readonly namespace?: readonly string[];
}

/** Runs the import; returns the exit code (0 written, 1 an input is not what it should be, 2 unreadable). */
export function metricsImportCommand(files: readonly string[], opts: MetricsImportOptions, io: CommandIo): number {
  const inputs: Array<{ source: string; content: string }> = [];
  for (const f of files) {
    try {
      inputs.push({ source: f, content: fs.readFileSync(f, 'utf8') });
    } catch (e) {
      io.err(`watchkeeper metrics import: cannot read ${f}: ${e instanceof Error ? e.message : String(e)}\n`);
      return 2;
    }
  }
  let text: string;
  let count: number;
  try {
    const metrics = importMetrics(inputs);
    count = metrics.length;
    text = renderMetricsModule(metrics, {
      from: opts.from,
      sources: files.map((f) => path.basename(f)),
      namespaces: opts.namespace,
    });
  } catch (e) {
    if (!(e instanceof WatchkeeperError)) throw e;
    io.err(`watchkeeper metrics import: ${e.message}\n`);
    return 1;
  }
  if (count === 0) {
    io.err(
      'watchkeeper metrics import: no metrics found in the inputs (expected # HELP/# TYPE and samples, or /api/v1/metadata or /api/v1/series JSON)\n',
    );
    return 1;
  }
  if (!opts.out) {
    io.out(text);
    return 0;
  }
  fs.mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });
  fs.writeFileSync(opts.out, text);
  io.out(`wrote ${count} metric${count === 1 ? '' : 's'} to ${opts.out}\n`);
  return 0;
}
