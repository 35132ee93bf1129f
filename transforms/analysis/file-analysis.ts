// Everything rules and transforms ask about one file, computed lazily and at most once.
import type { File as BabelFile } from '@babel/types';
import { analyseBindings, type ModuleBindings } from './bindings';
import { findHandlers, type HandlerInfo } from './handlers';
import { moduleStyle, type ModuleStyle } from './module-style';
import type { ProjectInfo } from './project';
import { suppressions, type SuppressionCheck } from './suppress';
import { indexNodes, type NodeIndex } from './walk';

export interface FileAnalysis {
  readonly file: string;
  readonly source: string;
  readonly ast: BabelFile;
  readonly project: ProjectInfo;
  /** parent links and nodes by type, from one walk */
  readonly index: NodeIndex;
  readonly handlers: HandlerInfo[];
  readonly moduleStyle: ModuleStyle;
  readonly isSuppressed: SuppressionCheck;
  /** module-level bindings, their reads/writes/mutations and where they happen (scope-aware) */
  readonly bindings: ModuleBindings;
}

function lazy<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

export function createFileAnalysis(file: string, source: string, ast: BabelFile, project: ProjectInfo): FileAnalysis {
  const index = lazy(() => indexNodes(ast));
  const handlers = lazy(() => findHandlers(ast, project.handlerHints(file)));
  const style = lazy(() => moduleStyle(file, ast, project.packageType(file)));
  const suppressed = lazy(() => suppressions(ast));
  const bindings = lazy(() => analyseBindings({ ast, handlers: handlers() }));
  return {
    file,
    source,
    ast,
    project,
    get index() {
      return index();
    },
    get handlers() {
      return handlers();
    },
    get moduleStyle() {
      return style();
    },
    get bindings() {
      return bindings();
    },
    isSuppressed: (rule, line) => suppressed()(rule, line),
  };
}
