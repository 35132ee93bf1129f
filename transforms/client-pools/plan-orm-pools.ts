// Knex, Prisma, TypeORM, Sequelize and mongoose pool already (never rewritten), but their
// default pool sizes are meant for one process, not for one pool per worker thread. An info
// finding asks for an explicit small size where the code leaves it at the default.
import type { Node, ObjectExpression } from '@babel/types';
import { requireSource, staticString, unwrapExpression } from '../analysis/ast';
import type { FileAnalysis } from '../analysis/file-analysis';
import type { RuleReport } from '../types';
import { fileImports, resolveImportedPath, type ImportedBinding } from './imported-bindings';
import { moduleConsts } from './independence';

interface Orm {
  name: string;
  defaultSize: string;
  setting: string;
  /** the options object to inspect, or null when this call is not the ORM's pool */
  options(node: Node, imports: Map<string, ImportedBinding>): { options: Node | null } | null;
  /** true when the options set a pool size (or rule the pool out, e.g. SQLite) */
  sized(options: ObjectExpression, resolve: (n: Node | null | undefined) => Node | null | undefined): boolean;
}

function prop(obj: Node | null | undefined, key: string): Node | null {
  if (obj?.type !== 'ObjectExpression') return null;
  for (const p of obj.properties) {
    if (p.type === 'ObjectProperty' && !p.computed && ((p.key.type === 'Identifier' && p.key.name === key) || (p.key.type === 'StringLiteral' && p.key.value === key))) return p.value as Node;
  }
  return null;
}

function from(node: Node, imports: Map<string, ImportedBinding>, sources: RegExp, paths: string[]): boolean {
  const t = resolveImportedPath(node, imports);
  return !!t && sources.test(t.source) && paths.includes(t.path);
}

const NO_POOL_DIALECTS = /^(sqlite|better-sqlite3|sqljs|capacitor|cordova|expo|react-native|nativescript)$/;

const ORMS: Orm[] = [
  {
    name: 'Knex',
    defaultSize: 'max 10',
    setting: '`pool: { min: 0, max: Number(process.env.DB_POOL_MAX ?? 2) }`',
    options(node, imports) {
      if (node.type !== 'CallExpression') return null;
      const callee = unwrapExpression(node.callee);
      const isKnex = requireSource(callee) === 'knex' || from(callee!, imports, /^knex$/, ['', 'knex', 'default']);
      return isKnex ? { options: node.arguments[0] ?? null } : null;
    },
    sized: (o, r) => !!prop(r(prop(o, 'pool')), 'max') || NO_POOL_DIALECTS.test(staticString(prop(o, 'client')) ?? ''),
  },
  {
    name: 'Prisma',
    defaultSize: 'num_cpus × 2 + 1 connections',
    setting: '`connection_limit=2` in the database URL (or a driver adapter over a small pool)',
    options(node, imports) {
      return node.type === 'NewExpression' && from(node.callee, imports, /^@prisma\/client/, ['PrismaClient']) ? { options: node.arguments[0] ?? null } : null;
    },
    sized: (o) => !!prop(o, 'adapter'),
  },
  {
    name: 'TypeORM',
    defaultSize: 'the driver default, 10 for pg and mysql',
    setting: '`poolSize: Number(process.env.DB_POOL_MAX ?? 2)`',
    options(node, imports) {
      const isDataSource = node.type === 'NewExpression' && from(node.callee, imports, /^typeorm$/, ['DataSource']);
      const isConnect = node.type === 'CallExpression' && from(node.callee, imports, /^typeorm$/, ['createConnection']);
      return isDataSource || isConnect ? { options: (node as { arguments: Node[] }).arguments[0] ?? null } : null;
    },
    sized: (o, r) => {
      const extra = r(prop(o, 'extra'));
      return !!(prop(o, 'poolSize') || prop(extra, 'max') || prop(extra, 'connectionLimit')) || NO_POOL_DIALECTS.test(staticString(prop(o, 'type')) ?? '');
    },
  },
  {
    name: 'Sequelize',
    defaultSize: 'max 5',
    setting: '`pool: { max: Number(process.env.DB_POOL_MAX ?? 2) }`',
    options(node, imports) {
      if (node.type !== 'NewExpression' || !from(node.callee, imports, /^(sequelize|@sequelize\/core)$/, ['', 'Sequelize', 'default'])) return null;
      const last = node.arguments[node.arguments.length - 1] as Node | undefined;
      return { options: last && unwrapExpression(last)?.type === 'ObjectExpression' ? last : null };
    },
    sized: (o, r) => !!prop(r(prop(o, 'pool')), 'max') || NO_POOL_DIALECTS.test(staticString(prop(o, 'dialect')) ?? ''),
  },
  {
    name: 'mongoose',
    defaultSize: 'maxPoolSize 100',
    setting: '`maxPoolSize: Number(process.env.DB_POOL_MAX ?? 2)`',
    options(node, imports) {
      if (node.type !== 'CallExpression') return null;
      const callee = unwrapExpression(node.callee);
      if (callee?.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || !['connect', 'createConnection'].includes(callee.property.name)) return null;
      if (!from(callee.object, imports, /^mongoose$/, ['', 'default'])) return null;
      // sized in the URI: nothing to report
      if (/maxPoolSize=/i.test(staticString(node.arguments[0] as Node) ?? '')) return null;
      return { options: (node.arguments[1] as Node | undefined) ?? null };
    },
    sized: (o) => !!(prop(o, 'maxPoolSize') || prop(o, 'poolSize')),
  },
];

export function planOrmPools(analysis: FileAnalysis, rule: string): RuleReport[] {
  const imports = fileImports(analysis);
  const consts = moduleConsts(analysis.ast.program);
  const resolve = (n: Node | null | undefined): Node | null | undefined => {
    const u = unwrapExpression(n);
    return u?.type === 'Identifier' && consts.has(u.name) ? unwrapExpression(consts.get(u.name)) : u;
  };
  const reports: RuleReport[] = [];
  const prismaUrlSized = analysis.source.includes('connection_limit');
  for (const node of [...analysis.index.ofType('CallExpression'), ...analysis.index.ofType('NewExpression')]) {
    for (const orm of ORMS) {
      const found = orm.options(node, imports);
      if (!found) continue;
      if (analysis.isSuppressed(rule, node.loc?.start.line ?? 0)) break;
      const options = found.options ? resolve(found.options) : null;
      if (found.options && options?.type !== 'ObjectExpression') break; // options built elsewhere: cannot tell
      if (options && orm.sized(options as ObjectExpression, resolve)) break;
      if (orm.name === 'Prisma' && prismaUrlSized) break;
      reports.push({
        node,
        severity: 'info',
        message: `${orm.name} pools connections, but its pool is left at the default size (${orm.defaultSize}); every worker thread has its own pool, so connections = environments × workers × pool size`,
        hint: `Size it per worker: ${orm.setting}.`,
        fixable: false,
      });
      break;
    }
  }
  return reports.sort((a, b) => (a.node?.start ?? 0) - (b.node?.start ?? 0));
}
