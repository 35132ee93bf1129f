// Babel's scope analysis for a whole file (raw parser AST or recast AST): the program scope,
// whose bindings know every reference and reassignment, shadowed locals excluded.
import traverseModule, { type NodePath, type Scope } from '@babel/traverse';
import type { File as BabelFile, Program } from '@babel/types';

// default-export interop differs between tsx, vitest and tsc output
const traverse = ((traverseModule as unknown as { default?: typeof traverseModule }).default ?? traverseModule) as typeof traverseModule;

export function programScope(ast: BabelFile): { scope: Scope; program: NodePath<Program> } {
  // the scope cache is keyed by node: a tree changed by an earlier transform must be crawled afresh
  traverse.cache.clear();
  let program: NodePath<Program> | undefined;
  traverse(ast, {
    Program(path) {
      program = path;
      path.stop();
    },
  });
  if (!program) throw new Error('no Program node');
  return { scope: program.scope, program };
}
