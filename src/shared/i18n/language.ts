/** The languages Berth speaks; the catalogs are en.ts and ko.ts. */
export type Language = 'ko' | 'en';

/** Korean when the system prefers it, English otherwise. */
export function detectLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'ko' || base === 'en') return base;
  }
  return 'en';
}
