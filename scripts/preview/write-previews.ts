/**
 * Renders every synthesized dashboard (`<dir>/<uid>.json`) to `<out>/<uid>.svg`, plus an index.html showing
 * them all, so a reviewer sees each layout without a Grafana instance.
 */
import * as fs from 'fs';
import * as path from 'path';
import { GrafanaDashboard, renderLayoutSvg } from '../../src/dashboards';

/** The files written, relative to `outDir`. */
export function writePreviews(inputDir: string, outDir: string): string[] {
  if (!fs.existsSync(inputDir)) {
    throw new Error(
      `no dashboards in ${inputDir}: run \`npm run synth\` first (or pass the folder holding <uid>.json files)`,
    );
  }
  const jsonFiles = fs
    .readdirSync(inputDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  if (jsonFiles.length === 0) throw new Error(`no <uid>.json files in ${inputDir}`);
  fs.mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  const entries: string[] = [];
  for (const file of jsonFiles) {
    const dashboard = JSON.parse(fs.readFileSync(path.join(inputDir, file), 'utf8')) as GrafanaDashboard;
    const svg = `${path.basename(file, '.json')}.svg`;
    fs.writeFileSync(path.join(outDir, svg), renderLayoutSvg(dashboard));
    written.push(svg);
    entries.push(
      `<h2>${escapeHtml(dashboard.title ?? svg)}</h2>\n<img src="${svg}" alt="${escapeHtml(dashboard.title ?? svg)}">`,
    );
  }
  const html = `<!doctype html>\n<meta charset="utf-8">\n<title>Dashboard previews</title>\n<body style="background:#0b0c0e;color:#ccccdc;font-family:sans-serif">\n${entries.join('\n')}\n</body>\n`;
  fs.writeFileSync(path.join(outDir, 'index.html'), html);
  written.push('index.html');
  return written;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
