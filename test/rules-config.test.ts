// Config-file rules: runtime-version (SAM/CloudFormation, serverless.yml) and dependency-versions.
import { describe, expect, it } from 'vitest';
import { dependencyVersions } from '../transforms/config/dependency-versions';
import { runtimeVersion } from '../transforms/config/runtime-version';

const lines = (reports: Array<{ line?: number }>) => reports.map((r) => r.line);

describe('runtime-version in templates', () => {
  const sam = [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Transform: AWS::Serverless-2016-10-31',
    'Globals:',
    '  Function:',
    '    Runtime: nodejs18.x',
    '    Environment:',
    '      Variables:',
    '        TABLE: !Ref Orders',
    'Resources:',
    '  Orders:',
    '    Type: AWS::DynamoDB::Table',
    '  ApiFn:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      Handler: src/api.handler',
    '      Runtime: nodejs20.x',
    '      Role: !GetAtt ApiRole.Arn',
    '      Policies:',
    '        - !Sub "arn:aws:iam::${AWS::AccountId}:policy/x"',
    '  NewFn:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      Runtime: nodejs22.x',
    '      CodeUri: !If [IsProd, prod/, dev/]',
    '  Legacy:',
    '    Type: AWS::Lambda::Function',
    '    Properties:',
    '      Runtime: nodejs16.x',
    '  PyFn:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      Runtime: python3.12',
    'Outputs:',
    '  Api:',
    '    Value: !Join',
    '      - ""',
    '      - [!Ref ApiFn, "-x"]',
  ].join('\n');

  it('points at Globals and each function below nodejs22.x (CloudFormation tags parse)', () => {
    const reports = runtimeVersion.checkConfig('template.yaml', sam);
    expect(lines(reports)).toEqual([5, 16, 28]);
    expect(reports[0].message).toContain('nodejs18.x');
  });

  it('negative: nodejs22.x/24.x, non-Node runtimes, runtime given by !Ref', () => {
    const ok = [
      'Globals:',
      '  Function:',
      '    Runtime: nodejs24.x',
      'Resources:',
      '  A:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Runtime: !Ref RuntimeParam',
      '  B:',
      '    Type: AWS::Serverless::Function',
      '    Properties: { Runtime: nodejs22.x }',
      '  C:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Runtime: java21',
    ].join('\n');
    expect(runtimeVersion.checkConfig('template.yml', ok)).toEqual([]);
  });

  it('serverless.yml: provider.runtime and functions.*.runtime', () => {
    const sls = [
      'service: orders',
      'provider:',
      '  name: aws',
      '  runtime: nodejs18.x',
      'functions:',
      '  api:',
      '    handler: src/api.handler',
      '  worker:',
      '    handler: src/worker.handler',
      '    runtime: nodejs20.x',
      '  fresh:',
      '    handler: src/fresh.handler',
      '    runtime: nodejs22.x',
    ].join('\n');
    expect(lines(runtimeVersion.checkConfig('serverless.yml', sls))).toEqual([4, 10]);
    expect(runtimeVersion.checkConfig('serverless.yml', sls.replace('nodejs18.x', 'nodejs24.x').replace('nodejs20.x', 'nodejs22.x'))).toEqual([]);
  });

  it('unparseable YAML reports nothing rather than guessing', () => {
    expect(runtimeVersion.checkConfig('template.yaml', 'Resources: [\n  Runtime: nodejs18.x')).toEqual([]);
  });
});

describe('dependency-versions', () => {
  const pkg = JSON.stringify(
    {
      name: 'svc',
      dependencies: {
        '@aws-sdk/client-s3': '^3.500.0',
        '@aws-sdk/lib-dynamodb': '^3.940.0',
        'aws-xray-sdk-core': '~3.10.0',
        '@aws-lambda-powertools/logger': '2.35.0',
        '@aws/lambda-invoke-store': '^0.1.1',
        express: '^4.0.0',
      },
      devDependencies: {
        '@aws-lambda-powertools/tracer': '>=2.0.0',
        '@aws-sdk/client-sqs': 'workspace:*',
      },
    },
    null,
    2,
  );

  it('range-aware: the lowest admitted version counts; points at the line', () => {
    const reports = dependencyVersions.checkConfig('package.json', pkg);
    expect(lines(reports)).toEqual([4, 6, 8, 12]);
    expect(reports[0].message).toContain('3.500.0');
    const specs = ['@aws-sdk/client-s3@^3.500.0', 'aws-xray-sdk-core@~3.10.0', '@aws/lambda-invoke-store@^0.1.1', '@aws-lambda-powertools/tracer@>=2.0.0'];
    reports.forEach((r, i) => expect(r.message.startsWith(`${specs[i]} admits`)).toBe(true));
  });

  it('negative: versions at or above the minimums, unrelated packages, invalid JSON', () => {
    const ok = JSON.stringify({ dependencies: { '@aws-sdk/client-s3': '^3.933.0', 'aws-xray-sdk-core': '3.12.1', lodash: '^1.0.0' } });
    expect(dependencyVersions.checkConfig('package.json', ok)).toEqual([]);
    expect(dependencyVersions.checkConfig('package.json', '{ not json')).toEqual([]);
  });
});
