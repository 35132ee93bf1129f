// Adds an import/require to a recast AST once, in the file's own module style, reusing what the
// file already loads. Transforms call it instead of building import nodes themselves.
//
//   ensureImport({ j, root, style }, { source: 'node:fs/promises', named: ['rm', 'mkdtemp'] })
//     → { rm: 'rm', mkdtemp: 'mkdtemp' }   (or 'rm2' when the file already uses the name `rm`)
//
// - 'node:fs' and 'fs' are the same module; a new builtin import follows the file's habit
//   (prefix if the file uses `node:` anywhere, bare if it only uses bare builtins, else `node:`).
// - An existing `import { a } from 'x'` / `const { a } = require('x')` gets the missing names.
// - A new local never collides with, or shadows, any name the file already declares or uses
//   (`rm` taken → `rm2`). So call it BEFORE inserting code that uses the names, and use the
//   names it returns.
// - New statements go with the module-level imports/requires (those before the first function or
//   class): after the last one, or just before it when a blank line follows it (keeps spacing
//   tidy); with none, at the top of the body, after directives and under the first statement's
//   leading comments (a file header stays first).
import type { Collection, JSCodeshift } from 'jscodeshift';
import type {
  AssignmentExpression,
  ExpressionStatement,
  File as BabelFile,
  ImportDeclaration,
  Node,
  ObjectPattern,
  Program,
  Statement,
  VariableDeclaration,
} from '@babel/types';
import { readImports, programOf, type ExistingImports } from './existing-imports';
import { isNodeBuiltin, prefixHabit, promisesParent, sameModule, spellSpecifier } from './module-specifier';
import { freeName, namesInUse } from './names-in-use';
import type { ModuleStyle } from './module-style';

export interface ImportContext {
  j: JSCodeshift;
  root: Collection;
  style: ModuleStyle;
}

export interface ImportSpec {
  /** e.g. 'node:fs/promises', 'async-mutex' */
  source: string;
  /** named exports wanted: local name = the export name unless taken */
  named?: string[];
  /** local name wanted for the default export */
  default?: string;
  /** local name wanted for the whole module (`import * as x` / `const x = require()`) */
  namespace?: string;
}

/** Requested name (each named export, and the default/namespace local names asked for) → usable local identifier. */
export function ensureImport(ctx: ImportContext, spec: ImportSpec): Record<string, string> {
  const program = programOf(rootNode(ctx.root));
  const existing = readImports(program);
  const result: Record<string, string> = {};
  let taken: Set<string> | undefined;
  const take = (name: string) => freeName(name, (taken ??= namesInUse(program)));

  const missingNamed: Array<{ name: string; local: string }> = [];
  for (const name of unique(spec.named ?? [])) {
    const found = findBinding(existing, spec.source, name);
    if (found) result[name] = found;
    else missingNamed.push({ name, local: (result[name] = take(name)) });
  }

  let newDefault: string | undefined;
  if (spec.default !== undefined) {
    const found = findBinding(existing, spec.source, 'default');
    result[spec.default] = found ?? (newDefault = take(spec.default));
  }
  let newNamespace: string | undefined;
  if (spec.namespace !== undefined) {
    const found = findBinding(existing, spec.source, '*');
    // CommonJS: the default and the whole module are the same `require()` value
    if (!found && newDefault && ctx.style === 'commonjs') result[spec.namespace] = newDefault;
    else result[spec.namespace] = found ?? (newNamespace = take(spec.namespace));
  }

  const toAdd = addToExisting(ctx, existing, spec.source, missingNamed, newDefault);
  const statements = buildStatements(ctx, spellSpecifier(spec.source, prefixHabit(existing.sources)), toAdd.named, toAdd.default, newNamespace);
  if (statements.length) insertAfterImports(program, statements);
  return result;
}

/**
 * Removes the import/require binding of `source` whose imported name is `name` ('default' for a
 * default import, '*' for a namespace import or a whole `require()`) when its local name is no
 * longer referenced anywhere in the file. Drops the statement once it binds nothing.
 * Returns true when something was removed.
 */
export function removeUnusedImport(ctx: ImportContext, source: string, name: string): boolean {
  const program = programOf(rootNode(ctx.root));
  const binding = readImports(program).bindings.find((b) => sameModule(b.source, source) && b.name === name);
  if (!binding) return false;
  if (referenceCount(program, binding.statement, binding.local) > 0) return false;
  const stmt = binding.statement;
  if (stmt.type === 'ImportDeclaration') {
    stmt.specifiers = stmt.specifiers.filter((s) => s.local.name !== binding.local);
    if (stmt.specifiers.length === 0) removeStatement(program, stmt);
    return true;
  }
  if (stmt.type === 'VariableDeclaration') {
    for (const d of stmt.declarations) {
      if (d.id.type === 'Identifier' && d.id.name === binding.local) d.id = null as never;
      else if (d.id.type === 'ObjectPattern') {
        const kept = d.id.properties.filter(
          (p) => !(p.type === 'ObjectProperty' && p.value.type === 'Identifier' && p.value.name === binding.local),
        );
        const oneLine = d.id.loc && d.id.loc.start.line === d.id.loc.end.line;
        // recast prints every rebuilt object pattern over several lines: keep a one-line pattern on one line
        if (kept.length === 0) d.id = null as never;
        else if (oneLine && kept.length < d.id.properties.length) d.id = oneLinePattern(ctx.j, kept.map((p) => ctx.j(p as never).toSource()));
        else d.id.properties = kept;
      }
    }
    stmt.declarations = stmt.declarations.filter((d) => d.id !== null);
    if (stmt.declarations.length === 0) removeStatement(program, stmt);
    return true;
  }
  removeStatement(program, stmt);
  return true;
}

function rootNode(root: Collection): Node {
  return root.get().node as BabelFile;
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}

/** Local name of an existing value binding of `name` from `source` (any spelling of the module). */
function findBinding(existing: ExistingImports, source: string, name: string): string | undefined {
  const same = existing.bindings.filter((b) => sameModule(b.source, source));
  const exact = same.find((b) => b.name === name);
  if (exact) return exact.local;
  // a builtin's default export is the module object itself
  if (isNodeBuiltin(source) && (name === '*' || name === 'default')) {
    const other = same.find((b) => b.name === (name === '*' ? 'default' : '*'));
    if (other) return other.local;
  }
  // CommonJS: `const x = require('x')` is what `import x from 'x'` gives
  if (name === 'default') {
    const whole = same.find((b) => b.name === '*' && b.kind !== 'esm');
    if (whole) return whole.local;
  }
  // `fs/promises` as a whole is also `require('fs').promises` / `import { promises } from 'fs'`
  const parent = name === '*' ? promisesParent(source) : null;
  if (parent) return existing.bindings.find((b) => sameModule(b.source, parent) && b.name === 'promises')?.local;
  return undefined;
}

/** Adds missing names to an existing import/destructuring of the module; returns what is still to add. */
function addToExisting(
  ctx: ImportContext,
  existing: ExistingImports,
  source: string,
  named: Array<{ name: string; local: string }>,
  defaultLocal: string | undefined,
): { named: Array<{ name: string; local: string }>; default: string | undefined } {
  const { j } = ctx;
  const loads = existing.statements.filter((s) => sameModule(s.source, source));
  const esm = loads.map((s) => s.esm).find((d): d is ImportDeclaration => !!d && !d.specifiers.some((s) => s.type === 'ImportNamespaceSpecifier'));
  if (esm) {
    for (const n of named) esm.specifiers.push(j.importSpecifier(j.identifier(n.name), j.identifier(n.local)) as never);
    if (defaultLocal && !esm.specifiers.some((s) => s.type === 'ImportDefaultSpecifier')) {
      esm.specifiers.unshift(j.importDefaultSpecifier(j.identifier(defaultLocal)) as never);
      defaultLocal = undefined;
    }
    return { named: [], default: defaultLocal };
  }
  const pattern = loads.map((s) => s.pattern).find((p): p is ObjectPattern => !!p);
  if (pattern && named.length) {
    const rest = pattern.properties.findIndex((p) => p.type === 'RestElement');
    const at = rest === -1 ? pattern.properties.length : rest;
    if (pattern.loc && pattern.loc.start.line === pattern.loc.end.line) {
      // recast prints every rebuilt object pattern over several lines: keep a one-line pattern on one line
      const texts = pattern.properties.map((p) => j(p as never).toSource());
      texts.splice(at, 0, ...named.map(propertyText));
      const declarator = loads.find((s) => s.pattern === pattern)!.statement as VariableDeclaration;
      const d = declarator.declarations.find((x) => x.id === pattern)!;
      d.id = oneLinePattern(j, texts);
    } else {
      pattern.properties.splice(at, 0, ...(named.map((n) => shorthandProperty(j, n.name, n.local)) as never[]));
    }
    return { named: [], default: defaultLocal };
  }
  return { named, default: defaultLocal };
}

function propertyText(n: { name: string; local: string }): string {
  return n.name === n.local ? n.name : `${n.name}: ${n.local}`;
}

/** `{ a, b: c }` parsed from text, so recast prints it on one line (its builders print it on several). */
function oneLinePattern(j: JSCodeshift, properties: string[]): ObjectPattern {
  const program = j(`({ ${properties.join(', ')} } = 0);`).get().node.program as Program;
  const stmt = program.body[0] as ExpressionStatement;
  return (stmt.expression as AssignmentExpression).left as ObjectPattern;
}

function shorthandProperty(j: JSCodeshift, name: string, local: string) {
  const prop = j.objectProperty(j.identifier(name), j.identifier(local));
  if (name === local) prop.shorthand = true;
  return prop;
}

function buildStatements(
  ctx: ImportContext,
  source: string,
  named: Array<{ name: string; local: string }>,
  defaultLocal: string | undefined,
  namespaceLocal: string | undefined,
): Statement[] {
  const { j } = ctx;
  const out: unknown[] = [];
  if (ctx.style === 'esm') {
    if (defaultLocal || named.length) {
      const specs: unknown[] = [];
      if (defaultLocal) specs.push(j.importDefaultSpecifier(j.identifier(defaultLocal)));
      for (const n of named) specs.push(j.importSpecifier(j.identifier(n.name), j.identifier(n.local)));
      out.push(j.importDeclaration(specs as never, j.stringLiteral(source)));
    }
    if (namespaceLocal) {
      out.push(j.importDeclaration([j.importNamespaceSpecifier(j.identifier(namespaceLocal))], j.stringLiteral(source)));
    }
  } else {
    const req = () => j.callExpression(j.identifier('require'), [j.stringLiteral(source)]);
    for (const local of [defaultLocal, namespaceLocal]) {
      if (local) out.push(j.variableDeclaration('const', [j.variableDeclarator(j.identifier(local), req())]));
    }
    if (named.length) {
      const pattern = oneLinePattern(j, named.map(propertyText));
      out.push(j.variableDeclaration('const', [j.variableDeclarator(pattern as never, req())]));
    }
  }
  return out as Statement[];
}

function isLoadStatement(stmt: Statement, existing: ExistingImports): boolean {
  return stmt.type === 'ImportDeclaration' || existing.bindings.some((b) => b.statement === stmt) ||
    existing.statements.some((s) => s.statement === stmt) ||
    (stmt.type === 'ExpressionStatement' && stmt.expression.type === 'CallExpression' &&
      stmt.expression.callee.type === 'Identifier' && stmt.expression.callee.name === 'require');
}

function isDefinition(stmt: Statement): boolean {
  const s = stmt.type === 'ExportNamedDeclaration' || stmt.type === 'ExportDefaultDeclaration' ? stmt.declaration : stmt;
  return !!s && (s.type === 'FunctionDeclaration' || s.type === 'ClassDeclaration' || s.type === 'TSDeclareFunction');
}

/** With the last import/require before the first function/class; else first in the body, under its header comments. */
function insertAfterImports(program: Program, statements: Statement[]): void {
  reprintableDirectives(program);
  const existing = readImports(program);
  let anchor = -1;
  for (let i = 0; i < program.body.length; i++) {
    const stmt = program.body[i];
    if (isDefinition(stmt)) break;
    if (isLoadStatement(stmt, existing)) anchor = i;
  }
  if (anchor >= 0 && !blankLineAfter(program.body[anchor], program.body[anchor + 1])) {
    program.body.splice(anchor + 1, 0, ...statements);
    return;
  }
  // recast keeps the larger gap on each side of a new statement, so after an import that is
  // followed by a blank line the new one would get blank lines on both sides: go before it instead
  const start = prologueLength(program.body);
  const at = Math.max(anchor, start);
  const before = program.body[at];
  if (before && at === start) moveLeadingComments(before, statements[0]);
  // a file of comments only: recast keeps them on the Program, which it reprints without them
  if (!before) moveAllComments(program, statements[0]);
  program.body.splice(at, 0, ...statements);
}

/** Leading `'use strict';` statements in the body (directives moved there by reprintableDirectives). */
function prologueLength(body: Statement[]): number {
  let n = 0;
  while (n < body.length && body[n].type === 'ExpressionStatement' && (body[n] as { expression: Node }).expression.type === 'StringLiteral') n++;
  return n;
}

function blankLineAfter(stmt: Statement, next: Statement | undefined): boolean {
  if (!next || !stmt.loc || !next.loc) return false;
  const comments = (next as unknown as Commented).comments ?? [];
  const starts = [next.loc.start.line, ...comments.filter((c) => c.leading && c.loc).map((c) => c.loc!.start.line)];
  return Math.min(...starts) - stmt.loc.end.line > 1;
}

/**
 * When the program body is reprinted, recast reuses the original text of a directive
 * (`'use strict';`, semicolon included) and of a hashbang line (newline excluded), then adds its
 * own `;` / nothing: `'use strict';;` and `#!/usr/bin/env node// next line`. Fresh copies of those
 * nodes (same value, same comments) print correctly.
 */
export function reprintableDirectives(program: Program): void {
  if (program.interpreter && program.directives?.length) {
    // recast prints directives before the hashbang (invalid): a string statement at the top of
    // the body is the same directive, printed after it
    const statements = program.directives.map((d) => ({
      type: 'ExpressionStatement',
      expression: { type: 'StringLiteral', value: d.value.value, extra: d.value.extra },
      comments: (d as unknown as Commented).comments,
    })) as unknown as Statement[];
    program.body.unshift(...statements);
    program.directives = [];
  }
  if (program.directives?.length) program.directives = program.directives.map(fresh);
  if (program.interpreter) program.interpreter = fresh(program.interpreter);
}

function fresh<T extends Node>(node: T): T {
  const copy = { ...node } as Partial<T> & { original?: unknown };
  delete copy.original;
  delete copy.loc;
  delete copy.start;
  delete copy.end;
  return copy as T;
}

type Commented = {
  comments?: Array<{ leading?: boolean; trailing?: boolean; loc?: { start: { line: number } } }> | null;
  leadingComments?: unknown;
};

/** recast prints `node.comments`; leading ones of the old first statement move to the new one. */
function moveLeadingComments(from: Node, to: Node): void {
  const src = from as unknown as Commented;
  const dst = to as unknown as Commented;
  const leading = (src.comments ?? []).filter((c) => c.leading);
  if (leading.length === 0) return;
  src.comments = (src.comments ?? []).filter((c) => !c.leading);
  dst.comments = [...leading, ...(dst.comments ?? [])];
  src.leadingComments = undefined;
}

function moveAllComments(from: Node, to: Node): void {
  const src = from as unknown as Commented;
  if (!src.comments?.length) return;
  (to as unknown as Commented).comments = src.comments.map((c) => ({ ...c, leading: true, trailing: false }));
  src.comments = null;
}

function removeStatement(program: Program, stmt: Statement): void {
  reprintableDirectives(program);
  const i = program.body.indexOf(stmt);
  if (i === -1) return;
  const next = program.body[i + 1];
  if (next) moveLeadingComments(stmt, next);
  program.body.splice(i, 1);
}

/** References to `local` outside `skip` (not scope-aware: a same-named inner binding keeps the import, which is safe). */
function referenceCount(program: Program, skip: Node, local: string): number {
  return namesInUse(program, skip).has(local) ? 1 : 0;
}
