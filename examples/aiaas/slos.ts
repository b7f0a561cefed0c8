/**
 * The AIaaS platform's latency SLO, from the TIMEOUT runbook's "High latency metrics (P95 > 500ms)"
 * (seed 003_17a6ac30130628c2.txt): 95% of requests within 500 ms across the platform. The histogram carries its
 * own `service` label (the microservice), so the SLO is the platform's, not one per service.
 */
import { Construct } from 'constructs';
import { Slo, SloRules, Sli } from '../../src';
import { AIAAS, runbookUrl } from './common';
import { RUNBOOK_ANCHORS } from './alerts';

/** The SLOs; alerts link the TIMEOUT runbook under `runbookBase`. */
export function aiaasSlos(runbookBase: string = AIAAS.runbookBase): Slo[] {
  return [
    new Slo({
      service: 'aiaas-platform',
      name: 'latency',
      objective: 95,
      description: '95% of requests complete within 500 ms',
      sli: Sli.latency({ histogram: 'service_latency_histogram_bucket', threshold: 0.5 }),
      labels: { system: AIAAS.system, runbook_code: 'TIMEOUT' },
      alerting: { runbookUrl: runbookUrl(RUNBOOK_ANCHORS.TIMEOUT, runbookBase) },
    }),
  ];
}

/** Adds the SLO rules (`<chart>-slos`) to a chart. */
export function addAiaasSlos(
  scope: Construct,
  opts: { readonly namespace?: string; readonly runbookBase?: string } = {},
): SloRules {
  return new SloRules(scope, 'slos', {
    namespace: opts.namespace ?? AIAAS.namespace,
    labels: { release: 'kube-prometheus-stack' },
    slos: aiaasSlos(opts.runbookBase),
  });
}
