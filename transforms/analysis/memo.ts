// Per-file memos kept on the file's own objects (its AST, its FileAnalysis), so they die with
// them. A module-level WeakMap keyed by a file's objects is an old-space table holding young
// values: V8's young-generation GC then keeps every file's tree alive until a full GC.
const MEMOS = Symbol('lmi-migrate.memos');

type WithMemos = { [MEMOS]?: Map<object, unknown> };

/** `compute()` once per (`owner`, `key`): the value is stored on `owner`, not in a global table. */
export function memoOn<T>(owner: object, key: object, compute: () => T): T {
  const holder = owner as WithMemos;
  let memos = holder[MEMOS];
  if (!memos) {
    memos = new Map();
    // not enumerable: tree walkers, recast and JSON never see it
    Object.defineProperty(holder, MEMOS, { value: memos, enumerable: false });
  }
  if (memos.has(key)) return memos.get(key) as T;
  const value = compute();
  memos.set(key, value);
  return value;
}
