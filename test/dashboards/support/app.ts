/** A WatchkeeperApp with one chart, for dashboard tests. */
import { Chart } from 'cdk8s';
import { formatProblem } from '../../../src/core';
import { WatchkeeperApp } from '../../../src';

let latest: WatchkeeperApp | undefined;

export function appWithChart(props: { namespace?: string; prometheusVersion?: string } = {}): {
  app: WatchkeeperApp;
  chart: Chart;
} {
  const app = new WatchkeeperApp({ prometheusVersion: props.prometheusVersion });
  latest = app;
  const chart = new Chart(app, 'shop', { namespace: props.namespace ?? 'monitoring' });
  return { app, chart };
}

/** The synth error's message, or '' when synth succeeds. */
export function synthError(app: WatchkeeperApp): string {
  try {
    app.synthesizeFiles();
    return '';
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** The message of what `fn` throws, or ''. */
export function thrown(fn: () => unknown): string {
  // Inside an app a mistake is recorded, not thrown: the problems fn added to the latest app are its report.
  const before = latest?.problems.problems.length ?? 0;
  try {
    fn();
    return (latest?.problems.problems ?? []).slice(before).map(formatProblem).join('\n');
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
