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
  /** multi-line object/array literals end with a comma */
  trailingComma: boolean;
  /** single-parameter arrows keep their parentheses: `(event) => …` */
  arrowParensAlways: boolean;
}

export function detectStyle(source: string, ast: BabelFile): CodeStyle {
  let single = 0;
  let double = 0;
  const index = indexNodes(ast.program);
  for (const lit of index.ofType('StringLiteral')) {
    const raw = (lit.extra as { raw?: string } | undefined)?.raw;
    if (raw?.startsWith("'")) single++;
    else if (raw?.startsWith('"')) double++;
  }
  const crlf = (source.match(/\r\n/g) ?? []).length;
  const lf = (source.match(/\n/g) ?? []).length - crlf;
  const indents = source.match(/^(\t+| +)(?=\S)/gm) ?? [];
  const useTabs = indents.filter((i) => i.startsWith('\t')).length > indents.length / 2;
  const spaceIndents = indents.filter((i) => i.startsWith(' ')).map((i) => i.length);
  // recast measures a tab as 4 columns when it parses; printing with another width turns the
  // reused lines' tabs into a mix of tabs and spaces
  const tabWidth = useTabs ? 4 : spaceIndents.length && Math.min(...spaceIndents) >= 4 ? 4 : 2;
  // multi-line literals: is there a comma between the last element and the closing bracket?
  let trailing = 0;
  let bare = 0;
  for (const node of [...index.ofType('ObjectExpression'), ...index.ofType('ArrayExpression')]) {
    const items: Array<{ end?: number | null } | null> = node.type === 'ObjectExpression' ? node.properties : node.elements;
    const last = items[items.length - 1];
    if (!last?.end || node.end == null || node.loc?.start.line === node.loc?.end.line) continue;
    if (source.slice(last.end, node.end - 1).includes(',')) trailing++;
    else bare++;
  }
  const parenArrows = (source.match(/\(\s*[A-Za-z_$][\w$]*\s*\)\s*=>/g) ?? []).length;
  const bareArrows = (source.match(/(^|[^\w$.)])[A-Za-z_$][\w$]*\s*=>/g) ?? []).length;
  return {
    quote: double > single ? 'double' : 'single',
    lineTerminator: crlf > lf ? '\r\n' : '\n',
    tabWidth,
    useTabs,
    trailingComma: trailing > bare,
    arrowParensAlways: parenArrows >= bareArrows,
  };
}
