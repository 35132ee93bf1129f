import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../transforms/analysis/cfn-yaml';
import { buildImportGraph } from '../../transforms/analysis/import-graph';
import { buildProjectInfo } from '../../transforms/analysis/project-info';
import { analyseSource } from '../../transforms/engine/analyse-source';
import { handlersFromTemplate, splitHandlerString } from '../../transforms/analysis/template-handlers';

const SAM = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    CodeUri: src/
    Environment:
      Variables:
        TABLE: !Ref OrdersTable
        URL: !Sub "https://\${Api}.execute-api.\${AWS::Region}.amazonaws.com"
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: orders.handler
      Role: !GetAtt OrdersRole.Arn
      Policies:
        - DynamoDBCrudPolicy:
            TableName: !Ref OrdersTable
  UsersFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: ./users
      Handler: api/users.main
      Timeout: !If [IsProd, 30, !Select [0, !Split [",", "10,20"]]]
  ReportFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.lambdaHandler
      CodeUri: reports/
    Metadata:
      BuildMethod: esbuild
      BuildProperties:
        EntryPoints:
          - app.ts
  PythonFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.lambda_handler
  RemoteFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: { Bucket: b, Key: k }
      Handler: remote.handler
  Raw:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Code: ./raw
      Handler: index.process.inner
  OrdersTable:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: !Join ['-', [orders, !Ref Stage]]
      StreamSpecification: !FindInMap [Env, !Ref Stage, Stream]
      Tags: !Base64 { "Fn::Sub": x }
  Cidrs:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: !Select [0, !Cidr [!GetAtt Vpc.CidrBlock, 1, 8]]
      Other: !ImportValue shared-vpc
      Azs: !GetAZs ''
      Flag: !And [!Not [!Condition IsProd], !Or [!Condition A, !Condition B]]
`;

describe('CloudFormation YAML tags', () => {
  it('reads short forms (scalar, sequence, mapping) as the long form', () => {
    const doc = parseTemplate(SAM) as any;
    expect(doc.Globals.Function.Environment.Variables.TABLE).toEqual({ Ref: 'OrdersTable' });
    expect(doc.Resources.OrdersFunction.Properties.Role).toEqual({ 'Fn::GetAtt': ['OrdersRole', 'Arn'] });
    expect(doc.Conditions.IsProd).toEqual({ 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] });
    expect(doc.Resources.UsersFunction.Properties.Timeout).toEqual({
      'Fn::If': ['IsProd', 30, { 'Fn::Select': [0, { 'Fn::Split': [',', '10,20'] }] }],
    });
    expect(doc.Resources.OrdersTable.Properties.Tags).toEqual({ 'Fn::Base64': { 'Fn::Sub': 'x' } });
    expect(doc.Resources.Cidrs.Properties.Flag).toEqual({
      'Fn::And': [{ 'Fn::Not': [{ Condition: 'IsProd' }] }, { 'Fn::Or': [{ Condition: 'A' }, { Condition: 'B' }] }],
    });
    expect(doc.Resources.Cidrs.Properties.Other).toEqual({ 'Fn::ImportValue': 'shared-vpc' });
  });
});

describe('handler strings', () => {
  it.each([
    ['orders.handler', { module: 'orders', exportName: 'handler' }],
    ['src/orders.handler', { module: 'src/orders', exportName: 'handler' }],
    ['dist/v1.2/app.main', { module: 'dist/v1.2/app', exportName: 'main' }],
    ['index.process.inner', { module: 'index', exportName: 'process' }],
  ])('%s', (s, expected) => expect(splitHandlerString(s)).toEqual(expected));

  it.each(['noDot', '.handler', 'app.', '${self:custom.h}'])('rejects %s', (s) => expect(splitHandlerString(s)).toBeNull());
});

describe('handlersFromTemplate', () => {
  it('reads SAM functions with CodeUri, Globals, esbuild EntryPoints; skips non-Node and remote code', () => {
    expect(handlersFromTemplate('infra/template.yaml', SAM)).toEqual([
      { module: 'infra/src/orders', exportName: 'handler' },
      { module: 'infra/users/api/users', exportName: 'main' },
      { module: 'infra/reports/app', exportName: 'lambdaHandler' },
      { module: 'infra/raw/index', exportName: 'process' },
    ]);
  });

  it('defaults CodeUri to the template directory', () => {
    const t = 'Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: src/app.handler\n';
    expect(handlersFromTemplate('template.yaml', t)).toEqual([{ module: 'src/app', exportName: 'handler' }]);
  });

  it('reads JSON templates', () => {
    const t = JSON.stringify({ Resources: { F: { Type: 'AWS::Serverless::Function', Properties: { Handler: 'a.go', CodeUri: 'fn' } } } });
    expect(handlersFromTemplate('template.json', t)).toEqual([{ module: 'fn/a', exportName: 'go' }]);
  });

  it('reads serverless.yml functions', () => {
    const t = `service: shop
provider:
  name: aws
  runtime: nodejs20.x
functions:
  create:
    handler: src/orders.create
  list:
    handler: src/orders.listHandler
  py:
    runtime: python3.12
    handler: py/app.handler
  variable:
    handler: \${self:custom.handler}
`;
    expect(handlersFromTemplate('svc/serverless.yml', t)).toEqual([
      { module: 'svc/src/orders', exportName: 'create' },
      { module: 'svc/src/orders', exportName: 'listHandler' },
    ]);
  });

  it('returns nothing for malformed or unrelated YAML', () => {
    expect(handlersFromTemplate('template.yaml', 'Resources: [\n')).toEqual([]);
    expect(handlersFromTemplate('docker-compose.yml', 'services:\n  web: {}\n')).toEqual([]);
  });
});

describe('buildProjectInfo', () => {
  const project = buildProjectInfo({
    templates: [
      { path: 'template.yaml', source: SAM },
      { path: 'svc/serverless.yml', source: 'service: s\nfunctions:\n  a:\n    handler: handler.process\n' },
    ],
    packageJsons: [
      { path: 'package.json', source: '{"type":"module"}' },
      { path: 'legacy/package.json', source: '{"name":"legacy"}' },
      { path: 'cjs/package.json', source: '{"type":"commonjs"}' },
      { path: 'broken/package.json', source: '{' },
    ],
  });

  it('gives handler hints for the file whatever its extension', () => {
    expect(project.handlerHints('src/orders.js')).toEqual(['handler']);
    expect(project.handlerHints('src/orders.ts')).toEqual(['handler']);
    expect(project.handlerHints('./users/api/users.mjs')).toEqual(['main']);
    expect(project.handlerHints('reports/app.ts')).toEqual(['lambdaHandler']);
    expect(project.handlerHints('svc/handler.cjs')).toEqual(['process']);
    expect(project.handlerHints('src/other.js')).toEqual([]);
  });

  it('takes "type" from the nearest package.json at or above the file', () => {
    expect(project.packageType('src/orders.js')).toBe('module');
    expect(project.packageType('index.js')).toBe('module');
    expect(project.packageType('cjs/deep/x.js')).toBe('commonjs');
    // nearest wins even without "type" (Node then treats .js as CommonJS)
    expect(project.packageType('legacy/x.js')).toBeUndefined();
    expect(project.packageType('broken/x.js')).toBeUndefined();
  });

  it('finds a package.json above the cwd', () => {
    const p = buildProjectInfo({ templates: [], packageJsons: [{ path: '../package.json', source: '{"type":"module"}' }] });
    expect(p.packageType('src/a.js')).toBe('module');
    expect(p.packageType('../../elsewhere/a.js')).toBeUndefined();
  });

  it('answers handlersReaching from the graph, or nothing without one', () => {
    expect(project.handlersReaching('src/db.js')).toEqual([]);
    const graph = buildImportGraph([
      { file: 'src/orders.js', imports: ['./db'], hasHandler: true },
      { file: 'src/db.js', imports: [], hasHandler: false },
    ]);
    const withGraph = buildProjectInfo({ templates: [], packageJsons: [], graph });
    expect(withGraph.handlersReaching('src/db.js')).toEqual(['src/orders.js']);
  });
});

describe('handler hints end to end', () => {
  it('a template makes a non-standard export name a handler of that file only', () => {
    const template = 'Resources:\n  Job:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n      Handler: jobs.run\n';
    const project = buildProjectInfo({ templates: [{ path: 'template.yaml', source: template }], packageJsons: [] });
    const src = 'export const run = async (event) => event;\n';
    expect(analyseSource('src/jobs.ts', src, [], project).hasHandler).toBe(true);
    expect(analyseSource('src/other.ts', src, [], project).hasHandler).toBe(false);
    expect(analyseSource('src/jobs.ts', src, []).hasHandler).toBe(false);
  });
});
