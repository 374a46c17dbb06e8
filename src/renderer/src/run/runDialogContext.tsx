import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from '../app/navigation';
import { RunDialog } from './RunDialog';
import { emptyRunForm, type RunForm } from './runForm';

interface RunDialogValue {
  /**
   * Opens the run dialog for an image (which fills in the ports a local image EXPOSEs), with the
   * fields a lesson step fills in (a name, a volume, a command) when given.
   */
  openRun(image: string, preset?: Partial<Omit<RunForm, 'image'>>): void;
}

const RunDialogContext = createContext<RunDialogValue | null>(null);

export function RunDialogProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const [form, setForm] = useState<RunForm | null>(null);
  const openRun = useCallback(
    (image: string, preset?: Partial<Omit<RunForm, 'image'>>) => setForm({ ...emptyRunForm(image), ...preset }),
    [],
  );
  const value = useMemo(() => ({ openRun }), [openRun]);
  return (
    <RunDialogContext.Provider value={value}>
      {children}
      {form && (
        <RunDialog
          initial={form}
          onClose={() => setForm(null)}
          onStarted={(runId) => {
            setForm(null);
            navigate('run', runId);
          }}
        />
      )}
    </RunDialogContext.Provider>
  );
}

export function useRunDialog(): RunDialogValue {
  const value = useContext(RunDialogContext);
  if (!value) throw new Error('useRunDialog needs a RunDialogProvider');
  return value;
}
