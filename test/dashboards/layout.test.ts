import fc from 'fast-check';
import { GRID_COLUMNS, GridRect, findOverlaps, flowSection, layoutDashboard, overlaps } from '../../src/dashboards';

const at = (x: number, y: number, w: number, h: number): GridRect => ({ x, y, w, h });

describe('flowSection', () => {
  it('places panels left to right, then wraps to the next line', () => {
    const { rects, bottom } = flowSection(
      [
        { w: 12, h: 8 },
        { w: 12, h: 8 },
        { w: 12, h: 8 },
      ],
      0,
    );
    expect(rects).toEqual([at(0, 0, 12, 8), at(12, 0, 12, 8), at(0, 8, 12, 8)]);
    expect(bottom).toBe(16);
  });

  it('fits small panels beside each other and stacks each as high as the panels above allow', () => {
    const { rects } = flowSection(
      [
        { w: 6, h: 4 },
        { w: 12, h: 8 },
        { w: 6, h: 4 },
        { w: 12, h: 8 },
      ],
      0,
    );
    // The fourth cannot go beside the third (6 + 12 + 6 = 24): it wraps and rests on the first and second.
    expect(rects).toEqual([at(0, 0, 6, 4), at(6, 0, 12, 8), at(18, 0, 6, 4), at(0, 8, 12, 8)]);
  });

  it('puts a panel in the gap under shorter ones, where Grafana would compact it', () => {
    const { rects } = flowSection(
      [
        { w: 12, h: 8 },
        { w: 6, h: 4 },
        { w: 6, h: 4 },
        { w: 6, h: 4 },
        { w: 6, h: 4 },
        { w: 12, h: 4 },
      ],
      0,
    );
    expect(rects.slice(3)).toEqual([at(0, 8, 6, 4), at(6, 8, 6, 4), at(12, 4, 12, 4)]);
  });

  it('keeps explicit positions and flows the others around them', () => {
    const { rects } = flowSection(
      [
        { w: 12, h: 8 },
        { w: 12, h: 4, at: { x: 12, y: 0 } },
        { w: 12, h: 8 },
      ],
      0,
    );
    expect(rects[1]).toEqual(at(12, 0, 12, 4));
    expect(rects[0]).toEqual(at(0, 0, 12, 8));
    // Beside the first panel, but below the explicit one.
    expect(rects[2]).toEqual(at(12, 4, 12, 8));
    expect(findOverlaps(rects)).toEqual([]);
  });

  it('shifts explicit positions by the section top', () => {
    expect(flowSection([{ w: 6, h: 4, at: { x: 3, y: 2 } }], 10).rects).toEqual([at(3, 12, 6, 4)]);
  });

  it('clamps an over-wide automatic panel to the grid', () => {
    expect(flowSection([{ w: 30, h: 2 }], 0).rects).toEqual([at(0, 0, GRID_COLUMNS, 2)]);
  });
});

describe('layoutDashboard', () => {
  it('puts panels outside rows at the top, then each row below everything before it', () => {
    const l = layoutDashboard({
      items: [{ w: 24, h: 3 }],
      rows: [
        {
          collapsed: false,
          items: [
            { w: 12, h: 8 },
            { w: 12, h: 8 },
          ],
        },
        { collapsed: false, items: [{ w: 6, h: 4 }] },
      ],
    });
    expect(l.items).toEqual([at(0, 0, 24, 3)]);
    expect(l.rows[0].header).toEqual(at(0, 3, 24, 1));
    expect(l.rows[0].items).toEqual([at(0, 4, 12, 8), at(12, 4, 12, 8)]);
    expect(l.rows[1].header).toEqual(at(0, 12, 24, 1));
    expect(l.rows[1].items).toEqual([at(0, 13, 6, 4)]);
    expect(l.bottom).toBe(17);
  });

  it("lays out a collapsed row's panels below its header, and the next row right after the header", () => {
    const l = layoutDashboard({
      items: [],
      rows: [
        { collapsed: true, items: [{ w: 12, h: 8 }] },
        { collapsed: false, items: [{ w: 12, h: 8 }] },
      ],
    });
    expect(l.rows[0].header).toEqual(at(0, 0, 24, 1));
    expect(l.rows[0].items).toEqual([at(0, 1, 12, 8)]);
    expect(l.rows[1].header).toEqual(at(0, 1, 24, 1));
    expect(l.rows[1].items).toEqual([at(0, 2, 12, 8)]);
  });

  it('never overlaps, stays inside the grid and places every panel (property)', () => {
    const item = fc.record({ w: fc.integer({ min: 1, max: 24 }), h: fc.integer({ min: 1, max: 12 }) });
    const fixed = fc.record({
      w: fc.integer({ min: 1, max: 12 }),
      h: fc.integer({ min: 1, max: 6 }),
      x: fc.integer({ min: 0, max: 12 }),
      y: fc.integer({ min: 0, max: 20 }),
    });
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 30 }),
        fc.array(fixed, { maxLength: 3 }),
        fc.array(fc.array(item, { maxLength: 8 }), { maxLength: 4 }),
        (items, fixeds, rows) => {
          // Explicit panels that do not overlap each other (the construct reports overlapping explicit ones).
          const chosen: GridRect[] = [];
          for (const f of fixeds) if (!chosen.some((c) => overlaps(c, f))) chosen.push(f);
          const all = [...items, ...chosen.map((f) => ({ w: f.w, h: f.h, at: { x: f.x, y: f.y } }))];
          const l = layoutDashboard({ items: all, rows: rows.map((r) => ({ collapsed: false, items: r })) });
          const visible = [...l.items, ...l.rows.flatMap((r) => [r.header, ...r.items])];
          expect(visible).toHaveLength(all.length + rows.length + rows.reduce((n, r) => n + r.length, 0));
          expect(findOverlaps(visible)).toEqual([]);
          for (const r of visible) {
            expect(r.x).toBeGreaterThanOrEqual(0);
            expect(r.x + r.w).toBeLessThanOrEqual(GRID_COLUMNS);
            expect(r.y).toBeGreaterThanOrEqual(0);
          }
          chosen.forEach((f, i) => expect(l.items[items.length + i]).toEqual(f));
        },
      ),
      { numRuns: 300, seed: 4 },
    );
  });

  it('is a pure function: the same input gives the same layout', () => {
    const input = {
      items: [
        { w: 7, h: 3 },
        { w: 9, h: 5 },
        { w: 13, h: 2 },
      ],
      rows: [{ collapsed: true, items: [{ w: 24, h: 1 }] }],
    };
    expect(layoutDashboard(input)).toEqual(layoutDashboard(input));
  });
});
