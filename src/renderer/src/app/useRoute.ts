import { useCallback, useEffect, useState } from 'react';
import { routeFromHash, routeHash, type Route, type Section } from './sections';

export type Navigate = (section: Section, param?: string | null, options?: { show?: string | null }) => void;

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
  const navigate = useCallback<Navigate>((section, param = null, options) => {
    window.location.hash = routeHash({ section, param, show: options?.show ?? null });
  }, []);
  return [route, navigate];
}
