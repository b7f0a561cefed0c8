/**
 * A dashboard's layout as an SVG picture: each panel a box at its grid position with its title, kind, a
 * sketch of the visualization and its threshold colours; rows as bars. For reviewing a dashboard in a pull
 * request without a Grafana instance. Pure: the same JSON always gives the same SVG.
 */
import type { GrafanaDashboard, GrafanaPanel, GrafanaRowPanel } from './grafana-types';
import { GRID_COLUMNS } from './layout';

/** Sizes of the picture. */
export interface PreviewOptions {
  /** Pixels per grid column. @default 50 */
  readonly columnWidth?: number;
  /** Pixels per grid row (Grafana's is 30). @default 30 */
  readonly rowHeight?: number;
}

/** Grafana's named colours (dark theme), for threshold swatches. */
export const GRAFANA_COLORS: Readonly<Record<string, string>> = {
  green: '#73BF69',
  'dark-green': '#37872D',
  'semi-dark-green': '#56A64B',
  'light-green': '#96D98D',
  red: '#F2495C',
  'dark-red': '#C4162A',
  'semi-dark-red': '#E02F44',
  'light-red': '#FF7383',
  orange: '#FF9830',
  'dark-orange': '#FA6400',
  'semi-dark-orange': '#FF780A',
  'light-orange': '#FFB357',
  yellow: '#FADE2A',
  'dark-yellow': '#E0B400',
  'semi-dark-yellow': '#F2CC0C',
  'light-yellow': '#FFEE52',
  blue: '#5794F2',
  'dark-blue': '#1F60C4',
  'semi-dark-blue': '#3274D9',
  'light-blue': '#8AB8FF',
  purple: '#B877D9',
  'dark-purple': '#8F3BB8',
  'semi-dark-purple': '#A352CC',
  'light-purple': '#CA95E5',
  text: '#CCCCDC',
  transparent: 'none',
};

const BG = '#111217';
const PANEL = '#181B1F';
const BORDER = '#2C3235';
const TEXT = '#CCCCDC';
const MUTED = '#8E8E8E';
const ACCENT = '#6E9FFF';
const PAD = 16;
const HEADER = 64;
const GAP = 4;

/** A Grafana colour name or CSS colour as a CSS colour. */
export function cssColor(c: string): string {
  return GRAFANA_COLORS[c] ?? c;
}

/** The SVG text of a dashboard's layout. */
export function renderLayoutSvg(dashboard: GrafanaDashboard, options: PreviewOptions = {}): string {
  const cw = options.columnWidth ?? 50;
  const rh = options.rowHeight ?? 30;
  const boxes: string[] = [];
  let bottom = 0;
  for (const p of dashboard.panels ?? []) {
    const g = p.gridPos ?? { x: 0, y: 0, w: GRID_COLUMNS, h: 1 };
    bottom = Math.max(bottom, g.y + g.h);
    if (p.type === 'row') boxes.push(rowSvg(p as GrafanaRowPanel, cw, rh));
    else boxes.push(panelSvg(p as GrafanaPanel, cw, rh));
  }
  const width = GRID_COLUMNS * cw + 2 * PAD;
  const height = HEADER + bottom * rh + 2 * PAD;
  const vars = (dashboard.templating?.list ?? []).map((v) => `$${v.name}`).join(' ');
  const facts = [
    `uid ${dashboard.uid ?? '?'}`,
    dashboard.refresh ? `refresh ${dashboard.refresh}` : 'no auto-refresh',
    dashboard.time ? `${dashboard.time.from} → ${dashboard.time.to}` : '',
    vars ? `variables ${vars}` : '',
  ]
    .filter(Boolean)
    .join('  ·  ');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Inter, Helvetica, Arial, sans-serif">`,
    `<title>${esc(dashboard.title ?? '')}</title>`,
    `<rect width="${width}" height="${height}" fill="${BG}"/>`,
    `<text x="${PAD}" y="${PAD + 20}" font-size="20" font-weight="600" fill="${TEXT}">${esc(dashboard.title ?? '')}</text>`,
    `<text x="${PAD}" y="${PAD + 42}" font-size="12" fill="${MUTED}">${esc(fit(facts, width - 2 * PAD, 12))}</text>`,
    `<g transform="translate(${PAD} ${PAD + HEADER})">`,
    ...boxes,
    '</g>',
    '</svg>',
    '',
  ].join('\n');
}

function rowSvg(row: GrafanaRowPanel, cw: number, rh: number): string {
  const g = row.gridPos ?? { x: 0, y: 0, w: GRID_COLUMNS, h: 1 };
  const x = g.x * cw;
  const y = g.y * rh;
  const marker = row.collapsed ? '▸' : '▾';
  const hidden = row.collapsed ? `  (${row.panels.length} panel${row.panels.length === 1 ? '' : 's'}, collapsed)` : '';
  return [
    `<g class="row" data-id="${row.id}">`,
    `<line x1="${x}" y1="${y + rh - 2}" x2="${x + g.w * cw}" y2="${y + rh - 2}" stroke="${BORDER}"/>`,
    `<text x="${x + 4}" y="${y + rh / 2 + 6}" font-size="15" font-weight="600" fill="${TEXT}">${esc(`${marker} ${row.title ?? ''}${hidden}`)}</text>`,
    '</g>',
  ].join('\n');
}

function panelSvg(p: GrafanaPanel, cw: number, rh: number): string {
  const g = p.gridPos ?? { x: 0, y: 0, w: 12, h: 8 };
  const x = g.x * cw + GAP / 2;
  const y = g.y * rh + GAP / 2;
  const w = g.w * cw - GAP;
  const h = g.h * rh - GAP;
  const defaults = p.fieldConfig?.defaults ?? {};
  const steps = (defaults.thresholds?.steps ?? []).map((s) => ({ value: s.value, color: cssColor(s.color) }));
  const hasLevels = steps.length > 1;
  const unit = defaults.unit ? ` ${defaults.unit}` : '';
  const queries = (p.targets ?? []).length;
  const subtitle = `${p.type}${unit ? ` ·${unit}` : ''}${queries ? ` · ${queries} quer${queries === 1 ? 'y' : 'ies'}` : ''}${p.links?.length ? ` · ${p.links.length} link${p.links.length === 1 ? '' : 's'}` : ''}`;
  const body = { x: x + 8, y: y + 44, w: w - 16, h: h - 44 - (hasLevels ? 24 : 8) };
  const parts = [
    `<g class="panel" data-id="${p.id ?? ''}" data-type="${esc(p.type)}">`,
    `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="3" fill="${PANEL}" stroke="${BORDER}"/>`,
    `<text x="${x + 8}" y="${y + 18}" font-size="13" font-weight="600" fill="${TEXT}">${esc(fit(p.title ?? '', w - 16, 13))}</text>`,
    `<text x="${x + 8}" y="${y + 34}" font-size="11" fill="${MUTED}">${esc(fit(subtitle, w - 16, 11))}</text>`,
  ];
  if (body.h >= 12 && body.w >= 24) parts.push(sketch(p.type, body, hasLevels ? steps : []));
  if (hasLevels) parts.push(thresholdLegend(steps, { x: x + 8, y: y + h - 18, w: w - 16 }));
  parts.push('</g>');
  return parts.join('\n');
}

/** Swatches for each threshold step: base, then `≥ value` in the step's colour. */
function thresholdLegend(
  steps: Array<{ value: number | null; color: string }>,
  at: { x: number; y: number; w: number },
): string {
  const out: string[] = [];
  let x = at.x;
  for (const s of steps) {
    const label = s.value === null ? 'base' : `≥ ${formatNumber(s.value)}`;
    const width = 14 + label.length * 6.2 + 10;
    if (x + width > at.x + at.w) break;
    out.push(`<rect class="threshold" x="${x}" y="${at.y}" width="10" height="10" rx="2" fill="${s.color}"/>`);
    out.push(`<text x="${x + 14}" y="${at.y + 9}" font-size="10" fill="${s.color}">${esc(label)}</text>`);
    x += width;
  }
  return out.join('\n');
}

/** A small drawing of the visualization kind inside the panel's body. */
function sketch(
  type: string,
  b: { x: number; y: number; w: number; h: number },
  steps: Array<{ value: number | null; color: string }>,
): string {
  const color = steps.length > 0 ? steps[0].color : ACCENT;
  const levelColors = steps.slice(1).map((s) => s.color);
  switch (type) {
    case 'timeseries': {
      const pts = [0.7, 0.55, 0.62, 0.4, 0.48, 0.3, 0.45, 0.35, 0.5, 0.25]
        .map((v, i, a) => `${r(b.x + (i / (a.length - 1)) * b.w)},${r(b.y + v * b.h)}`)
        .join(' ');
      const lines = levelColors.map((c, i) => {
        const ly = r(b.y + b.h * (0.2 + (0.5 * (levelColors.length - 1 - i)) / Math.max(1, levelColors.length)));
        return `<line x1="${b.x}" y1="${ly}" x2="${b.x + b.w}" y2="${ly}" stroke="${c}" stroke-dasharray="6 4"/>`;
      });
      return [...lines, `<polyline points="${pts}" fill="none" stroke="${ACCENT}" stroke-width="2"/>`].join('\n');
    }
    case 'stat': {
      const size = Math.max(12, Math.min(b.h * 0.8, b.w / 3));
      return `<text x="${r(b.x + b.w / 2)}" y="${r(b.y + b.h / 2 + size / 3)}" font-size="${r(size)}" font-weight="600" text-anchor="middle" fill="${color}">42</text>`;
    }
    case 'gauge': {
      const rad = Math.max(6, Math.min(b.w / 2, b.h) * 0.85);
      const cx = b.x + b.w / 2;
      const cy = b.y + b.h * 0.95;
      const arcs = (steps.length > 0 ? steps : [{ value: null, color: ACCENT }]).map((s, i, a) => {
        const t0 = Math.PI * (1 - i / a.length);
        const t1 = Math.PI * (1 - (i + 1) / a.length);
        return `<path d="M ${r(cx + rad * Math.cos(t0))} ${r(cy - rad * Math.sin(t0))} A ${r(rad)} ${r(rad)} 0 0 1 ${r(cx + rad * Math.cos(t1))} ${r(cy - rad * Math.sin(t1))}" fill="none" stroke="${s.color}" stroke-width="${r(Math.max(3, rad / 6))}"/>`;
      });
      return arcs.join('\n');
    }
    case 'bargauge': {
      const n = Math.max(1, Math.min(4, Math.floor(b.h / 16)));
      const bh = (b.h - (n - 1) * 6) / n;
      return Array.from({ length: n }, (_, i) => {
        const fill = [0.85, 0.6, 0.4, 0.25][i];
        const c =
          levelColors.length > 0
            ? fill > 0.7
              ? levelColors[levelColors.length - 1]
              : fill > 0.5
                ? levelColors[0]
                : color
            : ACCENT;
        return `<rect x="${b.x}" y="${r(b.y + i * (bh + 6))}" width="${r(b.w * fill)}" height="${r(bh)}" fill="${c}" opacity="0.85"/>`;
      }).join('\n');
    }
    case 'heatmap': {
      const cols = 12;
      const rows = Math.max(2, Math.min(6, Math.floor(b.h / 14)));
      const cwid = b.w / cols;
      const chei = b.h / rows;
      const cells: string[] = [];
      for (let i = 0; i < cols; i++) {
        for (let j = 0; j < rows; j++) {
          const o = ((i * 7 + j * 13) % 10) / 10;
          cells.push(
            `<rect x="${r(b.x + i * cwid)}" y="${r(b.y + j * chei)}" width="${r(cwid - 1)}" height="${r(chei - 1)}" fill="#FA6400" opacity="${(0.15 + o * 0.8).toFixed(2)}"/>`,
          );
        }
      }
      return cells.join('\n');
    }
    case 'table': {
      const n = Math.max(1, Math.min(6, Math.floor(b.h / 14)));
      return Array.from(
        { length: n },
        (_, i) =>
          `<line x1="${b.x}" y1="${r(b.y + i * 14 + 4)}" x2="${b.x + b.w}" y2="${r(b.y + i * 14 + 4)}" stroke="${i === 0 ? MUTED : BORDER}"/>`,
      ).join('\n');
    }
    case 'text':
      return `<text x="${b.x}" y="${b.y + 12}" font-size="12" fill="${MUTED}">Aa — markdown</text>`;
    default:
      return '';
  }
}

const r = (n: number): number => Math.round(n * 10) / 10;

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(6)));
}

/** Cuts text to about `width` pixels at `size` px, with an ellipsis. */
function fit(text: string, width: number, size: number): string {
  const max = Math.max(1, Math.floor(width / (size * 0.58)));
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
