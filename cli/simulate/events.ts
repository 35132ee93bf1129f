// Where the invocations' events come from: a JSON file holding an array, a directory of *.json
// files (one event each, in name order), or generated simple distinct events.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export class EventsError extends Error {}

export function loadEvents(path: string): unknown[] {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new EventsError(`events not found: ${path}`);
  }
  if (stat.isDirectory()) {
    const files = readdirSync(path).filter((f) => f.endsWith('.json')).sort();
    if (files.length === 0) throw new EventsError(`no *.json events in ${path}`);
    return files.map((f) => parseJson(join(path, f)));
  }
  const parsed = parseJson(path);
  if (!Array.isArray(parsed)) throw new EventsError(`${path} must hold a JSON array of events (or pass a directory of *.json events)`);
  if (parsed.length === 0) throw new EventsError(`${path} holds no events`);
  return parsed;
}

function parseJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new EventsError(`cannot read events from ${file}: ${(e as Error).message}`);
  }
}

/** Simple events that differ from each other, so a response carrying another request's data shows. */
export function generatedEvents(count: number): unknown[] {
  return Array.from({ length: count }, (_, i) => ({ id: i + 1, key: `key-${i + 1}`, value: (i + 1) * 10 }));
}

/** `count` invocations cycling through the events. */
export function invocationEvents(events: unknown[], count: number): unknown[] {
  return Array.from({ length: count }, (_, i) => events[i % events.length]);
}
