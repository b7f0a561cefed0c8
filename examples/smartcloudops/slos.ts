/**
 * SmartCloudOps' API latency SLO, from its guide's "API response times > 2 seconds" (seed 004_78bffc72f6f6c34a.txt,
 * p95 of flask_request_duration_seconds). 2 s is not a bucket boundary of prometheus_flask_exporter's default
 * buckets (the SLO refuses it and names the neighbours, le="1.0" and le="2.5"), so the SLO counts requests
 * within 2.5 s: 95% of them.
 */
import { Construct } from 'constructs';
import { Slo, SloRules, Sli } from '../../src';
import { ISSUE_ANCHORS } from './alerts';
import { SMARTCLOUDOPS, runbookUrl } from './common';

/** prometheus_flask_exporter's default histogram buckets, as the exporter writes their `le` labels. */
const FLASK_BUCKETS = [
  '0.005',
  '0.01',
  '0.025',
  '0.05',
  '0.075',
  '0.1',
  '0.25',
  '0.5',
  '0.75',
  '1.0',
  '2.5',
  '5.0',
  '7.5',
  '10.0',
  '+Inf',
];

/** The SLOs; alerts link the guide's high-response-times section under `runbookBase`. */
export function smartCloudOpsSlos(runbookBase: string = SMARTCLOUDOPS.runbookBase): Slo[] {
  return [
    new Slo({
      service: 'smartcloudops-api',
      name: 'latency',
      objective: 95,
      description: '95% of API requests complete within 2.5 s',
      sli: Sli.latency({ histogram: 'flask_request_duration_seconds_bucket', threshold: 2.5, buckets: FLASK_BUCKETS }),
      labels: { system: SMARTCLOUDOPS.system, area: 'platform' },
      // The guide's priorities: a fast burn is P0 (critical), a slow one P2 (medium).
      alerting: {
        runbookUrl: runbookUrl(ISSUE_ANCHORS.highResponseTimes, runbookBase),
        pageSeverity: 'critical',
        ticketSeverity: 'medium',
      },
    }),
  ];
}

/** Adds the SLO rules (`<chart>-slos`) to a chart. */
export function addSmartCloudOpsSlos(
  scope: Construct,
  opts: { readonly namespace?: string; readonly runbookBase?: string } = {},
): SloRules {
  return new SloRules(scope, 'slos', {
    namespace: opts.namespace ?? SMARTCLOUDOPS.monitoringNamespace,
    labels: { release: 'kube-prometheus-stack' },
    slos: smartCloudOpsSlos(opts.runbookBase),
  });
}
