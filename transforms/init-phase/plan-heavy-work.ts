// heavy-work-in-handler: which `const` statements of a handler move to init, and what is reported.
// Shared by the rule (raw AST) and the transform (recast AST), so "fixable" means "rewritten".
import { memoOn } from '../analysis/memo';
import type { BlockStatement, Node, Statement, VariableDeclaration } from '@babel/types';
import { appConfigFetches } from './appconfig';
import type { FileAnalysis } from '../analysis/file-analysis';
import type { HandlerInfo } from '../analysis/handlers';
import { namesInUse } from '../analysis/names-in-use';
import type { HeavyKind } from './heavy-calls';
import { hasHeavyInside, heavyNodes } from './heavy-nodes';
import { factsOf, type ModuleFacts } from './module-facts';
import { checkMovable } from './movable';
import { usesAreReadOnly } from './read-only-uses';
import { freeReferences, functionNames, patternNames, visitValues } from './scope';
import { initForm, type InitForm } from './init-form';
import { describeHeavy, type PlanReport } from './reports';
import { reportUnmoved } from './report-unmoved';
import { heavyInHelpers, secretsKeptAcrossRequests, SECRET_TOKEN } from './heavy-outside-handlers';

export interface HeavyMove {
  handler: HandlerInfo;
  body: BlockStatement;
  /** top-level `const` statements of the handler body that move to init, in source order */
  statements: VariableDeclaration[];
  /** names the moved statements bind */
  names: string[];
  /** index in program.body before which top-level code goes */
  insertAt: number;
}

export interface HeavyPlan {
  moves: HeavyMove[];
  /** how moved code that awaits reaches the handler; 'top-level' also covers code with no await */
  form: InitForm;
  reports: PlanReport[];
}

interface Candidate {
  stmt: VariableDeclaration;
  names: string[];
  heavy: Array<{ node: Node; kind: HeavyKind }>;
  awaits: boolean;
  uses: Set<string>;
}

// One plan per analysis: the rule of heavy-work-in-handler and blocking-sync-io both need it
const HEAVY_PLAN = {};

export function planHeavyWork(analysis: FileAnalysis): HeavyPlan {
  return memoOn(analysis, HEAVY_PLAN, () => computeHeavyPlan(analysis));
}

function computeHeavyPlan(analysis: FileAnalysis): HeavyPlan {
  // without a handler, only a secret kept at init can be reported, and every secret call spells this
  if (analysis.handlers.length === 0 && !analysis.source.includes(SECRET_TOKEN)) return { moves: [], form: 'top-level', reports: [] };
  // every move and every other finding starts at a heavy call: most files have none
  if (heavyNodes(analysis).size === 0) return { moves: [], form: 'top-level', reports: byStart(appConfigFetches(analysis)) };
  const facts = factsOf(analysis);
  const moves: HeavyMove[] = [];
  const reports: PlanReport[] = [];
  for (const handler of analysis.handlers) {
    const move = planHandler(analysis, facts, handler);
    if (move) moves.push(move);
    reportUnmoved(analysis, facts, handler, new Set<Node>(move?.statements ?? []), reports);
  }
  const awaits = moves.some((m) => m.statements.some(containsAwait));
  let form = initForm(analysis, awaits);
  // the ready promise is awaited in the handler: only async handlers can; one name set per file
  if (form === 'ready') {
    const seen = new Set<string>();
    for (const m of [...moves]) {
      const clash = m.names.some((n) => seen.has(n));
      if (!m.handler.fn.async || clash) {
        moves.splice(moves.indexOf(m), 1);
        for (const stmt of m.statements) {
          const heavy = firstHeavy(stmt, heavyNodes(analysis));
          if (heavy) reports.push({ ...describeHeavy(heavy.kind, false, 'unproven', form), node: heavy.node });
        }
      }
      for (const n of m.names) seen.add(n);
    }
  } else {
    form = 'top-level';
  }
  for (const m of moves) {
    for (const stmt of m.statements) {
      const heavy = firstHeavy(stmt, heavyNodes(analysis));
      if (heavy) reports.push({ ...describeHeavy(heavy.kind, true, undefined, form), node: heavy.node });
    }
  }
  reports.push(...secretsKeptAcrossRequests(analysis), ...heavyInHelpers(analysis), ...appConfigFetches(analysis));
  return { moves, form, reports: byStart(reports) };
}

function byStart(reports: PlanReport[]): PlanReport[] {
  return reports.sort((a, b) => (a.node.start ?? 0) - (b.node.start ?? 0));
}

function planHandler(analysis: FileAnalysis, facts: ModuleFacts, handler: HandlerInfo): HeavyMove | null {
  const fn = handler.fn;
  if (fn.body.type !== 'BlockStatement') return null;
  // only top-level `const` statements move
  if (!fn.body.body.some((stmt) => stmt.type === 'VariableDeclaration' && stmt.kind === 'const')) return null;
  // only heavy statements and what they need move: without a heavy call in the body nothing does
  if (!hasHeavyInside(analysis, fn.body)) return null;
  const { declared: locals, counts } = functionNames(analysis, fn);
  const kinds = heavyNodes(analysis);
  const hoisted = new Set<string>();
  let candidates: Candidate[] = [];
  for (const stmt of fn.body.body) {
    if (stmt.type !== 'VariableDeclaration' || stmt.kind !== 'const') continue;
    // a suppressed statement stays, and so does everything that needs it
    if (analysis.isSuppressed('heavy-work-in-handler', stmt.loc?.start.line ?? 0)) continue;
    const names = stmt.declarations.flatMap((d) => patternNames(d.id));
    if (names.some((n) => (counts.get(n) ?? 0) !== 1)) continue;
    const checks = stmt.declarations.map((d) => (d.init ? checkMovable(d.init, { facts, handlerLocals: locals, hoisted, kinds }) : null));
    if (checks.some((c) => !c || !c.ok)) continue;
    const cand: Candidate = {
      stmt,
      names,
      heavy: checks.flatMap((c) => c!.heavy),
      awaits: checks.some((c) => c!.awaits),
      uses: new Set(checks.flatMap((c) => [...c!.uses])),
    };
    candidates.push(cand);
    for (const n of names) hoisted.add(n);
  }
  // keep the heavy statements and what they need; drop anything whose value the handler changes
  for (;;) {
    const keep = neededForHeavy(candidates);
    const skip = new Set<Node>(keep.map((c) => c.stmt));
    const bad = keep.find((c) => !c.heavy.every((h) => h.kind === 'require' || h.kind === 'import') &&
      (!usesAreReadOnly(fn.body, c.names, skip) || (c.heavy.some((h) => h.kind === 'compile') && errorsReadAcrossAwait(fn, c.names, skip))));
    if (!bad) {
      candidates = keep;
      break;
    }
    candidates = withoutDependents(keep, bad);
  }
  if (candidates.length === 0) return null;
  const names = candidates.flatMap((c) => c.names);
  const taken = namesInUse(analysis.ast.program, fn);
  if (names.some((n) => taken.has(n) || facts.bindings.has(n))) return null;
  return {
    handler,
    body: fn.body,
    statements: candidates.map((c) => c.stmt),
    names,
    insertAt: insertionIndex(analysis, facts, handler, candidates),
  };
}

/**
 * An Ajv validate function keeps the last call's result in `validate.errors`. Shared by
 * concurrent requests, that is only safe when nothing awaits between a call and the read.
 * Conservative: any await in the handler plus any `.errors` read keeps it per request.
 */
function errorsReadAcrossAwait(fn: Node, names: string[], skip: Set<Node>): boolean {
  let awaits = false;
  let reads = false;
  visitValues(fn, (node) => {
    if (node.type === 'AwaitExpression' && ![...skip].some((s) => within(node, s))) awaits = true;
    if (node.type === 'MemberExpression' && node.object.type === 'Identifier' && names.includes(node.object.name) &&
      node.property.type === 'Identifier' && node.property.name === 'errors') reads = true;
  });
  return awaits && reads;
}

function within(node: Node, outer: Node): boolean {
  return (node.start ?? -1) >= (outer.start ?? 0) && (node.end ?? -1) <= (outer.end ?? 0);
}

/** Heavy candidates plus the candidates they read, transitively. */
function neededForHeavy(cands: Candidate[]): Candidate[] {
  const byName = new Map<string, Candidate>();
  for (const c of cands) for (const n of c.names) byName.set(n, c);
  const keep = new Set<Candidate>();
  const add = (c: Candidate) => {
    if (keep.has(c)) return;
    keep.add(c);
    for (const u of c.uses) add(byName.get(u)!);
  };
  for (const c of cands) if (c.heavy.length) add(c);
  return cands.filter((c) => keep.has(c));
}

function withoutDependents(cands: Candidate[], bad: Candidate): Candidate[] {
  const dropped = new Set(bad.names);
  const out: Candidate[] = [];
  for (const c of cands) {
    if (c === bad || [...c.uses].some((u) => dropped.has(u))) for (const n of c.names) dropped.add(n);
    else out.push(c);
  }
  return out;
}

/** Before the handler's top-level statement, but after every module binding the moved code reads. */
function insertionIndex(analysis: FileAnalysis, facts: ModuleFacts, handler: HandlerInfo, cands: Candidate[]): number {
  let at = topLevelIndex(analysis, handler.fn);
  for (const c of cands) {
    for (const ref of freeReferences(c.stmt)) {
      const b = facts.bindings.get(ref.name);
      if (b && b.index >= at) at = b.index + 1;
    }
  }
  return at;
}

export function topLevelIndex(analysis: FileAnalysis, node: Node): number {
  let cur: Node | undefined = node;
  while (cur) {
    const parent = analysis.index.parent(cur);
    if (parent?.type === 'Program') return parent.body.indexOf(cur as Statement);
    cur = parent;
  }
  return analysis.ast.program.body.length;
}

function containsAwait(stmt: Node): boolean {
  let found = false;
  visitValues(stmt, (n) => {
    if (n.type === 'AwaitExpression') found = true;
  });
  return found;
}

function firstHeavy(stmt: Node, kinds: ReadonlyMap<Node, HeavyKind>): { node: Node; kind: HeavyKind } | null {
  let found: { node: Node; kind: HeavyKind } | null = null;
  visitValues(stmt, (n) => {
    const kind = found ? null : (kinds.get(n) ?? null);
    if (kind) found = { node: n, kind };
  });
  return found;
}


