// Names for hoisted clients and pools: readable, derived from the class or the local the
// code already used, and never colliding with (or shadowed by) anything else in the file.
import type { Node } from '@babel/types';
import { isFunction } from '../analysis/ast';
import type { NodeIndex } from '../analysis/walk';
import type { FileAnalysis } from '../analysis/file-analysis';
import { identifiersNamed, isReference, patternNames } from './scope';

/** `S3Client` → `s3Client`, `SQSClient` → `sqsClient`, `DynamoDB` → `dynamoDB`. */
export function lowerCamel(className: string): string {
  const m = /^[A-Z0-9]+/.exec(className);
  if (!m) return className;
  const run = m[0];
  if (run.length === className.length) return className.toLowerCase();
  const keep = run.length > 1 && /[a-z]/.test(className[run.length]) ? run.length - 1 : run.length;
  return className.slice(0, keep).toLowerCase() + className.slice(keep);
}

/** `'eu-west-1'` → `EuWest1`: a suffix that tells two configurations apart. */
export function suffixFrom(value: string): string {
  return value
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('')
    .slice(0, 24);
}

/** Does this scope node (function or block) itself declare `name`? */
function scopeDeclares(scope: Node, name: string): boolean {
  const has = (ids: Node[]) => ids.some((id) => id.type === 'Identifier' && id.name === name);
  if (isFunction(scope)) {
    if (has(scope.params.flatMap((p) => patternNames(p)))) return true;
    return scope.type === 'FunctionExpression' && !!scope.id && scope.id.name === name;
  }
  if (scope.type === 'CatchClause') return has(patternNames(scope.param));
  const body = scope.type === 'BlockStatement' || scope.type === 'Program' ? scope.body : scope.type === 'ForStatement' || scope.type === 'ForOfStatement' || scope.type === 'ForInStatement' ? [scope.type === 'ForStatement' ? scope.init : scope.left] : [];
  for (const s of body) {
    if (!s) continue;
    const decl = s.type === 'ExportNamedDeclaration' && s.declaration ? s.declaration : s;
    if (decl.type === 'VariableDeclaration' && has(decl.declarations.flatMap((d) => patternNames(d.id)))) return true;
    if ((decl.type === 'FunctionDeclaration' || decl.type === 'ClassDeclaration') && decl.id?.name === name) return true;
  }
  return false;
}

/** True when an enclosing scope below the module declares `name` (so a module binding is shadowed). */
function shadowedAt(node: Node, name: string, index: NodeIndex): boolean {
  for (let p = index.parent(node); p && p.type !== 'Program'; p = index.parent(p)) {
    if (scopeDeclares(p, name)) return true;
  }
  return false;
}

/**
 * True when `name` can become a module-level binding: nothing at module level declares or reads
 * it, every other use is shadowed by a local declaration, and the functions that will refer to
 * the new binding (`users`) do not mention the name at all. `owners` are functions whose own
 * local of that name is the binding being hoisted: they are skipped.
 */
export function isNameFree(analysis: FileAnalysis, name: string, owners: Set<Node>, users: Set<Node>, taken: Set<string>): boolean {
  if (taken.has(name)) return false;
  const { index } = analysis;
  for (const id of identifiersNamed(analysis, name)) {
    const parent = index.parent(id);
    // the outermost owner or user around it decides, as in a walk from the top that stops there
    const region = outermostRegion(id, owners, users, index);
    if (region && owners.has(region)) continue;
    if (region) {
      if (isReference(id, region === id ? undefined : parent)) return false;
      continue;
    }
    if (parent?.type.startsWith('Import') || (isReference(id, parent) && !shadowedAt(id, name, index))) return false;
  }
  return true;
}

function outermostRegion(node: Node, owners: Set<Node>, users: Set<Node>, index: NodeIndex): Node | undefined {
  let region: Node | undefined;
  if (owners.size === 0 && users.size === 0) return region;
  for (let p: Node | undefined = node; p; p = index.parent(p)) if (owners.has(p) || users.has(p)) region = p;
  return region;
}
