// The file's own formatting choices, detected before anything is printed, so new code
// looks like the code around it.
import type { File as BabelFile } from '@babel/types';
import { indexNodes } from './walk';

export interface CodeStyle {
  quote: 'single' | 'double';
  lineTerminator: '\n' | '\r\n';
  /** the file's indentation unit (two spaces, four spaces or a tab) */
  tabWidth: number;
  useTabs: boolean;
}

export function detectStyle(source: string, ast: BabelFile): CodeStyle {
  let single = 0;
  let double = 0;
  for (const lit of indexNodes(ast.program).ofType('StringLiteral')) {
    const raw = (lit.extra as { raw?: string } | undefined)?.raw;
    if (raw?.startsWith("'")) single++;
    else if (raw?.startsWith('"')) double++;
  }
  const crlf = (source.match(/\r\n/g) ?? []).length;
  const lf = (source.match(/\n/g) ?? []).length - crlf;
  const indents = source.match(/^(\t+| +)(?=\S)/gm) ?? [];
  const useTabs = indents.filter((i) => i.startsWith('\t')).length > indents.length / 2;
  const spaceIndents = indents.filter((i) => i.startsWith(' ')).map((i) => i.length);
  const tabWidth = spaceIndents.length && Math.min(...spaceIndents) >= 4 ? 4 : 2;
  return { quote: double > single ? 'double' : 'single', lineTerminator: crlf > lf ? '\r\n' : '\n', tabWidth, useTabs };
}
