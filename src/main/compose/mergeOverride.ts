import { plainOf, type Located, type LocatedMap, type LocatedSeq } from './locatedYaml';

/**
 * An override file laid over the main one, as compose merges them (a practical subset):
 * - mappings are merged key by key, the override's value winning for the same key;
 * - environment, labels, annotations, sysctls and build args are merged by variable name, whether
 *   written as a list ("NAME=value") or a mapping; depends_on and networks by service or network name;
 * - command, entrypoint and healthcheck's test are replaced as a whole;
 * - other sequences (ports, volumes, expose, dns, cap_add...) are appended, an entry written the
 *   same way in both files kept once;
 * - scalars, and values whose kind differs between the files, are replaced.
 * Not done: ports and volumes are de-duplicated by how they are written, not by their target as
 * compose v2 does; the !reset and !override tags are not honoured; extends and include are not followed.
 * Each merged value keeps where it is written (a key first written in the main file keeps its place there).
 */

const REPLACED = new Set(['command', 'entrypoint', 'test']);
const BY_VARIABLE = new Set(['environment', 'labels', 'annotations', 'sysctls', 'args']);
const BY_NAME = new Set(['depends_on', 'networks']);

export function mergeOverride(base: Located | null, override: Located | null): Located | null {
  if (!base) return override;
  if (!override) return base;
  return mergeValue(base, override, null);
}

function mergeValue(base: Located, override: Located, key: string | null): Located {
  if (key !== null && REPLACED.has(key)) return override;
  if (
    key !== null &&
    (BY_VARIABLE.has(key) || BY_NAME.has(key)) &&
    base.kind !== 'scalar' &&
    override.kind !== 'scalar'
  ) {
    const asMap = (node: LocatedMap | LocatedSeq) =>
      node.kind === 'map' ? node : listAsMap(node, BY_VARIABLE.has(key));
    if (base.kind === 'seq' && override.kind === 'seq' && BY_NAME.has(key)) return appendSeq(base, override);
    return mergeMaps(asMap(base), asMap(override));
  }
  if (base.kind === 'map' && override.kind === 'map') return mergeMaps(base, override);
  if (base.kind === 'seq' && override.kind === 'seq') return appendSeq(base, override);
  return override;
}

function mergeMaps(base: LocatedMap, override: LocatedMap): LocatedMap {
  const entries = new Map(base.entries);
  for (const [name, entry] of override.entries) {
    const existing = entries.get(name);
    entries.set(
      name,
      existing ? { keyPlace: existing.keyPlace, value: mergeValue(existing.value, entry.value, name) } : entry,
    );
  }
  return { kind: 'map', place: base.place, entries };
}

function appendSeq(base: LocatedSeq, override: LocatedSeq): LocatedSeq {
  const written = new Set(base.items.map((item) => JSON.stringify(plainOf(item))));
  const added = override.items.filter((item) => !written.has(JSON.stringify(plainOf(item))));
  return { kind: 'seq', place: base.place, items: [...base.items, ...added] };
}

/** ["NAME=value", "OTHER"] as {NAME: value, OTHER: null}; ["web", "db"] as {web: null, db: null}. */
function listAsMap(node: LocatedSeq, withValues: boolean): LocatedMap {
  const entries: LocatedMap['entries'] = new Map();
  for (const item of node.items) {
    if (item.kind !== 'scalar' || item.value === null) continue;
    const text = String(item.value);
    const equals = withValues ? text.indexOf('=') : -1;
    const name = equals === -1 ? text : text.slice(0, equals);
    const value = equals === -1 ? null : text.slice(equals + 1);
    entries.set(name, { keyPlace: item.place, value: { kind: 'scalar', place: item.place, value } });
  }
  return { kind: 'map', place: node.place, entries };
}
