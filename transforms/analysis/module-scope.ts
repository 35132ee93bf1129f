// Module-level bindings of a whole file (raw parser AST or recast AST) and every identifier that
// refers to each of them, shadowed locals excluded. It follows @babel/traverse's scope rules
// (test/analysis/module-scope.test.ts compares the two on every fixture and a generated corpus)
// in one plain walk: Babel builds a NodePath for every node, which made its crawl the largest
// single cost of `check` on handler files and of every transform's re-analysis.
import * as t from '@babel/types';
import type { File as BabelFile, Identifier, Node } from '@babel/types';
import { VISITOR_KEYS } from './walk';

// @babel/types' CommonJS exports are getters: read once here, not once per node walked
const { FLIPPED_ALIAS_KEYS, getAssignmentIdentifiers, getOuterBindingIdentifiers, isReferenced } = t;
const { isCompatTag } = t.react;

// What this walk needs to know of a node type, as bits of one table lookup (Babel's aliases):
// the walk asks it of every node, and the @babel/types predicates, reached through CommonJS
// re-export getters, cost more than the walk itself.
const SCOPABLE = 1;
const BLOCK_PARENT = 2;
const FUNCTION_PARENT = 4;
const FUNCTION = 8;
const PATTERN = 16;
const METHOD = 32;
/** a Declaration other than an export declaration */
const DECLARATION = 64;
/** collect() has something to do for it */
const COLLECTED = 128;
const FLAGS = new Map<string, number>();
const flag = (types: readonly string[], bit: number) => {
  for (const type of types) FLAGS.set(type, (FLAGS.get(type) ?? 0) | bit);
};
flag(FLIPPED_ALIAS_KEYS.Scopable, SCOPABLE);
flag(FLIPPED_ALIAS_KEYS.BlockParent, BLOCK_PARENT);
flag(FLIPPED_ALIAS_KEYS.FunctionParent, FUNCTION_PARENT);
flag(FLIPPED_ALIAS_KEYS.Function, FUNCTION | COLLECTED);
flag(FLIPPED_ALIAS_KEYS.Pattern, PATTERN);
flag(FLIPPED_ALIAS_KEYS.Method, METHOD);
flag(FLIPPED_ALIAS_KEYS.Declaration.filter((t) => !FLIPPED_ALIAS_KEYS.ExportDeclaration.includes(t)), DECLARATION | COLLECTED);
flag(['Identifier', 'JSXIdentifier', 'ForStatement', 'ForInStatement', 'ForOfStatement', 'ImportDeclaration', 'TSImportEqualsDeclaration',
  'AssignmentExpression', 'UpdateExpression', 'UnaryExpression', 'CatchClause', 'ClassExpression'], COLLECTED);

/** @babel/types isScope: a function's or catch clause's body block is part of that scope; their parameter patterns are scopes. */
function isScope(node: Node, flags: number, parent: Node): boolean {
  if (!(flags & (SCOPABLE | PATTERN)) || node.type === 'Program') return false;
  const inFunctionHead = parent.type === 'CatchClause' || ((FLAGS.get(parent.type) ?? 0) & FUNCTION) !== 0;
  if (node.type === 'BlockStatement' && inFunctionHead) return false;
  if (flags & PATTERN) return inFunctionHead;
  return true;
}

/** @babel/types isBlockScoped */
function isBlockScoped(node: Node): boolean {
  return node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration' || (node.type === 'VariableDeclaration' && node.kind !== 'var');
}

/** Babel's binding kinds; 'unknown' covers type-only imports and TypeScript declarations (enum, import =). */
export type ScopeBindingKind = 'var' | 'let' | 'const' | 'module' | 'hoisted' | 'param' | 'local' | 'unknown';

export interface ScopeBinding {
  name: string;
  kind: ScopeBindingKind;
  /** the declaring node: VariableDeclarator, FunctionDeclaration, ClassDeclaration, an import specifier … */
  declaration: Node;
  identifier: Identifier;
  /** identifiers (and JSX names) that refer to it, in source order */
  references: Node[];
  /** what rebinds it: assignments, updates, for-in/of heads, `delete`, redeclarations */
  violations: Node[];
}

export interface ModuleScope {
  /** the program's own bindings, in declaration order */
  bindings: Map<string, ScopeBinding>;
}

interface Scope {
  parent: Scope | null;
  /** names declared here, with their kind (the program's own are in `bindings`) */
  names: Map<string, ScopeBindingKind>;
  blockParent: boolean;
  functionParent: boolean;
  /** a destructuring or defaulted parameter: it does not see the body's own declarations */
  pattern: boolean;
  /** a non-arrow function: `arguments` is its own */
  ownArguments: boolean;
}

interface Use {
  node: Node;
  scope: Scope;
}

export function moduleScope(ast: BabelFile): ModuleScope {
  return new Crawler(ast).result();
}

class Crawler {
  private readonly program: Scope;
  private readonly bindings = new Map<string, ScopeBinding>();
  private readonly references: Array<Use & { name: string }> = [];
  /** constant violations: assignments first, then updates, for-in/of heads and deletes (Babel's order) */
  private readonly assignments: Use[] = [];
  private readonly violations: Use[] = [];

  constructor(ast: BabelFile) {
    this.program = { parent: null, names: new Map(), blockParent: true, functionParent: false, pattern: false, ownArguments: false };
    this.walk(ast.program, ast, undefined, this.program);
  }

  result(): ModuleScope {
    for (const list of [this.assignments, this.violations]) {
      for (const use of list) {
        for (const name of Object.keys(getAssignmentIdentifiers(use.node))) {
          const b = this.resolve(name, use.scope);
          if (b) b.violations.push(use.node);
        }
      }
    }
    for (const ref of this.references) this.resolve(ref.name, ref.scope)?.references.push(ref.node);
    return { bindings: this.bindings };
  }

  /** The program binding `name` means in `scope`, or undefined when an inner scope declares it. */
  private resolve(name: string, scope: Scope): ScopeBinding | undefined {
    let previous: Scope | null = null;
    for (let s: Scope | null = scope; s; previous = s, s = s.parent) {
      const kind = s === this.program ? this.bindings.get(name)?.kind : s.names.get(name);
      if (kind !== undefined) {
        // a parameter's default value cannot see the function body's own variables
        if (previous?.pattern && kind !== 'param' && kind !== 'local') continue;
        return s === this.program ? this.bindings.get(name) : undefined;
      }
      if (name === 'arguments' && s.ownArguments) return undefined;
    }
    return undefined;
  }

  private register(scope: Scope, kind: ScopeBindingKind, node: Node, declaration: Node = node): void {
    if (node.type === 'VariableDeclaration') {
      for (const d of node.declarations) this.register(scope, kind, d);
      return;
    }
    const ids = getOuterBindingIdentifiers(node, true) as unknown as Record<string, Identifier[]>;
    for (const name of Object.keys(ids)) {
      if (scope !== this.program) {
        if (!scope.names.has(name)) scope.names.set(name, kind);
        continue;
      }
      for (const id of ids[name]) {
        const local = this.bindings.get(name);
        if (local?.identifier === id) continue;
        // a second declaration of the same name rebinds it
        if (local) local.violations.push(declaration);
        else this.bindings.set(name, { name, kind, declaration, identifier: id, references: [], violations: [] });
      }
    }
  }

  private registerDeclaration(scope: Scope, node: Node): void {
    switch (node.type) {
      case 'FunctionDeclaration':
        if (node.id) this.register(scope, 'hoisted', node.id, node);
        return;
      case 'VariableDeclaration': {
        const kind = node.kind === 'using' || node.kind === 'await using' ? 'const' : node.kind;
        for (const d of node.declarations) this.register(scope, kind, d);
        return;
      }
      case 'ClassDeclaration':
        if (!node.declare) this.register(scope, 'let', node);
        return;
      case 'ImportDeclaration': {
        const typeOnly = node.importKind === 'type' || node.importKind === 'typeof';
        for (const s of node.specifiers) {
          const typeSpecifier = typeOnly || (s.type === 'ImportSpecifier' && (s.importKind === 'type' || s.importKind === 'typeof'));
          this.register(scope, typeSpecifier ? 'unknown' : 'module', s);
        }
        return;
      }
      default:
        this.register(scope, 'unknown', node);
    }
  }

  private functionParent(scope: Scope): Scope {
    let s: Scope = scope;
    while (!s.functionParent && s.parent) s = s.parent;
    return s;
  }

  private blockParent(scope: Scope): Scope {
    let s: Scope = scope;
    while (!s.blockParent && s.parent) s = s.parent;
    return s;
  }

  private walk(node: Node, parent: Node | undefined, grandparent: Node | undefined, outer: Scope): void {
    // type annotations hold no runtime references (Babel skips them too)
    if (node.type === 'TSTypeAnnotation') return;
    const flags = FLAGS.get(node.type) ?? 0;
    let scope = outer;
    if (isScope(node, flags, parent!)) {
      scope = {
        parent: outer,
        names: new Map(),
        blockParent: (flags & BLOCK_PARENT) !== 0,
        functionParent: (flags & FUNCTION_PARENT) !== 0,
        pattern: (flags & PATTERN) !== 0,
        ownArguments: (flags & FUNCTION) !== 0 && node.type !== 'ArrowFunctionExpression',
      };
    }
    if (flags & COLLECTED) this.collect(node, flags, parent, grandparent, scope, outer);
    const keys = VISITOR_KEYS[node.type];
    if (!keys) return;
    for (const key of keys) {
      const child = (node as unknown as Record<string, unknown>)[key];
      // a method's computed key and decorators, and a switch's discriminant, run in the scope around it
      const inner = scope !== outer && (key === 'discriminant' || ((key === 'key' || key === 'decorators') && flags & METHOD)) ? outer : scope;
      if (Array.isArray(child)) {
        for (const c of child) if (c && typeof (c as Node).type === 'string') this.walk(c as Node, node, parent, inner);
      } else if (child && typeof (child as Node).type === 'string') this.walk(child as Node, node, parent, inner);
    }
  }

  /** Babel's collector visitor, for one node: `scope` is the node's own scope (or the enclosing one). */
  private collect(node: Node, flags: number, parent: Node | undefined, grandparent: Node | undefined, scope: Scope, outer: Scope): void {
    switch (node.type) {
      case 'Identifier':
      case 'JSXIdentifier':
        if (this.isReferencedIdentifier(node, parent!, grandparent)) this.references.push({ node, scope, name: node.name });
        return;
      case 'ForStatement':
        if (node.init?.type === 'VariableDeclaration' && node.init.kind === 'var') this.register(this.functionParent(scope), 'var', node.init);
        break;
      case 'ForInStatement':
      case 'ForOfStatement':
        if (node.left.type === 'VariableDeclaration') {
          if (node.left.kind === 'var') this.register(this.functionParent(scope), 'var', node.left);
        } else if (node.left.type === 'Identifier' || node.left.type.endsWith('Pattern')) this.violations.push({ node, scope });
        break;
      case 'ImportDeclaration':
      case 'TSImportEqualsDeclaration':
        this.registerDeclaration(this.blockParent(scope), node);
        return;
      case 'AssignmentExpression':
        this.assignments.push({ node, scope });
        return;
      case 'UpdateExpression':
        this.violations.push({ node, scope });
        return;
      case 'UnaryExpression':
        if (node.operator === 'delete') this.violations.push({ node, scope });
        return;
      case 'CatchClause':
        this.register(scope, 'let', node);
        return;
      case 'ClassExpression':
        if (node.id) this.register(scope, 'local', node.id, node);
        return;
      default:
    }
    if (isBlockScoped(node)) {
      // a function or class declaration is its own scope: it is declared in the one around it
      // (inside its body a class's name is that same binding, so its own scope adds nothing)
      this.registerDeclaration(this.blockParent(outer), node);
    } else if (flags & DECLARATION) {
      this.registerDeclaration(this.functionParent(scope), node);
    }
    if (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression' ||
        node.type === 'ObjectMethod' || node.type === 'ClassMethod' || node.type === 'ClassPrivateMethod') {
      // `constructor(private x)` declares x too (where Babel registers nothing, and so would resolve
      // a use of x in the constructor to a module-level x)
      for (const p of node.params) this.register(scope, 'param', p.type === 'TSParameterProperty' ? p.parameter : p);
      if (node.type === 'FunctionExpression' && node.id) this.register(scope, 'local', node.id, node);
    }
  }

  private isReferencedIdentifier(node: Node, parent: Node, grandparent: Node | undefined): boolean {
    if (node.type === 'JSXIdentifier') {
      if (parent.type !== 'JSXMemberExpression' && isCompatTag(node.name)) return false;
    } else {
      if (parent.type === 'TSQualifiedName' && parent.right === node) return false;
      if (parent.type === 'TSImportEqualsDeclaration') return false;
    }
    return isReferenced(node, parent, grandparent);
  }
}
