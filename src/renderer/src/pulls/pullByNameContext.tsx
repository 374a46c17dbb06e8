import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../ui/Button';
import { Dialog } from '../ui/Dialog';
import { PullByNameForm } from './PullByNameForm';

interface PullByNameValue {
  /** Opens "Pull or run an image by name", with a name already typed (e.g. the Hub search's words). */
  openPullByName(reference?: string): void;
}

const PullByNameContext = createContext<PullByNameValue | null>(null);

/** The pull-by-name dialog, reachable from the sidebar, Images, the empty pages and the Hub's errors. */
export function PullByNameProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  // The name it opened with, or null when closed.
  const [initial, setInitial] = useState<string | null>(null);
  const openPullByName = useCallback((reference = '') => setInitial(reference.trim()), []);
  const close = useCallback(() => setInitial(null), []);
  const value = useMemo(() => ({ openPullByName }), [openPullByName]);
  return (
    <PullByNameContext.Provider value={value}>
      {children}
      {initial !== null && (
        <Dialog
          open
          testId="pull-by-name-dialog"
          title={t('pullByName.title')}
          onClose={close}
          footer={<Button onClick={close}>{t('pullByName.close')}</Button>}
        >
          <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">{t('pullByName.intro')}</p>
          <PullByNameForm initialReference={initial} onLeave={close} />
        </Dialog>
      )}
    </PullByNameContext.Provider>
  );
}

export function usePullByName(): PullByNameValue {
  const value = useContext(PullByNameContext);
  if (!value) throw new Error('usePullByName needs a PullByNameProvider');
  return value;
}
