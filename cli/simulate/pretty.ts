// The human-readable simulation report.
import { relative, sep } from 'node:path';
import type { Palette } from '../format/color';
import type { InvocationResult } from './protocol';
import type { LikelyCause, SimulationReport } from './report';

const MAX_RACES_SHOWN = 5;

export function formatPretty(report: SimulationReport, cwd: string, p: Palette): string {
  const file = relative(cwd, report.handler.file) || report.handler.file;
  const s = report.settings;
  const lines: string[] = [];
  lines.push(p.bold(`simulate ${file} (export ${report.handler.export}): ${plural(s.workers, 'worker')} x ${s.concurrency} concurrent, ${plural(s.invocations, 'invocation')}`));
  if (report.outcome === 'rejected-at-init') {
    const r = report.rejectedAtInit!;
    lines.push(p.red(`REJECTED AT INIT  ${r.errorType}: ${r.errorMessage}`));
    lines.push(...causeLines(report, p));
    return lines.join('\n') + '\n';
  }
  lines.push(`init: ${report.workers.map((w) => `worker ${w.index} once in ${w.initMs} ms`).join(', ')}`);
  lines.push('');

  if (report.races.length) {
    lines.push(p.red(p.bold(`RACES: ${report.races.length} of ${report.summary.invocations} invocations returned what no one-at-a-time order gives`)));
    for (const race of report.races.slice(0, MAX_RACES_SHOWN)) {
      lines.push(`  #${race.id} (worker ${race.worker}) event ${short(race.event)}`);
      lines.push(`    concurrent:                    ${showResult(race.concurrent)}`);
      lines.push(`    one at a time (start order):   ${showResult(race.sequential.startOrder)}`);
      lines.push(`    one at a time (finish order):  ${showResult(race.sequential.completionOrder)}`);
    }
    if (report.races.length > MAX_RACES_SHOWN) lines.push(p.dim(`  ... ${report.races.length - MAX_RACES_SHOWN} more (--format json lists all)`));
  } else {
    lines.push(p.green(`no races: every concurrent result matches a one-at-a-time run`));
  }
  if (report.failedOnlyUnderConcurrency.length) {
    lines.push(p.red(`failed only under concurrency: ${report.failedOnlyUnderConcurrency.map((i) => `#${i}`).join(' ')}`));
  }
  lines.push(...uncaughtLines(report, p));

  if (report.clients.length) {
    lines.push('');
    lines.push('clients constructed:');
    for (const c of report.clients) {
      const flag =
        c.maxPerWorker > 1 ? p.yellow(`  <- built ${c.maxPerWorker} times in one worker: hoist it to init (or memoize the promise)`) :
        c.inInvocations > 0 ? p.dim('  (built lazily, once per worker)') : '';
      const perWorker = c.perWorker.map((w) => w.atInit + w.inInvocations).join('/');
      lines.push(`  ${c.library} ${c.name}: ${c.total} (at init ${c.atInit}, in invocations ${c.inInvocations}; per worker ${perWorker})${flag}`);
    }
  }
  lines.push(...repeatedWorkLines(report, p));
  lines.push(...blockingLines(report, p));
  lines.push(...sharedConnectionLines(report, p));
  if (report.tmp.overwritten.length) {
    lines.push('');
    lines.push(p.red('/tmp files overwritten by another invocation while the writer was still running:'));
    const byPath = new Map<string, typeof report.tmp.overwritten>();
    for (const o of report.tmp.overwritten) byPath.set(o.path, [...(byPath.get(o.path) ?? []), o]);
    for (const [path, list] of byPath) {
      const invocations = new Set(list.flatMap((o) => [o.writtenBy, o.overwrittenBy])).size;
      lines.push(`  ${path}: ${list.length} time(s) among ${invocations} invocations (e.g. #${list[0].writtenBy}'s file overwritten by #${list[0].overwrittenBy})`);
    }
  }
  if (report.tmp.overwrittenAtInit.length) {
    lines.push('');
    lines.push(p.red('/tmp files written at init by one worker and written again at init by another:'));
    const byPath = new Map<string, typeof report.tmp.overwrittenAtInit>();
    for (const o of report.tmp.overwrittenAtInit) byPath.set(o.path, [...(byPath.get(o.path) ?? []), o]);
    for (const [path, list] of byPath) {
      const workers = [...new Set(list.flatMap((o) => [o.writtenByWorker, o.overwrittenByWorker]))].sort((a, b) => a - b);
      lines.push(`  ${path}: by the inits of workers ${workers.join(', ')} (e.g. worker ${list[0].writtenByWorker}'s file written again by worker ${list[0].overwrittenByWorker})`);
    }
    lines.push(p.yellow('  <- a worker starts (or restarts) while the others serve requests: their requests can read the file empty or half-written. Write it under a unique name and rename it into place'));
  }
  if (report.tmp.leftBehind.length) {
    lines.push('');
    lines.push(p.yellow(`left in /tmp after the run (${report.tmp.leftBehind.length}): ${report.tmp.leftBehind.slice(0, 10).join(', ')}${report.tmp.leftBehind.length > 10 ? ', ...' : ''}`));
  }
  if (report.races.length) lines.push(...causeLines(report, p));
  lines.push('');
  const warnings = [
    report.repeatedWork.length ? `${report.repeatedWork.length} repeated call(s)` : '',
    report.summary.blockingCallsInInvocations ? `${report.summary.blockingCallsInInvocations} blocking call(s)` : '',
    report.sharedConnections.length ? `${report.sharedConnections.length} shared connection(s)` : '',
  ].filter(Boolean);
  const also = warnings.length ? p.yellow(`; warnings: ${warnings.join(', ')}`) : '';
  const died = report.uncaughtExceptions.length ? p.red(`; ${plural(report.uncaughtExceptions.length, 'worker')} died of an uncaught exception`) : '';
  lines.push((report.races.length ? p.red(p.bold(`${report.races.length} race(s) found`)) : p.green(p.bold('no race found'))) + died + also);
  return lines.join('\n') + '\n';
}

const MAX_WARNINGS_SHOWN = 8;

function uncaughtLines(report: SimulationReport, p: Palette): string[] {
  const lines: string[] = [];
  for (const u of report.uncaughtExceptions) {
    const who = u.invocation === null ? 'thrown outside any invocation' : `thrown by #${u.invocation}'s code${u.afterResponse ? ' after its response (a callback or timer it left running)' : ''}`;
    const killed = u.killedInFlight.length ? `; in flight, died with it: ${u.killedInFlight.map((i) => `#${i}`).join(' ')}` : '';
    lines.push('', p.red(p.bold(`UNCAUGHT EXCEPTION: worker ${u.worker} died of ${u.errorType}: ${clip(u.errorMessage, 140)}`)));
    lines.push(`  ${who}${killed}`);
    lines.push(p.yellow('  <- on LMI the worker thread ends with every request in flight on it: handle the error where it is thrown (reject the promise the handler awaits)'));
  }
  return lines;
}

function repeatedWorkLines(report: SimulationReport, p: Palette): string[] {
  if (!report.repeatedWork.length) return [];
  const lines = ['', p.yellow(p.bold(`REPEATED WORK (warning): ${report.repeatedWork.length} call(s) made again and again with the same arguments`))];
  for (const r of report.repeatedWork.slice(0, MAX_WARNINGS_SHOWN)) {
    const worst = r.perWorker.reduce((a, b) => (b.atInit + b.inInvocations > a.atInit + a.inInvocations ? b : a));
    const inWorker = worst.atInit + worst.inInvocations;
    lines.push(`  ${clip(r.call, 110)}`);
    if (r.moreUnderConcurrency) {
      lines.push(`    ${inWorker} times in worker ${worst.worker} under concurrency, ${worst.oneAtATime} one at a time with the same events`);
      lines.push(p.yellow(`    <- a lazy init (or check-then-fill cache) that runs once per request in flight: memoize the promise (and reset it on failure), or do it at init`));
    } else {
      lines.push(`    ${inWorker} times in worker ${worst.worker} (${worst.inInvocations} during invocations); requests with ${r.distinctEvents} different events made it`);
      lines.push(
        p.yellow(
          r.kind === 'remote-read'
            ? `    <- the same read for every request: if the data does not change per request (a secret, a parameter, a config), load it at init or cache it with a TTL`
            : `    <- the same arguments give the same result: do it once at init (or memoize the promise)`,
        ),
      );
    }
  }
  if (report.repeatedWork.length > MAX_WARNINGS_SHOWN) lines.push(p.dim(`  ... ${report.repeatedWork.length - MAX_WARNINGS_SHOWN} more (--format json lists all)`));
  return lines;
}

function blockingLines(report: SimulationReport, p: Palette): string[] {
  if (!report.blockingCalls.length) return [];
  const lines = ['', p.yellow(p.bold('BLOCKING CALLS during invocations (warning): each stalls every other request of its worker'))];
  for (const b of report.blockingCalls.slice(0, MAX_WARNINGS_SHOWN)) {
    lines.push(`  ${b.fn}: ${plural(b.calls, 'call')} in ${plural(b.invocations, 'invocation')}, ${b.totalMs} ms in all (longest ${b.maxMs} ms)`);
  }
  if (report.blockingCalls.length > MAX_WARNINGS_SHOWN) lines.push(p.dim(`  ... ${report.blockingCalls.length - MAX_WARNINGS_SHOWN} more (--format json lists all)`));
  lines.push(p.yellow('  <- use the promise API (fs/promises, promisified crypto/zlib), or do the work at init'));
  return lines;
}

function sharedConnectionLines(report: SimulationReport, p: Palette): string[] {
  if (!report.sharedConnections.length) return [];
  const lines = ['', p.yellow(p.bold('SHARED CONNECTION (warning): one database connection used by several invocations at once'))];
  for (const c of report.sharedConnections) {
    const tx = c.intoOthersTransactions ? `; ${plural(c.intoOthersTransactions, 'statement')} sent inside another invocation's transaction` : '';
    lines.push(`  ${c.client} #${c.connection} (worker ${c.worker}): used by ${plural(c.invocations, 'invocation')}, up to ${c.maxAtOnce} at once${tx}`);
  }
  lines.push(p.yellow('  <- each request waits for the others, and transactions mix: use a pool (pool.query; pool.connect() and release() for a transaction)'));
  return lines;
}

function causeLines(report: SimulationReport, p: Palette): string[] {
  if (!report.likelyCauses.length) return [];
  // the handler's own lines by number, an imported module's with its path
  const own = (c: LikelyCause) => report.handler.file.split(sep).join('/').endsWith(`/${c.file}`);
  return ['', 'likely causes (lmi-migrate check):', ...report.likelyCauses.map((c) => `  ${own(c) ? `line ${c.line}` : `${c.file}:${c.line}`}  ${p.cyan(c.rule)}  ${c.message}`)];
}

function showResult(r: InvocationResult): string {
  return r.ok ? short(r.response) : `threw ${r.error.errorType}: ${r.error.errorMessage}`;
}

function short(value: unknown): string {
  return clip(JSON.stringify(value) ?? 'undefined', 120);
}

function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 3) + '...' : text;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
