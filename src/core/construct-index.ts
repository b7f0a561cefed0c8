import { IConstruct } from 'constructs';

/** A class of constructs, for lookups by type. */
export type ConstructType<T> = abstract new (...args: never[]) => T;

interface Index {
  readonly all: IConstruct[];
  readonly byType: Map<ConstructType<unknown>, unknown[]>;
  readonly memo: WeakMap<IConstruct, Map<string, unknown>>;
}

const active = new WeakMap<IConstruct, Index>();

/**
 * Every construct of a type in the app `scope` belongs to, in tree order. Checks that span the app (unique
 * uids, unique SLOs, ...) ask this once per construct; while the app is synthesizing the tree cannot change,
 * so the walk is done once and shared, which keeps synth linear in the number of constructs.
 */
export function constructsOfType<T>(scope: IConstruct, type: ConstructType<T>): T[] {
  const root = scope.node.root;
  const index = active.get(root);
  if (!index) return root.node.findAll().filter((c): c is T & IConstruct => c instanceof type);
  let list = index.byType.get(type) as T[] | undefined;
  if (!list) {
    list = index.all.filter((c): c is T & IConstruct => c instanceof type);
    index.byType.set(type, list);
  }
  return list;
}

/** Runs `work` with the tree of `root` indexed (see constructsOfType). The tree must not change meanwhile. */
export function withConstructIndex<R>(root: IConstruct, work: () => R): R {
  if (active.has(root)) return work();
  active.set(root, { all: root.node.findAll(), byType: new Map(), memo: new WeakMap() });
  try {
    return work();
  } finally {
    active.delete(root);
  }
}

/**
 * `produce()`, computed once per construct and key while withConstructIndex runs for the construct's root
 * (one synth: nothing changes the app then), and every time outside it.
 */
export function memoDuringSynth<T>(c: IConstruct, key: string, produce: () => T): T {
  const index = active.get(c.node.root);
  if (!index) return produce();
  let memo = index.memo.get(c);
  if (!memo) {
    memo = new Map();
    index.memo.set(c, memo);
  }
  if (memo.has(key)) return memo.get(key) as T;
  const value = produce();
  memo.set(key, value);
  return value;
}
