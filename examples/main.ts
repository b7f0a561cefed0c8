/**
 * The example app: `npm run synth` writes the monitoring of every seed system to dist/.
 */
import { WatchkeeperApp, synthApp } from '../src';
import { AiaasChart } from './aiaas';
import { OctoLlmChart } from './octollm';
import { RlmHypervisorChart } from './rlm-hypervisor';
import { SmartCloudOpsChart } from './smartcloudops';

const app = new WatchkeeperApp({ outdir: process.env.WATCHKEEPER_OUTDIR ?? 'dist' });
new RlmHypervisorChart(app);
new OctoLlmChart(app);
new AiaasChart(app);
new SmartCloudOpsChart(app);
process.exitCode = synthApp(app);
