/** Every leaf of a catalog as [dotted key, value]. */
export function catalogLeaves(catalog: object, prefix = ''): Array<[string, unknown]> {
  return Object.entries(catalog).flatMap(([key, value]): Array<[string, unknown]> => {
    const dotted = prefix ? `${prefix}.${key}` : key;
    return value !== null && typeof value === 'object' ? catalogLeaves(value, dotted) : [[dotted, value]];
  });
}
