import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineLine } from '../../src/main/tray/trayModel';
import { createTranslator } from '../../src/shared/i18n/translator';
import { problemText } from '../../src/shared/problemText';
import { disconnectedStatus } from '../fixtures/builders/engineStatus';

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('one problem-text lookup for the renderer and the tray', () => {
  it('looks problems up in the catalog in src/shared/problemText.ts only', () => {
    // Asked of the loaded catalog by key (the renderer loads one language), in one place.
    const lookups = sourceFiles('src').filter((file) => /[`'"]problem\.\$\{/.test(readFileSync(file, 'utf8')));
    expect(lookups).toEqual([join('src', 'shared', 'problemText.ts')]);
    expect(sourceFiles('src').filter((file) => /\ben\.problem\b/.test(readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('gives the tray the same title the renderer shows, in both languages, and the generic one for an unknown code', () => {
    for (const language of ['en', 'ko'] as const) {
      const t = createTranslator(language);
      const problem = { code: 'engine-permission-denied' as const, message: 'EACCES' };
      const status = disconnectedStatus({ problem });
      expect(engineLine(status, t)).toBe(problemText(t, problem).title);
      expect(problemText(t, problem).title).toBe(t('problem.engine-permission-denied.title'));
      expect(problemText(t, { code: 'no-such-code' as never }).title).toBe(t('problem.generic.title'));
      expect(problemText(t, null).body).toBe(t('problem.generic.body'));
    }
  });
});
