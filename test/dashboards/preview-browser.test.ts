/**
 * A preview checked in a real browser: headless Chromium (Debian package "chromium") screenshots one SVG;
 * the PNG must have the SVG's size, Grafana's background and the threshold colours. Skipped, with the reason
 * printed, when chromium is not installed (REQUIRE_CHROMIUM=1 makes that a failure).
 */
import * as fs from 'fs';
import * as path from 'path';
import { WatchkeeperApp } from '../../src';
import { RlmHypervisorChart } from '../../examples/rlm-hypervisor';
import { findChromium, screenshotSvg, svgSize } from '../../scripts/preview/screenshot';
import { writePreviews } from '../../scripts/preview/write-previews';
import { synthToTemp, tempDir } from '../support/synth';
import { readPng } from './support/png';

const browser = findChromium();
if (!browser) {
  if (process.env.REQUIRE_CHROMIUM === '1')
    throw new Error(
      'chromium is required (REQUIRE_CHROMIUM=1) but was not found: install the Debian package "chromium"',
    );
  console.log(
    'SKIPPED: chromium not found on PATH; install the Debian package "chromium" to check previews in a browser',
  );
}

(browser ? describe : describe.skip)('a preview in headless Chromium', () => {
  it("renders the capacity dashboard at its size, with the gauge's threshold colours", () => {
    const app = new WatchkeeperApp();
    new RlmHypervisorChart(app);
    const out = path.join(tempDir(), 'preview');
    writePreviews(path.join(synthToTemp(app), 'dashboards'), out);
    const svgFile = path.join(out, 'rlm-hypervisor-capacity-planning.svg');
    const pngFile = path.join(out, 'capacity.png');
    screenshotSvg(browser as string, svgFile, pngFile);
    const png = readPng(fs.readFileSync(pngFile));
    const size = svgSize(fs.readFileSync(svgFile, 'utf8'));
    expect([png.width, png.height]).toEqual([size.width, size.height]);
    expect(png.pixel(3, 3).slice(0, 3)).toEqual([0x11, 0x12, 0x17]);
    const seen = new Set<string>();
    for (let y = 0; y < png.height; y += 2) {
      for (let x = 0; x < png.width; x += 2)
        seen.add(
          png
            .pixel(x, y)
            .slice(0, 3)
            .map((v) => v.toString(16).padStart(2, '0'))
            .join(''),
        );
    }
    // The Agent Pool gauge's arcs: green, orange (80%) and red (95%), as Grafana draws them.
    for (const color of ['73bf69', 'ff9830', 'f2495c'])
      expect([color, [...seen].some((c) => near(c, color))]).toEqual([color, true]);
  }, 120_000);
});

function near(a: string, b: string): boolean {
  const pa = [0, 2, 4].map((i) => parseInt(a.slice(i, i + 2), 16));
  const pb = [0, 2, 4].map((i) => parseInt(b.slice(i, i + 2), 16));
  return pa.every((v, i) => Math.abs(v - pb[i]) <= 3);
}
