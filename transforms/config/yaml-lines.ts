// Reads a YAML template as a document (CloudFormation tags understood) so values keep their
// positions: a finding points at the exact line of the value.
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node as YamlNode, type YAMLMap } from 'yaml';
import { CFN_TAGS } from '../analysis/cfn-yaml';

export interface YamlFile {
  doc: Document.Parsed;
  lineOf(node: YamlNode): { line: number; column: number };
}

export function readYaml(source: string): YamlFile | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { customTags: CFN_TAGS, uniqueKeys: false, lineCounter, logLevel: 'silent' });
  if (doc.errors.length > 0) return null;
  return {
    doc,
    lineOf(node) {
      const pos = lineCounter.linePos(node.range?.[0] ?? 0);
      return { line: pos.line, column: pos.col - 1 };
    },
  };
}

/** The map at `path` (each step a key), or null. */
export function mapAt(root: unknown, ...path: string[]): YAMLMap | null {
  let cur: unknown = root;
  for (const key of path) {
    if (!isMap(cur)) return null;
    cur = cur.get(key, true);
  }
  return isMap(cur) ? cur : null;
}

/** A plain string scalar under `key` of `map`, with its node. */
export function stringAt(map: YAMLMap | null, key: string): { value: string; node: YamlNode } | null {
  const node = map?.get(key, true);
  return isScalar(node) && typeof node.value === 'string' ? { value: node.value, node } : null;
}

/** [key, value] pairs of a map with string keys. */
export function entries(map: YAMLMap | null): Array<[string, unknown]> {
  if (!map) return [];
  return map.items.flatMap((pair) => {
    const key = isScalar(pair.key) ? pair.key.value : pair.key;
    return typeof key === 'string' ? [[key, pair.value] as [string, unknown]] : [];
  });
}
