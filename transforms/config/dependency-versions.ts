// package.json dependencies older than the first LMI-ready releases. Range-aware: what counts is
// the lowest version the range admits (`^3.500.0` can install 3.500.0).
import semver from 'semver';
import type { ConfigRule, RuleReport } from '../types';

interface Minimum {
  matches(name: string): boolean;
  version: string;
  label: string;
}

const MINIMUMS: Minimum[] = [
  { matches: (n) => n.startsWith('@aws-sdk/'), version: '3.933.0', label: '@aws-sdk/*' },
  { matches: (n) => n === 'aws-xray-sdk-core', version: '3.12.0', label: 'aws-xray-sdk-core' },
  { matches: (n) => n.startsWith('@aws-lambda-powertools/'), version: '2.35.0', label: '@aws-lambda-powertools/*' },
  { matches: (n) => n === '@aws/lambda-invoke-store', version: '0.2.0', label: '@aws/lambda-invoke-store' },
];

const SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies'];

/** 1-based line of `"name":` inside the `"section": { … }` object of a package.json text. */
function lineOf(source: string, section: string, name: string): number {
  const sectionAt = source.search(new RegExp(`"${section}"\\s*:\\s*\\{`));
  const from = sectionAt < 0 ? 0 : sectionAt;
  const keyAt = source.indexOf(JSON.stringify(name), from);
  const at = keyAt < 0 ? from : keyAt;
  return source.slice(0, at).split('\n').length;
}

export const dependencyVersions: ConfigRule = {
  id: 'dependency-versions',
  title: 'Dependencies older than their LMI-ready versions',
  severity: 'warning',
  docs: 'dependency-versions',
  needs: ['@aws-sdk/', 'aws-xray-sdk-core', '@aws-lambda-powertools/', '@aws/lambda-invoke-store'],
  files: ['package.json'],
  checkConfig(_file, source) {
    let pkg: Record<string, unknown>;
    try {
      pkg = JSON.parse(source) as Record<string, unknown>;
    } catch {
      return [];
    }
    const reports: RuleReport[] = [];
    for (const section of SECTIONS) {
      const deps = pkg[section];
      if (!deps || typeof deps !== 'object') continue;
      for (const [name, spec] of Object.entries(deps as Record<string, unknown>)) {
        const minimum = MINIMUMS.find((m) => m.matches(name));
        if (!minimum || typeof spec !== 'string' || !semver.validRange(spec)) continue;
        const lowest = semver.minVersion(spec);
        if (!lowest || semver.gte(lowest, minimum.version)) continue;
        reports.push({
          line: lineOf(source, section, name),
          message: `${name}@${spec} admits ${lowest.version}, older than ${minimum.version} (the first ${minimum.label} release ready for Lambda Managed Instances).`,
          hint: `require ${name}@^${minimum.version} or later`,
        });
      }
    }
    return reports;
  },
};
