// The client libraries whose constructions the simulator counts, and which of their exports
// build a client. A construction is counted once, where user code calls the export.

export interface ClientLibrary {
  /** package name as it appears under node_modules */
  package: string;
  /** entry points (package or package/subpath) whose exports are wrapped */
  entries: string[];
  /** exports called with `new` */
  constructors?: string[];
  /** exports called as functions (or static methods, written `Class.method`) */
  factories?: string[];
  /** the module's export itself is the client class (ioredis) */
  selfConstructor?: string;
  /** decides, per export, whether it is a client class (AWS SDK v3: anything with a `send` method) */
  isConstructor?: (name: string, value: unknown) => boolean;
  /** exports whose instances connect with `connect()`: each call recorded as work (connecting again per request) */
  connects?: string[];
  /** exports that build one connection (not a pool): their statements are watched for sharing */
  singleConnection?: string[];
  /** the statement methods of such a connection */
  statements?: string[];
  /** exported functions whose calls are expensive work (compiling a template) */
  workFunctions?: string[];
  /** methods of the exported class whose calls are expensive work (compiling a schema) */
  workMethods?: string[];
}

const hasSend = (name: string, value: unknown) =>
  typeof value === 'function' &&
  !name.endsWith('Command') &&
  typeof (value as { prototype?: { send?: unknown } }).prototype?.send === 'function';

export const CLIENT_LIBRARIES: ClientLibrary[] = [
  { package: 'pg', entries: ['pg'], constructors: ['Client', 'Pool'], connects: ['Client'], singleConnection: ['Client'], statements: ['query'] },
  {
    package: 'mysql',
    entries: ['mysql'],
    factories: ['createConnection', 'createPool', 'createPoolCluster'],
    connects: ['createConnection'],
    singleConnection: ['createConnection'],
    statements: ['query', 'beginTransaction', 'commit', 'rollback'],
  },
  {
    package: 'mysql2',
    entries: ['mysql2', 'mysql2/promise'],
    factories: ['createConnection', 'createPool', 'createPoolCluster'],
    connects: ['createConnection'],
    singleConnection: ['createConnection'],
    statements: ['query', 'execute', 'beginTransaction', 'commit', 'rollback'],
  },
  { package: 'mongodb', entries: ['mongodb'], constructors: ['MongoClient'], factories: ['MongoClient.connect'], connects: ['MongoClient', 'MongoClient.connect'] },
  { package: 'redis', entries: ['redis'], factories: ['createClient', 'createCluster'], connects: ['createClient', 'createCluster'] },
  { package: 'ioredis', entries: ['ioredis'], selfConstructor: 'Redis', constructors: ['Cluster'], connects: ['Redis', 'Cluster'] },
  {
    package: '@aws-sdk/lib-dynamodb',
    entries: ['@aws-sdk/lib-dynamodb'],
    constructors: ['DynamoDBDocumentClient', 'DynamoDBDocument'],
    factories: ['DynamoDBDocumentClient.from', 'DynamoDBDocument.from'],
  },
  // not clients: template and schema compilers, whose compile per request is repeated work
  { package: 'handlebars', entries: ['handlebars'], workFunctions: ['compile', 'precompile'] },
  { package: 'ajv', entries: ['ajv'], workMethods: ['compile', 'compileAsync'] },
  // not a client either: an ML model session, counted like one (loading the model per request is the cost)
  { package: 'onnxruntime-node', entries: ['onnxruntime-node'], constructors: ['InferenceSession'], factories: ['InferenceSession.create'] },
  // every v3 service client: @aws-sdk/client-s3, @aws-sdk/client-dynamodb, ...
  { package: '@aws-sdk/client-*', entries: [], isConstructor: hasSend },
  // v2: AWS.S3, AWS.DynamoDB, AWS.DynamoDB.DocumentClient, ... (see wrapAwsSdkV2)
  { package: 'aws-sdk', entries: ['aws-sdk'] },
];

export function libraryFor(packageName: string): ClientLibrary | undefined {
  return CLIENT_LIBRARIES.find((l) => l.package === packageName || (l.package.endsWith('*') && packageName.startsWith(l.package.slice(0, -1))));
}
