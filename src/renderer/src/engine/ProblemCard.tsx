import { useTranslation } from 'react-i18next';
import type { WireError } from '../../../shared/errors';
import { WarningIcon } from '../ui/icons';
import { problemText } from '../../../shared/problemText';
import { joinSentences } from './problemText';
import type { ReactNode } from 'react';

/**
 * A failure as a beginner sees it: what happened, what to do, and the raw detail folded away. With
 * a heading, the problem's title becomes the first sentence under it (why), before what to do.
 */
export function ProblemCard({
  problem,
  searched,
  heading,
  advice,
  children,
}: {
  problem: WireError;
  searched?: string[];
  heading?: string;
  /** What to do, where the screen knows better than the code's general next step (it replaces that). */
  advice?: ReactNode;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const text = problemText(t, problem);
  return (
    <section
      role="alert"
      data-testid="problem"
      data-problem={problem.code}
      className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950 dark:border-amber-700/60 dark:bg-amber-950/40 dark:text-amber-100"
    >
      <div className="flex gap-3">
        <WarningIcon className="mt-0.5 h-5 w-5 shrink-0 text-amber-600 dark:text-amber-400" />
        <div className="min-w-0 flex-1">
          <h2 className="font-semibold">{heading ?? text.title}</h2>
          <p className="mt-1 text-sm leading-6">
            {advice ?? (heading ? joinSentences(text.title, text.body) : text.body)}
          </p>
          {searched && searched.length > 0 && (
            <div className="mt-2 text-sm">
              <span className="font-medium">{t('problem.searched')}:</span>
              <ul className="mt-1 list-inside list-disc font-mono text-xs">
                {searched.map((place) => (
                  <li key={place}>{place}</li>
                ))}
              </ul>
            </div>
          )}
          <details className="mt-2 text-xs">
            <summary className="cursor-pointer select-none opacity-80">{t('problem.details')}</summary>
            <p className="mt-1 font-mono break-all" data-testid="problem-detail">
              {problem.message}
            </p>
          </details>
          {children}
        </div>
      </div>
    </section>
  );
}
