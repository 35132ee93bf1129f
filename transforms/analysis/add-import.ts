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
  File as BabelFile,
  ImportDeclaration,
  Node,
  ObjectPattern,
  Statement,
  VariableDeclaration,
} from '@babel/types';
import { readImports, programOf, type ExistingImports } from './existing-imports';
import { isNodeBuiltin, prefixHabit, promisesParent, sameModule, spellSpecifier } from './module-specifier';
import { freeName, namesInUse } from './names-in-use';
import type { ModuleStyle } from './module-style';
import { insertAfterImports } from './import-placement';
import { oneLinePattern } from './recast-print';

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

export { removeUnusedImport } from './remove-import';
export { reprintableDirectives } from './recast-print';

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

