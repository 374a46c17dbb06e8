export const sections = ['containers', 'images', 'hub', 'installation', 'settings'] as const;
export type Section = (typeof sections)[number];

export function sectionFromHash(hash: string): Section | null {
  const name = hash.replace(/^#\/?/, '');
  return (sections as readonly string[]).includes(name) ? (name as Section) : null;
}
