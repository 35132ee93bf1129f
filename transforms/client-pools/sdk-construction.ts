// Recognises AWS SDK client constructions: v3 `new S3Client()`, `DynamoDBDocumentClient.from()`,
// v2 `new AWS.S3()`, `new AWS.DynamoDB.DocumentClient()`, `new S3()` from 'aws-sdk/clients/s3'.
// Commands, credentials, configs and helpers (`new GetObjectCommand`, `new Upload`) are not clients.
import type { Node } from '@babel/types';
import { dottedName, unwrapExpression } from '../analysis/ast';
import { lowerCamel } from './names';
import { resolveImportedPath, type ImportedBinding } from './imported-bindings';

export interface SdkConstruction {
  /** the class as written, for messages: `S3Client`, `AWS.S3`, `DynamoDBDocumentClient.from` */
  display: string;
  /** a readable variable name for a hoisted instance */
  suggestedName: string;
}

const V2_NOT_CLIENTS = /(Credentials|^Config|^Endpoint|^Http\w*|^Request|^Response|^Service|^EventListeners|^SequentialExecutor|^ParamValidator|^MetadataService|^Signers|^util|^ManagedUpload|^Token\w*)$/;

const V3_CLIENT_PACKAGE = /^@aws-sdk\/(client-[a-z0-9-]+|lib-dynamodb)$/;
const CLIENT_CLASS = /Client$/;
const CAPITALISED = /^[A-Z]/;
const V2_SINGLE_CLIENT = /^aws-sdk\/clients\/([a-z0-9]+)$/;
const DOCUMENT_CLIENT = /^DynamoDBDocument(Client)?$/;

/**
 * Does the class of a `new` (or the object of a static call like `X.from()`) start from an
 * imported name? A cheap necessary condition for sdkConstruction, tested first on every node.
 */
export function startsFromImport(node: Node, imports: Map<string, ImportedBinding>): boolean {
  let n: Node | null | undefined;
  if (node.type === 'NewExpression') n = node.callee;
  else if (node.type === 'CallExpression') {
    const callee = unwrapExpression(node.callee);
    if (callee?.type !== 'MemberExpression') return false;
    n = callee.object;
  } else return false;
  for (n = unwrapExpression(n); n?.type === 'MemberExpression'; n = unwrapExpression(n.object));
  return n?.type === 'Identifier' && imports.has(n.name);
}

export function sdkConstruction(node: Node, imports: Map<string, ImportedBinding>): SdkConstruction | null {
  if (node.type === 'NewExpression') {
    const target = resolveImportedPath(node.callee, imports);
    if (!target) return null;
    // most `new`s of an import are commands (`new GetObjectCommand(…)`): the class name is tested
    // first, and the written name spelled only for a client
    const last = target.path.slice(target.path.lastIndexOf('.') + 1);
    if (CLIENT_CLASS.test(last) && V3_CLIENT_PACKAGE.test(target.source)) {
      return { display: dottedName(node.callee) ?? last, suggestedName: lowerCamel(last) };
    }
    if (target.source === 'aws-sdk' && target.path && !target.path.split('.').some((s) => V2_NOT_CLIENTS.test(s)) && CAPITALISED.test(target.path)) {
      return { display: dottedName(node.callee) ?? last, suggestedName: lowerCamel(last) };
    }
    if (V2_SINGLE_CLIENT.test(target.source) && (target.path === '' || target.path === 'DocumentClient')) {
      return { display: dottedName(node.callee) ?? last, suggestedName: lowerCamel(target.path || target.local) };
    }
    return null;
  }
  if (node.type === 'CallExpression') {
    const callee = unwrapExpression(node.callee);
    if (callee?.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || callee.property.name !== 'from') return null;
    const target = resolveImportedPath(callee.object, imports);
    if (!target || target.source !== '@aws-sdk/lib-dynamodb' || !DOCUMENT_CLIENT.test(target.path)) return null;
    return { display: `${target.local}.from`, suggestedName: target.path === 'DynamoDBDocument' ? 'documentClient' : 'docClient' };
  }
  return null;
}
