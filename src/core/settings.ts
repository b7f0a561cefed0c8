/**
 * App-wide settings constructs read from construct context rather than by finding the app: a construct
 * library below the app cannot import it. WatchkeeperApp sets them from its props; any cdk8s App can set them
 * with `app.node.setContext(...)` before adding charts.
 */
import type { IConstruct } from 'constructs';

/** The construct context key naming the Prometheus release rules and queries must work in (e.g. "2.53"). */
export const PROMETHEUS_VERSION_CONTEXT = 'watchkeeper:prometheusVersion';

/** The Prometheus release constructs under `scope` target, when the app names one. */
export function prometheusVersionOf(scope: IConstruct): string | undefined {
  const value: unknown = scope.node.tryGetContext(PROMETHEUS_VERSION_CONTEXT);
  return typeof value === 'string' ? value : undefined;
}
