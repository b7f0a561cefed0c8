/**
 * The example app: `npm run synth` writes every seed system's monitoring to dist/.
 */
import { WatchkeeperApp } from '../src';
import { RlmHypervisorChart } from './rlm-hypervisor';

const app = new WatchkeeperApp({ outdir: process.env.WATCHKEEPER_OUTDIR ?? 'dist' });
new RlmHypervisorChart(app);
app.synth();
