// Runs the rewrites the plan proved exact, skipping suppressed lines.
import type { File as BabelFile } from '@babel/types';
import { namesInUse, freeName } from '../analysis/names-in-use';
import type { TransformContext } from '../types';
import { planSharedState } from './plan';
import type { RewriteContext } from './types';

export function applySharedState(ctx: TransformContext): boolean {
  const ast = ctx.root.get().node as BabelFile;
  const sites = planSharedState({ file: ctx.file, ast, handlers: ctx.analysis.handlers, analysis: ctx.analysis })
    .filter((f) => f.rewrite && !ctx.isSuppressed(f.rule, f.node.loc?.start.line ?? 0));
  if (sites.length === 0) return false;
  const taken = namesInUse(ast.program);
  const moduleNames = new Set<string>();
  const rewrite: RewriteContext = {
    j: ctx.j,
    root: ctx.root,
    program: ast.program,
    style: ctx.analysis.moduleStyle,
    typescript: /\.[cm]?tsx?$/.test(ctx.file),
    taken,
    pick: (base) => {
      const name = freeName(base, taken);
      moduleNames.add(name);
      return name;
    },
    // a local only has to avoid what its function uses and the module-level names added so far
    pickLocal: (base, scope) => {
      const name = freeName(base, new Set([...namesInUse(scope), ...moduleNames]));
      taken.add(name);
      return name;
    },
    memo: new Map(),
  };
  for (const site of sites) site.rewrite!(rewrite);
  return true;
}
