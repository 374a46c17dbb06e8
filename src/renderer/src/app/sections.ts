export const sections = [
  'containers',
  'images',
  'build',
  'compose',
  'volumes',
  'networks',
  'disk',
  'lessons',
  'hub',
  'installation',
  'settings',
  'run',
  'tray',
  'onboarding',
] as const;
export type Section = (typeof sections)[number];

/** Where the app is: a section and, for some, what it shows (a Hub repository, a run, a search). */
export interface Route {
  section: Section;
  /** e.g. "library/redis" under hub, a run id under run. */
  param: string | null;
  /** The Hub search's words, from #/hub?q=redis: a link (the guide's "Search for redis") opens that search. */
  query?: string;
  /** `?show=<container>`: a container the Containers list shows and highlights even when it is stopped. */
  show?: string;
}

export function routeFromHash(hash: string): Route | null {
  const whole = hash.replace(/^#\/?/, '');
  const questionMark = whole.indexOf('?');
  const path = questionMark === -1 ? whole : whole.slice(0, questionMark);
  const search = new URLSearchParams(questionMark === -1 ? '' : whole.slice(questionMark + 1));
  const slash = path.indexOf('/');
  const name = slash === -1 ? path : path.slice(0, slash);
  if (!(sections as readonly string[]).includes(name)) return null;
  const given = slash === -1 ? null : decodeURIComponent(path.slice(slash + 1)) || null;
  // The older volume lesson's address (#/lessons/volumes, in links kept from before) is lesson 6 now.
  const param = name === 'lessons' && given === 'volumes' ? 'portsAndVolumes' : given;
  const query = search.get('q')?.trim();
  const show = search.get('show');
  return { section: name as Section, param, ...(query ? { query } : {}), ...(show ? { show } : {}) };
}

export function routeHash(route: Route): string {
  const param = route.param ? `/${route.param.split('/').map(encodeURIComponent).join('/')}` : '';
  const search = new URLSearchParams();
  if (route.query?.trim()) search.set('q', route.query.trim());
  if (route.show) search.set('show', route.show);
  const query = search.size > 0 ? `?${search.toString()}` : '';
  return `#/${route.section}${param}${query}`;
}
