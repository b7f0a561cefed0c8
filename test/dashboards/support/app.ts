/** A WatchkeeperApp with one chart, for dashboard tests. */
import { Chart } from 'cdk8s';
import { WatchkeeperApp } from '../../../src';

export function appWithChart(props: { namespace?: string; prometheusVersion?: string } = {}): { app: WatchkeeperApp; chart: Chart } {
  const app = new WatchkeeperApp({ prometheusVersion: props.prometheusVersion });
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
  try {
    fn();
    return '';
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
