/**
 * The example app: `npm run synth` writes the monitoring of every seed system to dist/. Each chart holds a
 * system's alerts, dashboards and autoscaling; its notification policy is declared next to it.
 */
import { WatchkeeperApp, synthApp } from '../src';
import { AiaasChart } from './aiaas';
import { addAiaasRouting } from './aiaas/routing';
import { OctoLlmChart } from './octollm';
import { RlmHypervisorChart } from './rlm-hypervisor';
import { addRlmRouting } from './rlm-hypervisor/routing';
import { SmartCloudOpsChart } from './smartcloudops';
import { addSmartCloudOpsRouting } from './smartcloudops/routing';

const app = new WatchkeeperApp({ outdir: process.env.WATCHKEEPER_OUTDIR ?? 'dist' });
addRlmRouting(new RlmHypervisorChart(app));
new OctoLlmChart(app); // OctoLLM's runbook names no notification channels.
addAiaasRouting(new AiaasChart(app), { alerts: [] });
addSmartCloudOpsRouting(new SmartCloudOpsChart(app), { alerts: [] });
process.exitCode = synthApp(app);
