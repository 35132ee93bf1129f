// Everything the client-pools plans ask about one per-invocation function, kept per FileAnalysis:
// the SDK, database and shared-client plans (rule and transform) ask the same questions about the
// same functions (declarations, calls, process.env writes, the request-taint fixpoint; references
// to a name come from the node index: scope.ts referencesInside). Each answer is read from the
// node index when first asked; only the request taint walks the function.
// Memos live on the FileAnalysis: the transform plans on the recast tree before changing it, and
// every change gets a fresh analysis.
import type { CallExpression, Identifier, NewExpression, Node } from '@babel/types';
import { isFunction, type FunctionNode } from '../analysis/ast';
import type { FileAnalysis } from '../analysis/file-analysis';
import { memoOn } from '../analysis/memo';
import { isInside, sortInTreeOrder, VISITOR_KEYS } from '../analysis/walk';
import { writesClientGlobalsAt } from './client-globals';
import { isReference, patternNames } from './scope';

export interface FunctionFacts {
  /** how often each name is declared inside the function (as scope.ts declarationCounts(fn) counts) */
  declarations: Map<string, number>;
  /** the declared names as a set (read-only: shared by every caller) */
  localNames: Set<string>;
  /** calls and `new` expressions inside the body, in source order */
  calls: Array<CallExpression | NewExpression>;
  /** some node of the function writes process.env or the SDK's global config (see client-globals.ts) */
  writesClientGlobals: boolean;
  /**
   * Names carrying request data: the parameters of the function and of functions nested in it
   * (callbacks over records), and every name declared or assigned in the body from a tainted one,
   * to a fixpoint. Computed on first use.
   */
  readonly requestTaint: Set<string>;
}

/** Data flow inside the body: names read by `source` taint the names `target` declares or assigns. */
interface Flow {
  reads: Set<string>;
  target: Node | null | undefined;
}

const FACTS = {};

export function functionFacts(analysis: FileAnalysis, fn: FunctionNode): FunctionFacts {
  const all = memoOn(analysis, FACTS, () => new Map<Node, FunctionFacts>());
  let facts = all.get(fn);
  if (!facts) all.set(fn, (facts = new IndexedFacts(analysis, fn)));
  return facts;
}

// What a walk of the function would declare, call and write, read from the node index: the
// function's nodes of the few types that matter, instead of every node of it.
const DECLARING_TYPES = [
  'VariableDeclarator', 'ClassDeclaration', 'CatchClause',
  'FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod',
] as const;
// writesClientGlobalsAt is false for every other node type
const GLOBAL_WRITE_TYPES = ['AssignmentExpression', 'UnaryExpression', 'CallExpression'] as const;

/** How often each name is declared inside `fn` (itself included, but not its own name). */
function declarationsIn(analysis: FileAnalysis, fn: FunctionNode): Map<string, number> {
  const counts = new Map<string, number>();
  const declare = (pattern: Node | null | undefined) => {
    for (const id of patternNames(pattern)) counts.set(id.name, (counts.get(id.name) ?? 0) + 1);
  };
  for (const type of DECLARING_TYPES) {
    for (const node of analysis.index.ofType(type) as Node[]) {
      if (!isInside(analysis.index, node, fn)) continue;
      if (node.type === 'VariableDeclarator') declare(node.id);
      else if (node.type === 'ClassDeclaration') declare(node.id);
      else if (node.type === 'CatchClause') declare(node.param);
      else if (isFunction(node)) {
        for (const p of node.params) declare(p);
        if ((node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression') && node !== fn) declare(node.id);
      }
    }
  }
  return counts;
}

/** Calls and `new`s inside the body of `fn`, in the order a walk meets them. */
function callsIn(analysis: FileAnalysis, fn: FunctionNode): Array<CallExpression | NewExpression> {
  const out: Array<CallExpression | NewExpression> = [];
  for (const type of ['CallExpression', 'NewExpression'] as const) {
    for (const node of analysis.index.ofType(type)) if (isInside(analysis.index, node, fn.body)) out.push(node);
  }
  return sortInTreeOrder(out, analysis.index);
}

function writesClientGlobalsIn(analysis: FileAnalysis, fn: FunctionNode): boolean {
  for (const type of GLOBAL_WRITE_TYPES) {
    for (const node of analysis.index.ofType(type) as Node[]) if (writesClientGlobalsAt(node) && isInside(analysis.index, node, fn)) return true;
  }
  return false;
}

// A class, not an object literal with getters: V8 keeps a literal's getter closure in its hidden
// class (old space), which would keep every file's tree alive across young-generation GCs.
// Each fact is computed when first asked: the SDK plan never needs the calls, most sites never
// need the request taint.
class IndexedFacts implements FunctionFacts {
  private counts?: Map<string, number>;
  private names?: Set<string>;
  private callList?: Array<CallExpression | NewExpression>;
  private globals?: boolean;
  private taint?: Set<string>;

  constructor(
    private readonly analysis: FileAnalysis,
    private readonly fn: FunctionNode,
  ) {}

  get declarations(): Map<string, number> {
    return (this.counts ??= declarationsIn(this.analysis, this.fn));
  }

  get localNames(): Set<string> {
    return (this.names ??= new Set(this.declarations.keys()));
  }

  get calls(): Array<CallExpression | NewExpression> {
    return (this.callList ??= callsIn(this.analysis, this.fn));
  }

  get writesClientGlobals(): boolean {
    return (this.globals ??= writesClientGlobalsIn(this.analysis, this.fn));
  }

  get requestTaint(): Set<string> {
    return (this.taint ??= requestTaint(this.fn));
  }
}

/**
 * Depth-first walk of `fn` (itself included) with parents, telling whether a node is inside the
 * function's own body (its parameters, name and types are not). `exit`, when given, runs after a
 * node's children.
 */
function walkFunction(
  fn: FunctionNode,
  enter: (node: Node, parent: Node | undefined, inBody: boolean) => void,
  exit?: (node: Node) => void,
): void {
  const walk = (node: Node, parent: Node | undefined, inBody: boolean): void => {
    enter(node, parent, inBody);
    const keys = VISITOR_KEYS[node.type];
    if (keys) {
      for (const key of keys) {
        const child = (node as unknown as Record<string, unknown>)[key];
        // only the root's own `body` is "the body"; everything below it inherits
        const childInBody = inBody || (node === fn && key === 'body');
        if (Array.isArray(child)) {
          for (const c of child) if (c && typeof (c as Node).type === 'string') walk(c as Node, node, childInBody);
        } else if (child && typeof (child as Node).type === 'string') walk(child as Node, node, childInBody);
      }
    }
    exit?.(node);
  };
  walk(fn, undefined, false);
}

function requestTaint(fn: FunctionNode): Set<string> {
  const params: Identifier[] = [];
  const flows: Flow[] = [];
  // flows whose source expression is being walked: every reference read there feeds them
  const open: Flow[] = [];
  const sourceOf = new Map<Node, Flow>();
  const flow = (source: Node | null | undefined, target: Node | null | undefined) => {
    const f: Flow = { reads: new Set(), target };
    flows.push(f);
    if (source) sourceOf.set(source, f);
  };
  walkFunction(
    fn,
    (node, parent, inBody) => {
      const opened = sourceOf.get(node);
      if (opened) open.push(opened);
      if (isFunction(node)) for (const p of node.params) params.push(...patternNames(p));
      // a source's own root has a declarator, assignment or loop as parent: a reference there too
      if (node.type === 'Identifier' && open.length && isReference(node, parent)) for (const f of open) f.reads.add(node.name);
      if (!inBody) return;
      if (node.type === 'VariableDeclarator') flow(node.init, node.id);
      else if (node.type === 'AssignmentExpression') flow(node.right, node.left);
      else if (node.type === 'ForOfStatement' || node.type === 'ForInStatement') {
        flow(node.right, node.left.type === 'VariableDeclaration' ? node.left.declarations[0]?.id : node.left);
      }
    },
    (node) => {
      if (open.length && open[open.length - 1] === sourceOf.get(node)) open.pop();
    },
  );
  return taintFixpoint(params, flows);
}

/**
 * The request-tainted names: every parameter of the function and of functions nested in it, and
 * every name declared or assigned from a tainted one, to a fixpoint (the least one, so the order
 * flows are applied in does not matter).
 */
function taintFixpoint(params: Identifier[], flows: Flow[]): Set<string> {
  const tainted = new Set(params.map((p) => p.name));
  let pending = flows.filter((f) => f.reads.size > 0);
  for (let changed = true; changed; ) {
    changed = false;
    // a flow taints its targets once: keep only the ones that have not fired yet
    const rest: Flow[] = [];
    for (const f of pending) {
      if (!readsAny(f.reads, tainted)) {
        rest.push(f);
        continue;
      }
      for (const id of patternNames(f.target)) {
        if (!tainted.has(id.name)) {
          tainted.add(id.name);
          changed = true;
        }
      }
    }
    pending = rest;
  }
  return tainted;
}

function readsAny(reads: Set<string>, tainted: Set<string>): boolean {
  for (const name of reads) if (tainted.has(name)) return true;
  return false;
}
