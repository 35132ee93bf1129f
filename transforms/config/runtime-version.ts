// SAM/CloudFormation templates and serverless.yml choosing a Node.js runtime older than
// nodejs22.x: Lambda Managed Instances run nodejs22.x and later only.
import type { ConfigRule, RuleReport } from '../types';
import { entries, mapAt, readYaml, stringAt, type YamlFile } from './yaml-lines';

export const MIN_NODE_MAJOR = 22;
export const RUNTIME_HINT = 'set the runtime to nodejs22.x or later (nodejs24.x)';
const NODE_RUNTIME = /^nodejs(\d+)\.x$/;
const FUNCTION_TYPES = new Set(['AWS::Serverless::Function', 'AWS::Lambda::Function']);

function check(yaml: YamlFile, found: { value: string; node: Parameters<YamlFile['lineOf']>[0] } | null, where: string): RuleReport[] {
  const m = found && NODE_RUNTIME.exec(found.value);
  if (!found || !m || Number(m[1]) >= MIN_NODE_MAJOR) return [];
  const pos = yaml.lineOf(found.node);
  return [{ line: pos.line, column: pos.column, message: `${where}: ${found.value} is older than nodejs${MIN_NODE_MAJOR}.x, which Lambda Managed Instances need.`, hint: RUNTIME_HINT }];
}

function checkSam(yaml: YamlFile): RuleReport[] {
  const root = yaml.doc.contents;
  const reports = check(yaml, stringAt(mapAt(root, 'Globals', 'Function'), 'Runtime'), 'Globals.Function.Runtime');
  for (const [name] of entries(mapAt(root, 'Resources'))) {
    const resource = mapAt(root, 'Resources', name);
    const type = stringAt(resource, 'Type')?.value;
    if (!type || !FUNCTION_TYPES.has(type)) continue;
    reports.push(...check(yaml, stringAt(mapAt(resource, 'Properties'), 'Runtime'), `${name}.Properties.Runtime`));
  }
  return reports;
}

function checkServerless(yaml: YamlFile): RuleReport[] {
  const root = yaml.doc.contents;
  const reports = check(yaml, stringAt(mapAt(root, 'provider'), 'runtime'), 'provider.runtime');
  for (const [name] of entries(mapAt(root, 'functions'))) {
    reports.push(...check(yaml, stringAt(mapAt(root, 'functions', name), 'runtime'), `functions.${name}.runtime`));
  }
  return reports;
}

export const runtimeVersion: ConfigRule = {
  id: 'runtime-version',
  title: 'Node.js runtime older than nodejs22.x',
  severity: 'error',
  docs: 'runtime-version',
  needs: ['nodejs'],
  files: ['template.yaml', 'template.yml', 'serverless.yml', 'serverless.yaml'],
  checkConfig(file, source) {
    const yaml = readYaml(source);
    if (!yaml) return [];
    return /(^|[\\/])serverless\.ya?ml$/.test(file) ? checkServerless(yaml) : checkSam(yaml);
  },
};
