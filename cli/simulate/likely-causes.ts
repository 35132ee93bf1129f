// The findings `lmi-migrate check` reports for the handler file: static analysis only, no
// user code runs for this.
import { readFileSync } from 'node:fs';
import { analyseSource } from '../../transforms/engine/analyse-source';
import { RULES } from '../../transforms/registry';
import type { LikelyCause } from './report';

export function likelyCausesFor(file: string): LikelyCause[] {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return analyseSource(file, source, RULES).findings.map((f) => ({ rule: f.rule, line: f.line, message: f.message }));
}
