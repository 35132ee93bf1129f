// Package specifier → its fake, relative to this folder.
export const FAKE_FILES = new Map([
  ['pg', './node_modules/pg/index.js'],
  ['mongodb', './node_modules/mongodb/index.js'],
  ['mysql2', './node_modules/mysql2/index.js'],
  ['mysql2/promise', './node_modules/mysql2/promise.js'],
  ['redis', './node_modules/redis/index.js'],
  ['@aws-sdk/client-s3', './node_modules/@aws-sdk/client-s3/index.js'],
  ['@aws-sdk/client-dynamodb', './node_modules/@aws-sdk/client-dynamodb/index.js'],
  ['@aws-sdk/lib-dynamodb', './node_modules/@aws-sdk/lib-dynamodb/index.js'],
  ['@aws-sdk/s3-request-presigner', './node_modules/@aws-sdk/s3-request-presigner/index.js'],
  ['@middy/core', './node_modules/@middy/core/index.js'],
  ['@aws-sdk/client-secrets-manager', './node_modules/@aws-sdk/client-secrets-manager/index.js'],
  ['axios', './node_modules/axios/index.js'],
  ['express', './node_modules/express/index.js'],
]);
