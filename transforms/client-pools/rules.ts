// The rules of the client-pools family. Each reports from the same plan the transform applies,
// so `fixable: true` means exactly "the transform rewrites this".
import type { Rule } from '../types';
import { MYSQL, PG } from './db-driver';
import { DB_SINGLE_CONNECTION, planDb } from './plan-db';
import { planOrmPools } from './plan-orm-pools';
import { CLIENT_PER_INVOCATION, planSdkClients } from './plan-sdk-clients';
import { planSharedClients } from './plan-shared-clients';
import { MONGO, REDIS } from './shared-client-family';

export const clientPerInvocation: Rule = {
  id: CLIENT_PER_INVOCATION,
  title: 'AWS SDK client constructed on every invocation',
  severity: 'warning',
  docs: CLIENT_PER_INVOCATION,
  fixedBy: 'client-pools',
  // every recognised client class is imported from a module whose name contains this
  needs: ['aws-sdk'],
  handlerFilesOnly: true,
  check: (ctx) => (ctx.analysis.handlers.length ? planSdkClients(ctx.analysis).reports : []),
};

export const dbSingleConnection: Rule = {
  id: DB_SINGLE_CONNECTION,
  title: 'One database connection shared by concurrent requests, or opened per request',
  severity: 'warning',
  docs: DB_SINGLE_CONNECTION,
  fixedBy: 'client-pools',
  // connections come from 'pg', 'mysql', 'mysql2' or 'mysql2/promise'; pooled ORMs (info) from their packages
  needs: ['pg', 'mysql', 'knex', 'prisma', 'typeorm', 'sequelize', 'mongoose'],
  check: (ctx) => [...planDb(ctx.analysis, [PG, MYSQL]).reports, ...planOrmPools(ctx.analysis, DB_SINGLE_CONNECTION)],
};

export const mongoClientMisuse: Rule = {
  id: MONGO.rule,
  title: 'MongoClient created or connected on every invocation',
  severity: 'warning',
  docs: MONGO.rule,
  fixedBy: 'client-pools',
  // MongoClient is only recognised when imported from 'mongodb'
  needs: ['mongodb'],
  check: (ctx) => planSharedClients(ctx.analysis, MONGO).reports,
};

export const redisSharedStateful: Rule = {
  id: REDIS.rule,
  title: 'Redis client created per invocation, or stateful commands on a shared client',
  severity: 'warning',
  docs: REDIS.rule,
  fixedBy: 'client-pools',
  // clients are only recognised when imported from 'redis', '@redis/client' or 'ioredis'
  needs: ['redis'],
  check: (ctx) => planSharedClients(ctx.analysis, REDIS).reports,
};

export const CLIENT_POOLS_RULES: Rule[] = [clientPerInvocation, dbSingleConnection, mongoClientMisuse, redisSharedStateful];
