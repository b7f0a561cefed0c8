import { itWithShared, seed } from '../support/shared';
import { githubAnchors } from './example-support';

describe('githubAnchors (the runbook_url anchors the example tests check)', () => {
  // Seed 004's contents list two chapters the guide never wrote; every other link resolves.
  itWithShared.each([
    ['000', []],
    ['001', []],
    ['002', []],
    ['004', ['database-problems', 'network-and-connectivity']],
  ])('resolves the table-of-contents links of seed %s (dangling: %j)', (s, dangling) => {
    const text = seed(s as string);
    const links = [...text.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(4);
    const anchors = githubAnchors(text);
    expect(links.filter((l) => !anchors.has(l))).toEqual(dangling);
  });

  it('follows GitHub: punctuation dropped, each space a hyphen, `_` kept, repeats numbered, code blocks skipped', () => {
    const md =
      '# Issue: A / B (500/503)\n## WS_OVERLOAD: X\n### Symptoms\n```bash\n# not a heading\n```\n### Symptoms\n';
    expect([...githubAnchors(md)]).toEqual(['issue-a--b-500503', 'ws_overload-x', 'symptoms', 'symptoms-1']);
  });
});
