/**
 * `promql/regexp`: regex matchers that are literals (`job=~"api"` is `job="api"`), carry anchors Prometheus
 * adds anyway (`=~"^api$"`), or match everything (`=~".*"`, a no-op) or nothing (`!~".*"`).
 */
import { walk } from '../promql/ast';
import { atExpr, emit, type AnalyzedRule, type CheckContext } from './context';

const META = /[.+*?()|[\]{}^$\\]/;
const MATCH_ALL = new Set(['.*', '^.*$', '(.*)', '.*?', '(?s:.*)', '(?s).*']);

/** Checks every regex matcher of the expression. */
export function checkRegexp(ctx: CheckContext, { ast }: AnalyzedRule): void {
  if (!ast) return;
  walk(ast, (e) => {
    if (e.kind !== 'vector') return;
    for (const m of e.matchers) {
      if (m.op !== '=~' && m.op !== '!~') continue;
      const at = atExpr(m.from);
      const plain = m.op === '=~' ? '=' : '!=';
      const label = m.name;
      if (MATCH_ALL.has(m.value)) {
        if (m.op === '=~') {
          emit(
            ctx,
            'promql/regexp',
            at,
            `${label}=~"${m.value}" matches every series, with or without the label: it does nothing`,
            { fix: 'remove the matcher (use !="" to require the label)', tier: 'recommended' },
          );
        } else {
          emit(ctx, 'promql/regexp', at, `${label}!~"${m.value}" matches no series: the selector returns nothing`, {
            fix: `use ${label}="" to select series without the label`,
          });
        }
        continue;
      }
      if (!META.test(m.value)) {
        emit(ctx, 'promql/regexp', at, `${label}${m.op}"${m.value}" is a regex without special characters`, {
          fix: `use ${label}${plain}"${m.value}", which is clearer and faster`,
          tier: 'recommended',
        });
        continue;
      }
      if (m.value.startsWith('^') || (m.value.endsWith('$') && !m.value.endsWith('\\$'))) {
        emit(
          ctx,
          'promql/regexp',
          at,
          `${label}${m.op}"${m.value}": Prometheus anchors regexes at both ends, so ^ and $ are redundant`,
          {
            fix: `write ${label}${m.op}"${m.value.replace(/^\^/, '').replace(/(?<!\\)\$$/, '')}"`,
            tier: 'recommended',
          },
        );
      }
    }
  });
}
