// What a file's analysis may know about the rest of the project. Built by the engine from
// file contents (templates, package.json files, imports); never reads the disk itself.
export interface ProjectInfo {
  /** export names that a SAM/Serverless/CDK handler string points at in this file */
  handlerHints(file: string): string[];
  /** handler files whose relative imports reach `file` (transitively); empty when none */
  handlersReaching(file: string): string[];
  /** "type" of the nearest package.json above `file` */
  packageType(file: string): 'module' | 'commonjs' | undefined;
}

export const EMPTY_PROJECT: ProjectInfo = {
  handlerHints: () => [],
  handlersReaching: () => [],
  packageType: () => undefined,
};
