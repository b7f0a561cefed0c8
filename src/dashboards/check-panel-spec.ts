/**
 * Checks of a PanelSpec that need nothing but the spec: kind, title, sizes, position, unit, numbers.
 * Queries are checked at synthesis, against the app's Prometheus version (check-dashboard.ts).
 */
import { Problem, ProblemList } from '../core';
import { PANEL_KINDS } from './grafana-types';
import { GRID_COLUMNS } from './layout';
import { PanelSpec, specQueries } from './panel';
import { isGrafanaUnit, suggestUnits } from './units';

const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n);

/** Every problem with a panel spec; `where` is the dashboard's construct path. */
export function checkPanelSpec(spec: PanelSpec, where: string): Problem[] {
  const found = new ProblemList(where, `panel "${typeof spec.title === 'string' ? spec.title : '?'}"`);
  if (!PANEL_KINDS.includes(spec.kind))
    found.add('kind', spec.kind, 'unknown panel kind', `use one of ${PANEL_KINDS.join(', ')}`);
  if (typeof spec.title !== 'string' || spec.title.trim() === '')
    found.add('title', spec.title, 'a panel needs a title', 'give it a title');
  for (const [field, v, max] of [
    ['width', spec.width, GRID_COLUMNS],
    ['height', spec.height, 1000],
    ['position.w', spec.position?.w, GRID_COLUMNS],
    ['position.h', spec.position?.h, 1000],
  ] as const) {
    if (v !== undefined && !(isInt(v) && v >= 1 && v <= max))
      found.add(
        field,
        v,
        `must be a whole number from 1 to ${max}`,
        field.endsWith('w') || field === 'width'
          ? `the grid has ${GRID_COLUMNS} columns`
          : 'heights count grid rows of 30 px',
      );
  }
  if (spec.position) {
    const { x, y } = spec.position;
    const w = spec.position.w ?? spec.width;
    if (!(isInt(x) && x >= 0 && x < GRID_COLUMNS))
      found.add(
        'position.x',
        x,
        `must be a whole number from 0 to ${GRID_COLUMNS - 1}`,
        'columns count from 0 at the left',
      );
    if (!(isInt(y) && y >= 0))
      found.add('position.y', y, 'must be a whole number from 0', 'rows count from 0 at the top of the section');
    if (isInt(x) && isInt(w) && x + w > GRID_COLUMNS)
      found.add(
        'position',
        spec.position,
        `reaches column ${x + w}, past the grid's ${GRID_COLUMNS} columns`,
        `make x + w at most ${GRID_COLUMNS}`,
      );
  }
  if (spec.unit !== undefined && !isGrafanaUnit(spec.unit)) {
    found.add(
      'unit',
      spec.unit,
      'is not a Grafana unit id',
      `use one of ${suggestUnits(spec.unit)
        .map((u) => `"${u}"`)
        .join(', ')}, or a custom unit such as "suffix: tasks"`,
    );
  }
  for (const [field, v] of [
    ['decimals', spec.decimals],
    ['min', spec.min],
    ['max', spec.max],
  ] as const) {
    if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v)))
      found.add(field, v, 'must be a finite number', 'write a number');
  }
  if (spec.decimals !== undefined && !(isInt(spec.decimals) && spec.decimals >= 0))
    found.add('decimals', spec.decimals, 'must be a whole number from 0', 'write e.g. 2');
  if (spec.min !== undefined && spec.max !== undefined && !(spec.min < spec.max))
    found.add('min/max', { min: spec.min, max: spec.max }, 'min must be below max', 'swap them or drop one');
  const queries = specQueries(spec);
  if (spec.kind === 'text') {
    if (typeof spec.content !== 'string' || spec.content === '')
      found.add('content', spec.content, 'a text panel needs content', 'give its Markdown as content');
    if (queries.length > 0)
      found.add(
        'queries',
        queries.length,
        'a text panel shows no query results',
        'drop the queries or use another kind',
      );
  } else {
    if (spec.content !== undefined)
      found.add(
        'content',
        spec.content,
        `only text panels have content (this is a ${spec.kind})`,
        'drop content, or use kind "text"',
      );
    if (queries.length === 0) found.add('queries', [], 'the panel has no query', 'give at least one PromQL query');
  }
  queries.forEach((q, i) => {
    if (typeof q.expr !== 'string' || q.expr.trim() === '')
      found.add(`queries[${i}].expr`, q.expr, 'the query is empty', 'write a PromQL expression');
  });
  const refIds = queries.map((q) => q.refId).filter((r): r is string => r !== undefined);
  const dup = refIds.find((r, i) => refIds.indexOf(r) !== i);
  if (dup)
    found.add('queries', dup, `refId "${dup}" is used twice`, 'give every query its own refId, or leave refIds out');
  return found.problems;
}
