// Applies transforms to one file in memory: recast parses it once and prints it once,
// whatever the number of transforms. No I/O.
import type { JSCodeshift } from 'jscodeshift';
import type { File as BabelFile } from '@babel/types';
import { createFileAnalysis } from '../analysis/file-analysis';
import { parserNameFor, recastParserFor, type ParserName } from '../analysis/parser';
import { EMPTY_PROJECT, type ProjectInfo } from '../analysis/project';
import { detectStyle } from '../analysis/style';
import { reprintableDirectives } from '../analysis/recast-print';
import type { TransformModule } from '../types';

export interface TransformResult {
  output: string;
  changed: boolean;
  /** ids of the transforms that changed something */
  applied: string[];
}

const BOM = '\uFEFF';

// jscodeshift (with recast and ast-types) is loaded on first use: a scan never needs it, and
// loading it was about a sixth of the start-up of `check` and of every scan worker.
let jscodeshift: JSCodeshift | undefined;

// One bound jscodeshift per parser: withParser() copies every ast-types builder onto a new
// function, which cost more than the transforms themselves when done per file.
const bound = new Map<ParserName, JSCodeshift>();
function jscodeshiftFor(file: string): JSCodeshift {
  const name = parserNameFor(file);
  let j = bound.get(name);
  if (!j) {
    jscodeshift ??= require('jscodeshift') as JSCodeshift;
    bound.set(name, (j = jscodeshift.withParser(recastParserFor(file))));
  }
  return j;
}

export function transformSource(
  file: string,
  original: string,
  transforms: readonly TransformModule[],
  project: ProjectInfo = EMPTY_PROJECT,
  /**
   * ids of the transforms the scan found something to fix for in this file. Until one of the
   * transforms changes the tree, the others are skipped: a transform rewrites exactly what its
   * rules call fixable. After a change, every later transform runs (the change may give it work).
   */
  fixableBy?: ReadonlySet<string>,
): TransformResult {
  const bom = original.startsWith(BOM) ? BOM : '';
  const source = bom ? original.slice(1) : original;
  const j = jscodeshiftFor(file);
  const root = j(source);
  const ast = root.get().node as BabelFile;
  const style = detectStyle(source, ast);
  const applied: string[] = [];
  const bodyBefore = [...ast.program.body];
  // one analysis until a transform changes the tree (apply() returns true exactly then); a fresh
  // one after each change, since its memos describe the tree as it was
  let analysis: ReturnType<typeof createFileAnalysis> | undefined;
  for (const transform of transforms) {
    if (fixableBy && applied.length === 0 && !fixableBy.has(transform.meta.id)) continue;
    analysis ??= createFileAnalysis(file, source, ast, project);
    const ctx = { j, root, file, source, project, analysis, isSuppressed: analysis.isSuppressed };
    if (transform.apply(ctx)) {
      applied.push(transform.meta.id);
      analysis = undefined;
    }
  }
  if (applied.length === 0) return { output: original, changed: false, applied };
  // a reprinted program body would print `'use strict';;` and lose the blank line after it
  const body = ast.program.body;
  if (body.length !== bodyBefore.length || body.some((s, i) => s !== bodyBefore[i])) reprintableDirectives(ast.program);
  const printed = bom + root.toSource({
    quote: style.quote,
    lineTerminator: style.lineTerminator,
    tabWidth: style.tabWidth,
    useTabs: style.useTabs,
    trailingComma: style.trailingComma,
    arrowParensAlways: style.arrowParensAlways,
  });
  return { output: printed, changed: printed !== original, applied: printed !== original ? applied : [] };
}
