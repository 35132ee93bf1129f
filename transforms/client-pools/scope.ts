// Just enough scope knowledge for moving a binding out of a function: which identifiers are
// references, which names a function declares, and where a name is referred to.
import type { Identifier, Node } from '@babel/types';
import { isFunction } from '../analysis/ast';
import type { FileAnalysis } from '../analysis/file-analysis';
import { isInside, visit } from '../analysis/walk';

/** The identifiers a binding pattern declares (`{ a, b: [c] }` → a, c), added to `out`. */
export function patternNames(pattern: Node | null | undefined, out: Identifier[] = []): Identifier[] {
  if (!pattern) return out;
  switch (pattern.type) {
    case 'Identifier':
      out.push(pattern);
      break;
    case 'ObjectPattern':
      // loops, not flatMap: this runs for every declaration the plans look at
      for (const p of pattern.properties) patternNames(p.type === 'RestElement' ? p.argument : p.value, out);
      break;
    case 'ArrayPattern':
      for (const e of pattern.elements) patternNames(e, out);
      break;
    case 'AssignmentPattern':
      patternNames(pattern.left, out);
      break;
    case 'RestElement':
      patternNames(pattern.argument, out);
      break;
    case 'TSParameterProperty':
      patternNames(pattern.parameter, out);
      break;
  }
  return out;
}

/** False for property keys, member properties, labels and other names that are not variables. */
export function isReference(node: Identifier, parent: Node | undefined): boolean {
  if (!parent) return true;
  switch (parent.type) {
    case 'MemberExpression':
    case 'OptionalMemberExpression':
      return parent.object === node || parent.computed;
    case 'ObjectProperty':
      return parent.value === node || (parent.computed && parent.key === node);
    case 'ObjectMethod':
    case 'ClassMethod':
    case 'ClassPrivateMethod':
    case 'ClassProperty':
    case 'ClassAccessorProperty':
    case 'TSPropertySignature':
    case 'TSMethodSignature':
      return !!parent.computed && parent.key === node;
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
      return false;
    case 'ImportSpecifier':
    case 'ExportSpecifier':
    case 'ImportDefaultSpecifier':
    case 'ImportNamespaceSpecifier':
      return false;
    default:
      return !parent.type.startsWith('TS') || parent.type === 'TSNonNullExpression' || parent.type === 'TSAsExpression' || parent.type === 'TSSatisfiesExpression';
  }
}

/** How often each name is declared anywhere inside `root` (params, variables, functions, classes, catch). */
export function declarationCounts(root: Node): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (ids: Identifier[]) => ids.forEach((id) => counts.set(id.name, (counts.get(id.name) ?? 0) + 1));
  visit(root, (node) => {
    if (isFunction(node)) {
      add(node.params.flatMap((p) => patternNames(p)));
      if ((node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression') && node.id && node !== root) add([node.id]);
    } else if (node.type === 'VariableDeclarator') add(patternNames(node.id));
    else if (node.type === 'ClassDeclaration' && node.id) add([node.id]);
    else if (node.type === 'CatchClause' && node.param) add(patternNames(node.param));
  });
  return counts;
}

/** Every identifier of the file named `name`, in source order (from the node index: no walk). */
export function identifiersNamed(analysis: FileAnalysis, name: string): Identifier[] {
  return analysis.index.ofType('Identifier').filter((id) => id.name === name);
}

/** Every identifier named `name` inside `root` in a reference (or declaration) position, in source order; from the node index, no walk. */
export function referencesInside(analysis: FileAnalysis, root: Node, name: string): Identifier[] {
  return identifiersNamed(analysis, name).filter((id) => isInside(analysis.index, id, root) && isReference(id, analysis.index.parent(id)));
}

/** Every identifier named `name` in the program in a reference (or declaration) position, in source order (no walk). */
export function programReferencesNamed(analysis: FileAnalysis, name: string): Identifier[] {
  return identifiersNamed(analysis, name).filter((id) => isReference(id, analysis.index.parent(id)));
}

