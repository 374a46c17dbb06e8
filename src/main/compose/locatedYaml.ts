import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

/**
 * A compose file read into a tree that remembers where each value and each key is written, so a
 * problem found after interpolation and merging can still name its file, line and column.
 */

export interface Place {
  /** The file's name inside the project folder. */
  file: string;
  /** 1-based. */
  line: number;
  column: number;
}

export type Located = LocatedMap | LocatedSeq | LocatedScalar;
export interface LocatedMap {
  kind: 'map';
  place: Place;
  /** Keys in the file's order; each with where the key itself is written. */
  entries: Map<string, { keyPlace: Place; value: Located }>;
}
export interface LocatedSeq {
  kind: 'seq';
  place: Place;
  items: Located[];
}
export interface LocatedScalar {
  kind: 'scalar';
  place: Place;
  value: string | number | boolean | null;
}

export interface YamlSyntaxError {
  detail: string;
  line: number | null;
  column: number | null;
}

export type ReadYaml = { ok: true; root: Located | null } | { ok: false; errors: YamlSyntaxError[] };

/** More nodes than any real compose file has: aliases of aliases (a "billion laughs") stop here. */
const MAX_NODES = 200_000;

class TooManyNodes extends Error {}

/** The parser's sentence without the excerpt it appends ("… at line 3, column 1:\n\n  x\n  ^"). */
function parserDetail(message: string): string {
  return (message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
}

/** Parses one compose file; a syntax error gives its place instead of a tree. */
export function readLocatedYaml(file: string, text: string): ReadYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, merge: true, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((error) => ({
        detail: parserDetail(error.message),
        line: error.linePos?.[0].line ?? null,
        column: error.linePos?.[0].col ?? null,
      })),
    };
  }
  const placeOf = (node: Node | null | undefined): Place => {
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  let count = 0;
  const convert = (raw: unknown, seen: Set<Node>): Located => {
    if (++count > MAX_NODES) throw new TooManyNodes();
    let node = raw as Node | null;
    if (node && isAlias(node)) {
      const target = node.resolve(doc as Document) as Node | undefined;
      // An alias inside the node it names would never end.
      if (!target || seen.has(target)) return { kind: 'scalar', place: placeOf(node), value: null };
      node = target;
    }
    const place = placeOf(node);
    if (node && isMap(node)) {
      const inner = new Set(seen).add(node);
      const entries = new Map<string, { keyPlace: Place; value: Located }>();
      const merged: Located[] = [];
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        if (isScalar(key) && (typeof key.value === 'symbol' || key.source === '<<')) {
          // `<<: *base`: the named maps' keys, unless written here too (later merges lose to earlier).
          const value = convert(pair.value, inner);
          merged.push(...(value.kind === 'seq' ? value.items : [value]));
          continue;
        }
        const name = isScalar(key) ? String(key.value) : String(key);
        entries.set(name, { keyPlace: placeOf(key), value: convert(pair.value, inner) });
      }
      for (const base of merged) {
        if (base.kind !== 'map') continue;
        for (const [name, entry] of base.entries) if (!entries.has(name)) entries.set(name, entry);
      }
      return { kind: 'map', place, entries };
    }
    if (node && isSeq(node)) {
      const inner = new Set(seen).add(node);
      return { kind: 'seq', place, items: node.items.map((item) => convert(item, inner)) };
    }
    const value = node && isScalar(node) ? node.value : null;
    return {
      kind: 'scalar',
      place,
      value:
        typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null
          ? value
          : String(value),
    };
  };
  try {
    return { ok: true, root: doc.contents === null ? null : convert(doc.contents, new Set()) };
  } catch (error) {
    if (!(error instanceof TooManyNodes)) throw error;
    return {
      ok: false,
      errors: [{ detail: 'Too many aliases: the file expands beyond any compose file.', line: null, column: null }],
    };
  }
}

/** The plain value (what compose reads), for the schema and the model. */
export function plainOf(node: Located): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(plainOf);
  const result: Record<string, unknown> = {};
  for (const [name, entry] of node.entries) {
    // A defined property, never the prototype's setter: `__proto__:` is a key like any other.
    Object.defineProperty(result, name, {
      value: plainOf(entry.value),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}

/** The node at a path of keys and indexes, with where its key is written when it has one. */
export function nodeAt(
  root: Located | null,
  segments: readonly string[],
): { node: Located | null; keyPlace: Place | null; parentKinds: ('map' | 'seq')[] } {
  let node = root;
  let keyPlace: Place | null = null;
  const parentKinds: ('map' | 'seq')[] = [];
  for (const segment of segments) {
    if (!node) break;
    if (node.kind === 'map') {
      const entry = node.entries.get(segment);
      parentKinds.push('map');
      keyPlace = entry?.keyPlace ?? null;
      node = entry?.value ?? null;
    } else if (node.kind === 'seq') {
      parentKinds.push('seq');
      keyPlace = null;
      node = node.items[Number(segment)] ?? null;
    } else {
      node = null;
    }
  }
  return { node, keyPlace, parentKinds };
}

/** "services.web.ports[0]", as compose says where a problem is. */
export function pathText(segments: readonly string[], parentKinds: readonly ('map' | 'seq')[]): string {
  let text = '';
  segments.forEach((segment, index) => {
    if (parentKinds[index] === 'seq') text += `[${segment}]`;
    else text += text === '' ? segment : `.${segment}`;
  });
  return text;
}
