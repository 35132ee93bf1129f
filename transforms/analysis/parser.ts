// One place decides how a file is parsed, by extension. The raw @babel/parser AST (analysis)
// and recast's AST (transforms) come from the same options, so node types are identical.
import { parse, type ParserOptions, type ParserPlugin } from '@babel/parser';
import type { File as BabelFile } from '@babel/types';
import type { Parser } from 'jscodeshift';

export type ParserName = 'ts' | 'tsx' | 'babel';

const COMMON_PLUGINS: ParserPlugin[] = [
  'asyncGenerators',
  'bigInt',
  'classProperties',
  'classPrivateProperties',
  'classPrivateMethods',
  'doExpressions',
  'dynamicImport',
  'exportDefaultFrom',
  'exportNamespaceFrom',
  'functionBind',
  'functionSent',
  'importMeta',
  'importAttributes',
  'logicalAssignment',
  'nullishCoalescingOperator',
  'numericSeparator',
  'objectRestSpread',
  'optionalCatchBinding',
  'optionalChaining',
  'throwExpressions',
  'topLevelAwait',
];

const PLUGINS: Record<ParserName, ParserPlugin[]> = {
  // same set as jscodeshift's `ts`/`tsx` parsers
  ts: [...COMMON_PLUGINS, 'decorators-legacy', 'decoratorAutoAccessors', 'typescript'],
  tsx: [...COMMON_PLUGINS, 'decorators-legacy', 'decoratorAutoAccessors', 'typescript', 'jsx'],
  // jscodeshift's `babylon` set without Flow: Flow's `all` mode misreads plain JS like `a < b > (c)`
  babel: [...COMMON_PLUGINS, ['decorators', { decoratorsBeforeExport: false }], 'jsx'],
};

export function parserNameFor(path: string): ParserName {
  if (/\.(ts|mts|cts)$/i.test(path)) return 'ts';
  if (/\.tsx$/i.test(path)) return 'tsx';
  return 'babel';
}

/** The options of jscodeshift's parse of `path` (with `tokens`, which recast needs), Babel's defaults otherwise. */
export function babelOptionsFor(path: string, tokens: boolean): ParserOptions {
  return options(parserNameFor(path), tokens);
}

function options(name: ParserName, tokens: boolean): ParserOptions {
  return {
    sourceType: 'module',
    allowImportExportEverywhere: true,
    allowReturnOutsideFunction: true,
    allowAwaitOutsideFunction: true,
    allowHashBang: true,
    startLine: 1,
    tokens,
    plugins: PLUGINS[name],
  } as ParserOptions;
}

// Analysis reads comments from `File.comments` only (suppressions): Babel's attaching of each
// comment to its neighbouring nodes is work no rule uses (about 3% of a parse).
const ANALYSIS_OPTIONS: Record<ParserName, ParserOptions> = {
  ts: { ...options('ts', false), attachComment: false },
  tsx: { ...options('tsx', false), attachComment: false },
  babel: { ...options('babel', false), attachComment: false },
};

/** Fast parse for analysis: no tokens, no recast. Throws a SyntaxError with `loc` on bad input. */
export function parseForAnalysis(path: string, source: string): BabelFile {
  return parse(source, ANALYSIS_OPTIONS[parserNameFor(path)]) as unknown as BabelFile;
}

/** A parser object for jscodeshift/recast (`j.withParser(recastParserFor(path))`). */
export function recastParserFor(path: string): Parser {
  const opts = babelOptionsFor(path, true);
  return { parse: (source: string) => parse(source, opts) };
}
