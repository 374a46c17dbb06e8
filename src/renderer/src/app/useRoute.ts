import { useCallback, useEffect, useState } from 'react';
import { routeFromHash, routeHash, type Route, type Section } from './sections';

/**
 * Goes to a section. The third argument is the Hub search's words (#/hub?q=redis), or
 * `{ show }`: a container the Containers list shows even when it is stopped (#/containers?show=),
 * or `{ tab }`: the tab a details page opens on (#/containers/web?tab=terminal).
 */
export type Navigate = (
  section: Section,
  param?: string | null,
  extra?: string | { query?: string; show?: string | null; tab?: string },
) => void;

/** The current route lives in the URL hash, so a reload (or a test) can open any screen. */
export function useRoute(fallback: Section): [Route, Navigate] {
  const [route, setRoute] = useState<Route>(
    () => routeFromHash(window.location.hash) ?? { section: fallback, param: null },
  );
  useEffect(() => {
    const onHashChange = () => setRoute(routeFromHash(window.location.hash) ?? { section: fallback, param: null });
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [fallback]);
  const navigate = useCallback<Navigate>((section, param = null, extra) => {
    const { query, show, tab } =
      typeof extra === 'string' ? { query: extra, show: null, tab: undefined } : (extra ?? {});
    window.location.hash = routeHash({ section, param, query, show: show ?? undefined, tab });
  }, []);
  return [route, navigate];
}
