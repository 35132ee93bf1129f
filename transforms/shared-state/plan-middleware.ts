import type { ModuleModel } from './module-model';
import type { PlannedFinding } from './types';

export function planMiddleware(model: ModuleModel, typescript: boolean): PlannedFinding[] {
  void model;
  void typescript;
  return [];
}
