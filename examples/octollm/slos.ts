/**
 * OctoLLM's API latency SLO, from its runbook's "Slow API responses (>5 seconds)" (seed 001_58d29907804e4423.txt,
 * the HighRequestLatency alert on the p95 of http_request_duration_seconds): 95% of requests within 5 s.
 */
import { Construct } from 'constructs';
import { Slo, SloRules, Sli } from '../../src';
import { OCTOLLM, runbookUrl } from './common';

/** The SLOs; alerts link `<runbookBase>#high-latency`. */
export function octoLlmSlos(runbookBase: string = OCTOLLM.runbookBase): Slo[] {
  return [
    new Slo({
      service: 'octollm',
      name: 'api-latency',
      objective: 95,
      description: '95% of API requests complete within 5 s',
      sli: Sli.latency({
        histogram: `http_request_duration_seconds_bucket{namespace="${OCTOLLM.namespace}"}`,
        threshold: 5,
      }),
      alerting: { runbookUrl: runbookUrl('high-latency', runbookBase) },
    }),
  ];
}

/** Adds the SLO rules (`<chart>-slos`) to a chart. */
export function addOctoLlmSlos(
  scope: Construct,
  opts: { readonly namespace?: string; readonly runbookBase?: string } = {},
): SloRules {
  return new SloRules(scope, 'slos', {
    namespace: opts.namespace ?? OCTOLLM.namespace,
    labels: { release: 'kube-prometheus-stack' },
    slos: octoLlmSlos(opts.runbookBase),
  });
}
