import { useTranslation } from 'react-i18next';

/** What a view shows while its code loads the first time it is opened (React.lazy's Suspense fallback). */
export function ViewLoading() {
  const { t } = useTranslation();
  return (
    <p role="status" className="p-6 text-sm text-slate-600 dark:text-slate-400" data-testid="view-loading">
      {t('app.loadingView')}
    </p>
  );
}
