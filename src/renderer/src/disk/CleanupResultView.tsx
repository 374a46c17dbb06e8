import { useTranslation } from 'react-i18next';
import type { CleanupResult } from '../../../shared/diskUsage';
import { categoryOrder, diskSize } from './diskText';

/** After a clean-up: the measured difference per category, and each item that stayed with why. */
export function CleanupResultView({ result }: { result: CleanupResult }) {
  const { t } = useTranslation();
  const rows = categoryOrder.map((category) => ({
    category,
    before: result.before[category].size,
    after: result.after[category].size,
  }));
  const freed = Math.max(
    0,
    rows.reduce((total, row) => total + row.before - row.after, 0),
  );
  return (
    <div data-testid="cleanup-result">
      <p className="text-base font-semibold" role="status" data-testid="cleanup-freed">
        {t('disk.result.freed', { size: diskSize(freed) })}
      </p>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {t('disk.result.removed', { count: result.removed.length })}
      </p>
      <table className="mt-3 w-full text-left text-sm" aria-label={t('disk.result.table')}>
        <thead className="text-xs text-slate-500">
          <tr>
            <th className="py-1 pr-3 font-medium">{t('disk.result.column.category')}</th>
            <th className="py-1 pr-3 text-right font-medium">{t('disk.result.column.before')}</th>
            <th className="py-1 pr-3 text-right font-medium">{t('disk.result.column.after')}</th>
            <th className="py-1 text-right font-medium">{t('disk.result.column.difference')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.category}
              className="border-t border-slate-100 dark:border-slate-800"
              data-testid="cleanup-difference"
              data-category={row.category}
            >
              <td className="py-1 pr-3">{t(`disk.category.${row.category}`)}</td>
              <td className="py-1 pr-3 text-right tabular-nums">{diskSize(row.before)}</td>
              <td className="py-1 pr-3 text-right tabular-nums">{diskSize(row.after)}</td>
              <td className="py-1 text-right font-medium tabular-nums" data-testid="cleanup-difference-bytes">
                {row.before > row.after
                  ? `−${diskSize(row.before - row.after)}`
                  : row.after > row.before
                    ? `+${diskSize(row.after - row.before)}`
                    : diskSize(0)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.failed.length > 0 && (
        <section className="mt-4" data-testid="cleanup-failed">
          <h3 className="text-sm font-semibold">{t('disk.result.failedTitle', { count: result.failed.length })}</h3>
          <p className="text-xs text-slate-600 dark:text-slate-400">{t('disk.result.failedHelp')}</p>
          <ul className="mt-1 space-y-1 text-sm">
            {result.failed.map((item) => (
              <li key={`${item.kind}:${item.id}`} data-testid="cleanup-failed-item" data-id={item.id}>
                <span className="font-mono">{item.label}</span>
                {': '}
                {item.code === 'in-use' || item.code === 'not-found'
                  ? t(`disk.result.failed.${item.code}`)
                  : t('disk.result.failed.other', { message: item.message })}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
