import type { ModuleModel } from './module-model';
import type { PlannedFinding } from './types';

export function planEnv(model: ModuleModel): PlannedFinding[] {
  void model;
  return [];
}
