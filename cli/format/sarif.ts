// SARIF 2.1.0 for GitHub code scanning: rule metadata with help text and docs URIs, one result
// per finding, files that could not be parsed as tool notifications.
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { ruleMetadata } from '../../transforms/registry';
import type { Finding } from '../../transforms/types';
import type { ParseError } from '../../transforms/engine/analyse-source';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

export interface SarifInput {
  findings: Finding[];
  errors: ParseError[];
  version: string;
  /** base URI of MIGRATION.md; rule help links are `${docsBase}#${anchor}` */
  docsBase: string;
}

export function formatSarif(input: SarifInput): string {
  const rules = ruleMetadata();
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const descriptors: ReportingDescriptor[] = rules.map((r) => ({
    id: r.id,
    name: r.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: r.title },
    fullDescription: { text: `${r.title}. ${r.fixedBy ? `The ${r.fixedBy} transform fixes what it can prove safe.` : 'Needs a human.'}` },
    help: {
      text: `${r.title}. See MIGRATION.md#${r.docs}.${r.fixedBy ? ` Fix automatically: npx lmi-migrate apply ${r.fixedBy}` : ''}`,
      markdown: `**${r.title}.** See [MIGRATION.md#${r.docs}](${input.docsBase}#${r.docs}).${r.fixedBy ? ` Fix automatically: \`npx lmi-migrate apply ${r.fixedBy}\`.` : ''}`,
    },
    helpUri: `${input.docsBase}#${r.docs}`,
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { fixedBy: r.fixedBy ?? null, tags: ['lambda-managed-instances', 'concurrency'] },
  }));
  const results: Result[] = input.findings.map((f) => ({
    ruleId: f.rule,
    ...(index.has(f.rule) ? { ruleIndex: index.get(f.rule) } : {}),
    level: LEVEL[f.severity],
    message: { text: f.hint ? `${f.message} (${f.hint})` : f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(f.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: f.line, startColumn: f.column },
        },
      },
    ],
    properties: { fixable: f.fixable },
  }));
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'lmi-migrate', version: input.version, semanticVersion: input.version, rules: descriptors } },
        results,
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: input.errors.map((e) => ({
              level: 'error' as const,
              message: { text: `could not be processed: ${e.message}` },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: encodeURI(e.file), uriBaseId: '%SRCROOT%' },
                    ...(e.line ? { region: { startLine: e.line, startColumn: (e.column ?? 0) + 1 } } : {}),
                  },
                },
              ],
            })),
          },
        ],
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
