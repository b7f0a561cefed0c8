/**
 * `npm run synth`: writes the monitoring of every seed system to dist/ (or $WATCHKEEPER_OUTDIR).
 */
import { synthApp } from '../src';
import { buildExamplesApp } from './app';

process.exitCode = synthApp(buildExamplesApp(process.env.WATCHKEEPER_OUTDIR ?? 'dist'));
