import { useTranslation } from 'react-i18next';
import { useNavigate } from '../app/navigation';
import { useStreamValue } from '../app/useStream';
import { diskSize } from './diskText';

/** The status bar's "X GB can be freed" when the reclaimable space passes the threshold in Settings. */
export function ReclaimableHint() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { value: notice } = useStreamValue('disk.reclaimable', {});
  if (!notice?.over) return null;
  const size = diskSize(notice.reclaimableBytes);
  return (
    <button
      type="button"
      className="shrink-0 rounded px-2 py-0.5 font-medium text-amber-800 hover:bg-amber-50 focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-amber-300 dark:hover:bg-slate-800"
      aria-label={t('disk.statusHintLabel', { size })}
      onClick={() => navigate('disk')}
      data-testid="reclaimable-hint"
    >
      {t('disk.statusHint', { size })}
    </button>
  );
}
