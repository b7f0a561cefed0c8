/**
 * The example app: every seed system's chart, each with its alerts, SLOs, dashboards and autoscaling, and its
 * notification policy declared next to it. examples/main.ts synthesizes it; the golden tests snapshot it. The
 * app checks every selector of a catalogued metric against the seeds' metric tables (names, labels, types).
 */
import { WatchkeeperApp } from '../src';
import { AIAAS_CATALOGUE, AiaasChart } from './aiaas';
import { addAiaasRouting } from './aiaas/routing';
import { OCTOLLM_CATALOGUE, OctoLlmChart } from './octollm';
import { RlmHypervisorChart } from './rlm-hypervisor';
import { rlmMetrics } from './rlm-hypervisor/metrics';
import { addRlmRouting } from './rlm-hypervisor/routing';
import { SMARTCLOUDOPS_CATALOGUE, SmartCloudOpsChart } from './smartcloudops';

/** Builds the four systems into a new app writing to `outdir`. */
export function buildExamplesApp(outdir = 'dist'): WatchkeeperApp {
  const app = new WatchkeeperApp({
    outdir,
    metrics: { ...rlmMetrics, ...AIAAS_CATALOGUE, ...SMARTCLOUDOPS_CATALOGUE, ...OCTOLLM_CATALOGUE },
  });
  addRlmRouting(new RlmHypervisorChart(app));
  new OctoLlmChart(app); // OctoLLM's runbook names no notification channels.
  addAiaasRouting(new AiaasChart(app), { alerts: [] });
  new SmartCloudOpsChart(app); // its notification policy included
  return app;
}
