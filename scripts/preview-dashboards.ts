/**
 * `npm run preview`: renders each synthesized dashboard's layout to an SVG (panels as boxes at their grid
 * positions, with title, kind and threshold colours), for review without a Grafana instance.
 *
 * Usage: tsx scripts/preview-dashboards.ts [dashboards dir, default dist/dashboards] [output dir, default dist/preview]
 * Run `npm run synth` first. Check one in a real browser: tsx scripts/preview/screenshot.ts dist/preview/<uid>.svg
 */
import * as path from 'path';
import { writePreviews } from './preview/write-previews';

const [input = path.join('dist', 'dashboards'), output = path.join('dist', 'preview')] = process.argv.slice(2);
try {
  const written = writePreviews(input, output);
  for (const f of written) console.log(path.join(output, f));
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
}
