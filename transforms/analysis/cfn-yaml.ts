// YAML with CloudFormation's short-form intrinsic tags (`!Ref X`, `!Sub [..]`, `!GetAtt A.B`),
// read into the long form (`{ Ref: 'X' }`, `{ 'Fn::Sub': [...] }`) so SAM templates parse.
import { parse, type Tags, type YAMLMap, type YAMLSeq } from 'yaml';

const FUNCTIONS = [
  'Ref', 'Condition', 'Sub', 'GetAtt', 'Join', 'If', 'Equals', 'Select', 'Split', 'FindInMap', 'ImportValue',
  'Base64', 'Cidr', 'GetAZs', 'Not', 'And', 'Or', 'Transform', 'ToJsonString', 'Length',
];

function longName(name: string): string {
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

function tagsFor(name: string): Tags {
  const key = longName(name);
  const tag = `!${name}`;
  return [
    {
      tag,
      resolve: (value: string) => ({ [key]: name === 'GetAtt' ? splitGetAtt(value) : value }),
    },
    { tag, collection: 'seq', resolve: (seq: YAMLSeq.Parsed | YAMLMap.Parsed) => ({ [key]: seq.toJSON() }) },
    { tag, collection: 'map', resolve: (map: YAMLSeq.Parsed | YAMLMap.Parsed) => ({ [key]: map.toJSON() }) },
  ];
}

/** `!GetAtt Fn.Arn` → ['Fn', 'Arn'] (the resource name has no dots; the attribute may). */
function splitGetAtt(value: string): string[] {
  const dot = value.indexOf('.');
  return dot === -1 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
}

export const CFN_TAGS: Tags = FUNCTIONS.flatMap(tagsFor);

/** Parses YAML or JSON with CloudFormation tags; throws on malformed input. */
export function parseTemplate(source: string): unknown {
  return parse(source, { customTags: CFN_TAGS, uniqueKeys: false, logLevel: 'silent' });
}
