import { useTranslation } from 'react-i18next';
import type { WireError } from '../../../shared/errors';
import { problemText } from '../../../shared/problemText';
import { asSentence } from './problemText';

/**
 * A failure on one line: what happened in the user's language, then the engine's own words, as two
 * sentences ("… is not running. Nothing answers at …"), never run together.
 */
export function ProblemSummary({ problem, lead }: { problem: WireError; lead?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <span className="font-medium">{asSentence(lead ?? problemText(t, problem).title)}</span>{' '}
      <span className="font-mono text-xs opacity-90" data-testid="problem-summary-detail">
        {asSentence(problem.message)}
      </span>
    </>
  );
}
