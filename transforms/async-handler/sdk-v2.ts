// Is `receiver` a module-level AWS SDK v2 client (`new AWS.S3()`, `new DynamoDB.DocumentClient()`)?
// Its methods accept a Node-style callback and, without one, return a request with `.promise()`.
import type { File as BabelFile, Node } from '@babel/types';
import { dottedName, requireSource, unwrapExpression } from '../analysis/ast';
import { moduleDeclarations } from '../analysis/handlers';

const SDK_V2 = /^aws-sdk(\/clients\/[\w-]+)?$/;

/** Local names bound at module level to the `aws-sdk` package or one of its clients. */
function sdkV2Names(ast: BabelFile): Set<string> {
  const names = new Set<string>();
  for (const stmt of ast.program.body) {
    if (stmt.type === 'ImportDeclaration' && SDK_V2.test(stmt.source.value)) {
      for (const s of stmt.specifiers) names.add(s.local.name);
    } else if (stmt.type === 'VariableDeclaration') {
      for (const d of stmt.declarations) {
        const init = unwrapExpression(d.init);
        const source = requireSource(init) ?? (init?.type === 'MemberExpression' ? requireSource(init.object) : null);
        if (!source || !SDK_V2.test(source)) continue;
        if (d.id.type === 'Identifier') names.add(d.id.name);
        else if (d.id.type === 'ObjectPattern') {
          for (const p of d.id.properties) if (p.type === 'ObjectProperty' && p.value.type === 'Identifier') names.add(p.value.name);
        }
      }
    }
  }
  return names;
}

export function isSdkV2Client(receiver: Node | null | undefined, ast: BabelFile): boolean {
  const r = unwrapExpression(receiver);
  if (!r || r.type !== 'Identifier') return false;
  const init = unwrapExpression(moduleDeclarations(ast).get(r.name));
  if (!init || init.type !== 'NewExpression') return false;
  const ctor = dottedName(init.callee);
  return !!ctor && sdkV2Names(ast).has(ctor.split('.')[0]);
}
