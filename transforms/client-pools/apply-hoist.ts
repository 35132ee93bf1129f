// Places a hoisted declaration in the module body: before the first function that used it,
// after every module binding its initialiser reads.
import type { Statement } from '@babel/types';

export function insertHoisted(body: Statement[], decl: Statement, anchor: Statement, after: Statement[]): void {
  let at = body.indexOf(anchor);
  if (at < 0) at = body.length;
  for (const dep of after) {
    const i = body.indexOf(dep);
    if (i >= at) at = i + 1;
  }
  body.splice(at, 0, decl);
}
