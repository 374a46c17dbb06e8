import { useTranslation } from 'react-i18next';
import { stripAnsi } from '../containers/details/logBuffer';

/** What the builder said outside any step (warnings, the legacy builder's notice), folded. */
export function BuildNotes({ notes }: { notes: readonly string[] }) {
  const { t } = useTranslation();
  if (notes.length === 0) return null;
  return (
    <details className="text-xs text-slate-600 dark:text-slate-400" data-testid="build-notes">
      <summary className="cursor-pointer rounded select-none focus-visible:outline-2 focus-visible:outline-sky-500">
        {t('buildSteps.notes', { count: notes.length })}
      </summary>
      <pre className="mt-1 max-h-32 overflow-auto rounded-md bg-slate-100 p-2 font-mono whitespace-pre-wrap dark:bg-slate-900">
        {stripAnsi(notes.join('\n'))}
      </pre>
    </details>
  );
}
