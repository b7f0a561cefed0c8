/**
 * Screenshots an SVG in headless Chromium (Debian package `chromium`), to check that a preview renders in a
 * real browser. Usage: `npx tsx scripts/preview/screenshot.ts <file.svg> [out.png]`; when chromium is not
 * installed it says so and exits 0 (nothing to check), unless REQUIRE_CHROMIUM=1.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** The browser command on PATH, or null. */
export function findChromium(): string | null {
  for (const cmd of CANDIDATES) {
    const probe = spawnSync(cmd, ['--version'], { encoding: 'utf8' });
    if (probe.status === 0) return cmd;
  }
  return null;
}

/** The width and height an SVG declares. */
export function svgSize(svg: string): { width: number; height: number } {
  const m = /<svg[^>]*\swidth="(\d+(?:\.\d+)?)"[^>]*\sheight="(\d+(?:\.\d+)?)"/.exec(svg);
  if (!m) throw new Error('the SVG declares no width and height');
  return { width: Math.ceil(Number(m[1])), height: Math.ceil(Number(m[2])) };
}

/** Renders `svgFile` at its own size into `pngFile` with `browser`; throws with the browser's output on failure. */
export function screenshotSvg(browser: string, svgFile: string, pngFile: string): void {
  const { width, height } = svgSize(fs.readFileSync(svgFile, 'utf8'));
  fs.rmSync(pngFile, { force: true });
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--hide-scrollbars',
    '--no-first-run',
    '--disable-dev-shm-usage',
    `--window-size=${width},${height}`,
    `--screenshot=${path.resolve(pngFile)}`,
    `file://${path.resolve(svgFile)}`,
  ];
  const r = spawnSync(browser, args, { encoding: 'utf8', timeout: 120_000 });
  if (!fs.existsSync(pngFile)) {
    throw new Error(`${browser} wrote no screenshot (exit ${r.status}): ${(r.stderr ?? '').slice(-2000)}`);
  }
}

if (require.main === module) {
  const [svg, png = svg?.replace(/\.svg$/, '.png')] = process.argv.slice(2);
  if (!svg) {
    console.error('usage: tsx scripts/preview/screenshot.ts <file.svg> [out.png]');
    process.exit(2);
  }
  const browser = findChromium();
  if (!browser) {
    const message =
      'SKIPPED: chromium not found on PATH; install the Debian package "chromium" to check previews in a browser';
    if (process.env.REQUIRE_CHROMIUM === '1') {
      console.error(message.replace('SKIPPED', 'FAILED'));
      process.exit(1);
    }
    console.log(message);
    process.exit(0);
  }
  screenshotSvg(browser, svg, png);
  console.log(`wrote ${png}`);
}
