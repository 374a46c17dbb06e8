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

/** Where the app is: a section and, for some, what it shows (a Hub repository, a run, a search). */
export interface Route {
  section: Section;
  /** e.g. "library/redis" under hub, a run id under run. */
  param: string | null;
  /** The Hub search's words, from #/hub?q=redis: a link (the guide's "Search for redis") opens that search. */
  query?: string;
}

export function routeFromHash(hash: string): Route | null {
  const whole = hash.replace(/^#\/?/, '');
  const questionMark = whole.indexOf('?');
  const path = questionMark === -1 ? whole : whole.slice(0, questionMark);
  const search = questionMark === -1 ? '' : whole.slice(questionMark + 1);
  const slash = path.indexOf('/');
  const name = slash === -1 ? path : path.slice(0, slash);
  if (!(sections as readonly string[]).includes(name)) return null;
  const param = slash === -1 ? null : decodeURIComponent(path.slice(slash + 1)) || null;
  const query = new URLSearchParams(search).get('q')?.trim();
  return query ? { section: name as Section, param, query } : { section: name as Section, param };
}

export function routeHash(route: Route): string {
  const param = route.param ? `/${route.param.split('/').map(encodeURIComponent).join('/')}` : '';
  const query = route.query?.trim() ? `?${new URLSearchParams({ q: route.query.trim() }).toString()}` : '';
  return `#/${route.section}${param}${query}`;
}
