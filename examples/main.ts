/**
 * The example app: `npm run synth` writes every seed system's monitoring to dist/.
 */
import { WatchkeeperApp, synthApp } from '../src';
import { RlmHypervisorChart } from './rlm-hypervisor';

const app = new WatchkeeperApp({ outdir: process.env.WATCHKEEPER_OUTDIR ?? 'dist' });
new RlmHypervisorChart(app);
process.exitCode = synthApp(app);
