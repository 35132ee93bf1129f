// examples/orders-service is the project the README's first command runs on. It must parse, and it
// must keep at least one instance of every registered rule: adding a rule without an example fails here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseForAnalysis } from '../transforms/analysis/parser';
import { parseTemplate } from '../transforms/analysis/cfn-yaml';
import { buildImportGraph } from '../transforms/analysis/import-graph';
import { buildProjectInfo } from '../transforms/analysis/project-info';
import { handlersFromTemplate } from '../transforms/analysis/template-handlers';
import { analyseSource, toFinding } from '../transforms/engine/analyse-source';
import { CONFIG_RULES, RULES } from '../transforms/registry';
import type { Finding } from '../transforms/types';

const REPO = join(__dirname, '..');
const EXAMPLE = join(REPO, 'examples', 'orders-service');
const SOURCE = /\.(js|mjs|cjs|ts)$/;

/** every file of the example project, as a path relative to the repo root (the engine's cwd) */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const abs = join(dir, d.name);
    return d.isDirectory() ? listFiles(abs) : [relative(REPO, abs).split('\\').join('/')];
  });
}

const files = listFiles(EXAMPLE).sort();
const sources = files.filter((f) => SOURCE.test(f));
const read = (file: string) => readFileSync(join(REPO, file), 'utf8');
const templatePath = 'examples/orders-service/template.yaml';
const packagePath = 'examples/orders-service/package.json';

/** Analyses the example like `check` does, with the import graph known so helper modules are reached. */
function analyseExample(): Finding[] {
  const templates = [{ path: templatePath, source: read(templatePath) }];
  const packageJsons = [{ path: packagePath, source: read(packagePath) }];
  const firstPass = sources.map((file) => analyseSource(file, read(file), [], buildProjectInfo({ templates, packageJsons })));
  const graph = buildImportGraph(firstPass.map((o) => ({ file: o.file, imports: o.imports, hasHandler: o.hasHandler })));
  const project = buildProjectInfo({ templates, packageJsons, graph });
  const findings = sources.flatMap((file) => analyseSource(file, read(file), RULES, project).findings);
  for (const file of files) {
    for (const rule of CONFIG_RULES) {
      if (!rule.files.includes(basename(file))) continue;
      for (const report of rule.checkConfig(file, read(file))) findings.push(toFinding(file, rule, report));
    }
  }
  return findings;
}

describe('examples/orders-service', () => {
  it('is a pre-LMI project that was never installed', () => {
    const pkg = JSON.parse(read(packagePath)) as { name: string; dependencies: Record<string, string> };
    expect(pkg.name).toBe('orders-service');
    expect(pkg.dependencies['@aws-sdk/client-s3']).toBe('^3.500.0');
    expect(existsSync(join(EXAMPLE, 'node_modules'))).toBe(false);
    expect(files.filter((f) => /(package-lock\.json|yarn\.lock|pnpm-lock\.yaml)$/.test(f))).toEqual([]);
  });

  it('has JS and TS, CommonJS and ESM sources', () => {
    expect(sources.some((f) => f.endsWith('.ts'))).toBe(true);
    expect(sources.some((f) => f.endsWith('.mjs'))).toBe(true);
    expect(sources.some((f) => f.endsWith('.js') && read(f).includes('exports.handler'))).toBe(true);
  });

  for (const file of sources) {
    it(`parses ${relative('examples/orders-service', file)}`, () => {
      expect(() => parseForAnalysis(file, read(file))).not.toThrow();
    });
  }

  it('has a SAM template that parses with CloudFormation tags and names existing handler files', () => {
    const template = parseTemplate(read(templatePath)) as { Globals: { Function: { Runtime: string } }; Outputs: Record<string, { Value: unknown }> };
    expect(template.Globals.Function.Runtime).toBe('nodejs20.x');
    expect(template.Outputs.OrdersTableArn.Value).toEqual({ 'Fn::GetAtt': ['OrdersTable', 'Arn'] });

    const hints = handlersFromTemplate(templatePath, read(templatePath));
    expect(hints.length).toBeGreaterThanOrEqual(10);
    const missing = hints.filter((h) => !sources.some((f) => f.replace(SOURCE, '') === h.module));
    expect(missing).toEqual([]);
  });

  it('has at least one finding of every registered rule', () => {
    const found = new Set(analyseExample().map((f) => f.rule));
    const missing = [...RULES, ...CONFIG_RULES].map((r) => r.id).filter((id) => !found.has(id));
    expect(missing).toEqual([]);
  });
});
