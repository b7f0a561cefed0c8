/**
 * Automatic layout on Grafana's grid: 24 columns, rows of 30 px. Pure functions, no cdk8s.
 *
 * Panels flow left to right and wrap to the next line when the next one does not fit. Each panel sits as
 * high as the panels above it allow (a skyline), which is also where Grafana's vertical compaction would
 * move it, so the layout written is the layout Grafana shows. A panel with an explicit position keeps it;
 * the others flow around it. Rows start below everything before them; a collapsed row's panels are laid
 * out as they will appear when it is expanded, and take no space while it is collapsed.
 */

/** Grafana's grid width in columns. */
export const GRID_COLUMNS = 24;

/** A rectangle on the grid, in columns (x, w) and rows (y, h). */
export interface GridRect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** A panel to place: its size, or an explicit position (relative to the top of its section). */
export interface LayoutItem {
  readonly w: number;
  readonly h: number;
  /** Explicit position; `y` counts from the first line of the section (the dashboard top or below its row). */
  readonly at?: { readonly x: number; readonly y: number };
}

/** A row: a full-width header and its panels. */
export interface LayoutRow {
  readonly collapsed: boolean;
  readonly items: readonly LayoutItem[];
}

/** What to lay out: panels outside rows (shown first, at the top), then rows in order. */
export interface LayoutInput {
  readonly items: readonly LayoutItem[];
  readonly rows: readonly LayoutRow[];
}

/** Positions, in the order of the input. */
export interface LayoutResult {
  readonly items: GridRect[];
  readonly rows: Array<{ readonly header: GridRect; readonly items: GridRect[] }>;
  /** The first free line below everything visible. */
  readonly bottom: number;
}

/** Whether two rectangles share any cell. */
export function overlaps(a: GridRect, b: GridRect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Lays out a whole dashboard. */
export function layoutDashboard(input: LayoutInput): LayoutResult {
  const top = flowSection(input.items, 0);
  let bottom = top.bottom;
  const rows = input.rows.map((row) => {
    const header: GridRect = { x: 0, y: bottom, w: GRID_COLUMNS, h: 1 };
    const section = flowSection(row.items, bottom + 1);
    bottom = row.collapsed ? bottom + 1 : section.bottom;
    return { header, items: section.rects };
  });
  return { items: top.rects, rows, bottom };
}

/**
 * Places one section's panels from line `top` down: explicit positions first (shifted by `top`), then the
 * others left to right, each as high as the panels already placed allow and never over an explicit one.
 */
export function flowSection(items: readonly LayoutItem[], top: number): { rects: GridRect[]; bottom: number } {
  const fixed: GridRect[] = [];
  const rects: Array<GridRect | undefined> = items.map((it) => {
    if (!it.at) return undefined;
    const r = { x: it.at.x, y: it.at.y + top, w: it.w, h: it.h };
    fixed.push(r);
    return r;
  });
  const skyline = new Array<number>(GRID_COLUMNS).fill(top);
  let x = 0;
  items.forEach((it, i) => {
    if (it.at) return;
    const w = Math.max(1, Math.min(it.w, GRID_COLUMNS));
    if (x + w > GRID_COLUMNS) x = 0;
    let y = Math.max(...skyline.slice(x, x + w));
    for (let hit = findOverlap(fixed, { x, y, w, h: it.h }); hit; hit = findOverlap(fixed, { x, y, w, h: it.h })) {
      y = hit.y + hit.h;
    }
    rects[i] = { x, y, w, h: it.h };
    for (let c = x; c < x + w; c++) skyline[c] = y + it.h;
    x += w;
  });
  const placed = rects as GridRect[];
  const bottom = placed.reduce((b, r) => Math.max(b, r.y + r.h), top);
  return { rects: placed, bottom };
}

function findOverlap(rects: readonly GridRect[], r: GridRect): GridRect | undefined {
  return rects.find((f) => overlaps(f, r));
}

/** Every pair of overlapping rectangles, as index pairs. */
export function findOverlaps(rects: readonly GridRect[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < rects.length; i++) {
    for (let j = i + 1; j < rects.length; j++) if (overlaps(rects[i], rects[j])) out.push([i, j]);
  }
  return out;
}
