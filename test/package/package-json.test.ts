/**
 * What a user's install gets (the whole install is exercised by scripts/ci/adoption-smoke.sh in CI): peers for
 * the construct libraries, no install scripts, docs in the package, README links that resolve inside it.
 */
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
  files: string[];
};

describe('package.json', () => {
  it("takes cdk8s and constructs as peer dependencies (one copy: the repository's), with dev copies for this repo", () => {
    expect(pkg.peerDependencies).toEqual({ cdk8s: '^2.68.0', constructs: '^10.3.0' });
    for (const name of ['cdk8s', 'constructs', 'cdk8s-plus-28']) expect(pkg.dependencies[name]).toBeUndefined();
    expect(Object.keys(pkg.devDependencies)).toEqual(expect.arrayContaining(['cdk8s', 'constructs']));
  });

  it('runs no script when installed (npm 11 warns about install scripts); builds when packed', () => {
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts[hook]).toBeUndefined();
    expect(pkg.scripts.prepack).toBeDefined();
  });

  it('ships the docs every README link points to', () => {
    expect(pkg.files).toEqual(expect.arrayContaining(['lib', 'bin', 'docs', 'README.md']));
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\(((?:docs|examples)\/[^)#\s]+)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(1);
    for (const link of links) {
      expect({ link, exists: fs.existsSync(path.join(root, link)) }).toEqual({ link, exists: true });
      expect({ link, shipped: pkg.files.some((f) => link === f || link.startsWith(`${f}/`)) }).toEqual({
        link,
        shipped: true,
      });
    }
  });
});
