// Moves each planned SDK client group to one module-level constant and points every site at it.
import type { Expression, Identifier, Node, Statement, VariableDeclaration } from '@babel/types';
import type { TransformContext } from '../types';
import { insertHoisted } from './apply-hoist';
import type { SdkGroup, SdkPlan } from './plan-sdk-clients';
import { renameReferences } from './rename';
import { removeStatement, replaceChild, statementList } from './statements';

export function applySdkClients(ctx: TransformContext, plan: SdkPlan): boolean {
  const { analysis } = ctx;
  const body = analysis.ast.program.body;
  const declOf = new Map<SdkGroup, Statement>();
  for (const group of plan.groups) {
    const decl = hoistedDeclaration(ctx, group);
    for (const [i, site] of group.sites.entries()) {
      for (const stmt of site.cleanups) removeStatement(stmt, analysis);
      if (!site.local) {
        replaceChild(analysis.index.parent(site.node)!, site.node, ctx.j.identifier(group.name) as Node);
        continue;
      }
      renameReferences(site.local.refs, group.name, analysis);
      const { declaration, declarator } = site.local;
      if (i === 0 && decl === declaration) removeStatement(declaration, analysis);
      else if (declaration.declarations.length > 1) declaration.declarations.splice(declaration.declarations.indexOf(declarator), 1);
      else removeStatement(declaration, analysis);
    }
    const after = [...group.after, ...group.dependsOn.map((g) => declOf.get(g)!).filter(Boolean)];
    insertHoisted(body, decl, group.anchor, after);
    declOf.set(group, decl);
  }
  return plan.groups.length > 0;
}

/** The site's own `const x = new X()` statement when it can move as is, else a new one. */
function hoistedDeclaration(ctx: TransformContext, group: SdkGroup): Statement {
  const first = group.sites[0];
  const local = first.local;
  if (local && local.declaration.kind === 'const' && local.declaration.declarations.length === 1 && local.name === group.name && statementList(local.declaration, ctx.analysis)) {
    return local.declaration;
  }
  const id = ctx.j.identifier(group.name) as unknown as Identifier;
  const annotation = local && (local.declarator.id as Identifier).typeAnnotation;
  if (annotation) id.typeAnnotation = annotation;
  const init = (local ? local.declarator.init : first.node) as Expression;
  return ctx.j.variableDeclaration('const', [ctx.j.variableDeclarator(id as never, init as never)]) as unknown as VariableDeclaration;
}
