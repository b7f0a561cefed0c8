/**
 * Summaries of Node's --cpu-prof and --heap-prof files for the benchmark's profile table: self time by
 * package (node_modules package, src/ or lib/ folder — in the bundled CLI, the module the code came from — or
 * Node internal) and sampled heap by package.
 */
import * as fs from 'fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

/**
 * A bundle's modules by first line: esbuild starts each module's code with a `// src/...` or
 * `// node_modules/...` comment, so a frame in the bundle is attributed to the module it came from.
 */
const bundleModules = new Map<string, Array<{ line: number; module: string }>>();
function bundleModuleAt(url: string, line: number): string | undefined {
  let modules = bundleModules.get(url);
  if (!modules) {
    modules = [];
    try {
      const text = fs.readFileSync(url.startsWith('file://') ? new URL(url) : url, 'utf8');
      text.split('\n').forEach((l, i) => {
        const m = /^\/\/ ((?:src|node_modules)\/\S+)$/.exec(l);
        if (m) modules?.push({ line: i, module: m[1] });
      });
    } catch {
      // unreadable (removed): attributed to the bundle as a whole
    }
    bundleModules.set(url, modules);
  }
  let found: string | undefined;
  for (const m of modules) {
    if (m.line > line) break;
    found = m.module;
  }
  return found;
}

/** Where a frame's code lives: a dependency, a folder of ours, or Node/V8. */
export function owner(frame: CallFrame): string {
  let url = frame.url;
  if (/\/lib\/bundle\//.test(url)) url = `/${bundleModuleAt(url, frame.lineNumber) ?? 'lib/bundle/'}`;
  const dep = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dep) return dep[1];
  const ours = /\/(?:src|lib)\/([^/]+)(?:\/|\.)/.exec(url);
  if (ours) return ours[1] === 'bundle' ? 'watchkeeper (bundle, module unknown)' : `src/${ours[1]}`;
  if (url.startsWith('node:')) return /loader|modules/.test(url) ? 'node: module loading' : 'node: other';
  if (!url)
    return frame.functionName === '(garbage collector)'
      ? 'GC'
      : frame.functionName === '(program)' || frame.functionName === '(idle)'
        ? 'V8/idle'
        : `native ${frame.functionName}`;
  return url.replace(/^.*\//, '');
}

export interface Share {
  readonly name: string;
  readonly ms: number;
  readonly share: number;
}

/** Self time by owner, largest first. */
export function cpuByOwner(file: string): { totalMs: number; top: Share[] } {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    nodes: Array<{ id: number; callFrame: CallFrame }>;
    samples: number[];
    timeDeltas: number[];
  };
  const frames = new Map(p.nodes.map((n) => [n.id, n.callFrame]));
  const byOwner = new Map<string, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    total += dt;
    const k = owner(frames.get(id) as CallFrame);
    byOwner.set(k, (byOwner.get(k) ?? 0) + dt);
  });
  const top = [...byOwner]
    .sort((a, b) => b[1] - a[1])
    .map(([name, us]) => ({ name, ms: us / 1000, share: us / total }));
  return { totalMs: total / 1000, top };
}

interface HeapNode {
  callFrame: CallFrame;
  selfSize: number;
  children: HeapNode[];
}

/** Sampled heap (bytes) by owner, largest first. */
export function heapByOwner(file: string): {
  totalMB: number;
  top: Array<{ name: string; mb: number; share: number }>;
} {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as { head: HeapNode };
  const byOwner = new Map<string, number>();
  let total = 0;
  const walk = (n: HeapNode): void => {
    total += n.selfSize;
    const k = owner(n.callFrame);
    byOwner.set(k, (byOwner.get(k) ?? 0) + n.selfSize);
    n.children.forEach(walk);
  };
  walk(p.head);
  const top = [...byOwner]
    .sort((a, b) => b[1] - a[1])
    .map(([name, bytes]) => ({ name, mb: bytes / 1024 / 1024, share: bytes / total }));
  return { totalMB: total / 1024 / 1024, top };
}
