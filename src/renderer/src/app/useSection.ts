import { useCallback, useEffect, useState } from 'react';
import { sectionFromHash, type Section } from './sections';

/** The current section lives in the URL hash, so a reload (or a test) can open any screen. */
export function useSection(fallback: Section): [Section, (section: Section) => void] {
  const [section, setSection] = useState<Section>(() => sectionFromHash(window.location.hash) ?? fallback);
  useEffect(() => {
    const onHashChange = () => setSection(sectionFromHash(window.location.hash) ?? fallback);
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [fallback]);
  const navigate = useCallback((next: Section) => {
    window.location.hash = `/${next}`;
  }, []);
  return [section, navigate];
}
