export const sections = [
  'containers',
  'images',
  'hub',
  'installation',
  'settings',
  'run',
  'tray',
  'onboarding',
] as const;
export type Section = (typeof sections)[number];

/** Where the app is: a section and, for some, what it shows (a Hub repository, a run). */
export interface Route {
  section: Section;
  /** e.g. "library/redis" under hub, a run id under run. */
  param: string | null;
  /** `?show=<container>`: a container the Containers list shows and highlights even when it is stopped. */
  show?: string | null;
}

export function routeFromHash(hash: string): Route | null {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const slash = path.indexOf('/');
  const name = slash === -1 ? path : path.slice(0, slash);
  if (!(sections as readonly string[]).includes(name)) return null;
  const param = slash === -1 ? null : decodeURIComponent(path.slice(slash + 1)) || null;
  const show = new URLSearchParams(query).get('show');
  return { section: name as Section, param, ...(show ? { show } : {}) };
}

export function routeHash(route: Route): string {
  const param = route.param ? `/${route.param.split('/').map(encodeURIComponent).join('/')}` : '';
  const query = route.show ? `?${new URLSearchParams({ show: route.show }).toString()}` : '';
  return `#/${route.section}${param}${query}`;
}
