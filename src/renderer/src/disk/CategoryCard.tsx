import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiskCategory, DiskCategoryUsage, DiskItem } from '../../../shared/diskUsage';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { ProgressBar } from '../ui/ProgressBar';
import { diskSize, reclaimablePercent } from './diskText';

const stateTone: Record<DiskItem['state'], 'sky' | 'emerald' | 'amber' | 'slate'> = {
  running: 'emerald',
  'in-use': 'sky',
  stopped: 'amber',
  unused: 'amber',
  dangling: 'amber',
  unknown: 'slate',
};

/** One of the four categories: count, size, what can be freed, and its items on demand. */
export function CategoryCard({ category, usage }: { category: DiskCategory; usage: DiskCategoryUsage }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const itemsId = useId();
  const name = t(`disk.category.${category}`);
  const percent = reclaimablePercent(usage.reclaimable, usage.size);
  return (
    <section
      className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      data-testid="disk-category"
      data-category={category}
      aria-label={name}
    >
      <h2 className="font-semibold">{name}</h2>
      <p className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">{t(`disk.categoryHelp.${category}`)}</p>
      {usage.unsupported ? (
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-400" data-testid="disk-unsupported">
          {t('disk.unsupported')}
        </p>
      ) : (
        <>
          <dl className="mt-3 grid grid-cols-3 gap-2 text-sm">
            <div>
              <dt className="text-xs text-slate-500 dark:text-slate-400">{t('disk.count')}</dt>
              <dd className="font-medium tabular-nums" data-testid="disk-count">
                {usage.count}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500 dark:text-slate-400">{t('disk.size')}</dt>
              <dd className="font-medium tabular-nums" data-testid="disk-size">
                {diskSize(usage.size)}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500 dark:text-slate-400">{t('disk.reclaimable')}</dt>
              <dd className="font-medium tabular-nums" data-testid="disk-reclaimable">
                {diskSize(usage.reclaimable)} {usage.size > 0 && `(${percent}%)`}
              </dd>
            </div>
          </dl>
          <div className="mt-3">
            <ProgressBar
              size="sm"
              tone="sky"
              percent={percent}
              label={t('disk.barLabel', {
                category: name,
                reclaimable: diskSize(usage.reclaimable),
                size: diskSize(usage.size),
              })}
            />
          </div>
          <Button
            variant="ghost"
            className="mt-2 -ml-3 !py-1 text-xs"
            aria-expanded={open}
            aria-controls={itemsId}
            onClick={() => setOpen(!open)}
            data-testid="disk-toggle-items"
          >
            {open ? t('disk.hideItems') : t('disk.showItems')}
          </Button>
          {open && (
            <div id={itemsId} className="mt-1 max-h-72 overflow-y-auto">
              {usage.items.length === 0 ? (
                <p className="text-sm text-slate-500">{t('disk.noItems')}</p>
              ) : (
                <table className="w-full text-left text-xs" aria-label={t('disk.itemsOf', { category: name })}>
                  <thead className="text-slate-500">
                    <tr>
                      <th className="py-1 pr-2 font-medium">{t('disk.column.name')}</th>
                      <th className="py-1 pr-2 text-right font-medium">{t('disk.column.size')}</th>
                      <th className="py-1 font-medium">{t('disk.column.state')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...usage.items]
                      .sort((a, b) => b.size - a.size || a.label.localeCompare(b.label))
                      .map((item) => (
                        <tr
                          key={item.id}
                          className="border-t border-slate-100 dark:border-slate-800"
                          data-testid="disk-item"
                          data-id={item.id}
                        >
                          <td className="py-1 pr-2 font-mono break-all">{item.label}</td>
                          <td className="py-1 pr-2 text-right whitespace-nowrap tabular-nums">{diskSize(item.size)}</td>
                          <td className="py-1">
                            <Badge tone={stateTone[item.state]}>{t(`disk.state.${item.state}`)}</Badge>
                          </td>
                        </tr>
                      ))}
                  </tbody>
                </table>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}
