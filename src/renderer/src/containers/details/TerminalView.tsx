import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BerthError } from '../../../../shared/errors';
import { useBerthClient } from '../../app/clientContext';
import { useEngineAvailable } from '../../engine/engineStatus';
import { ProblemCard } from '../../engine/ProblemCard';
import { Button } from '../../ui/Button';

/** An interactive shell in the container (exec with a TTY) in xterm.js; resizing follows the window. */
export function TerminalView({ id, running }: { id: string; running: boolean }) {
  const { t } = useTranslation();
  const client = useBerthClient();
  const hostRef = useRef<HTMLDivElement>(null);
  const [session, setSession] = useState(0);
  const [exitCode, setExitCode] = useState<number | null | undefined>(undefined);
  const [error, setError] = useState<BerthError | null>(null);
  const [connected, setConnected] = useState(false);
  const engine = useEngineAvailable();

  useEffect(() => {
    const host = hostRef.current;
    if (!running || !host) return;
    const terminal = new Terminal({
      cursorBlink: true,
      fontSize: 13,
      fontFamily: 'ui-monospace, Menlo, Consolas, monospace',
      theme: { background: '#020617' },
    });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.open(host);
    fit.fit();
    let sessionId: string | null = null;
    let closed = false;
    const cleanups: Array<() => void> = [];

    client
      .request('terminal.open', { id, command: ['sh'], cols: terminal.cols, rows: terminal.rows })
      .then(({ sessionId: opened }) => {
        if (closed) {
          void client.request('terminal.close', { sessionId: opened }).catch(() => undefined);
          return;
        }
        sessionId = opened;
        setConnected(true);
        cleanups.push(
          client.subscribe('terminal.output', { sessionId: opened }, (event) => {
            if (event.type === 'output') terminal.write(event.data);
            else setExitCode(event.exitCode);
          }),
        );
        const input = terminal.onData(
          (data) => void client.request('terminal.input', { sessionId: opened, data }).catch(() => undefined),
        );
        cleanups.push(() => input.dispose());
        terminal.focus();
      })
      .catch((caught: unknown) =>
        setError(caught instanceof BerthError ? caught : new BerthError('internal', String(caught))),
      );

    const observer = new ResizeObserver(() => {
      fit.fit();
      if (sessionId)
        void client
          .request('terminal.resize', { sessionId, cols: terminal.cols, rows: terminal.rows })
          .catch(() => undefined);
    });
    observer.observe(host);

    return () => {
      closed = true;
      observer.disconnect();
      for (const cleanup of cleanups) cleanup();
      if (sessionId) void client.request('terminal.close', { sessionId }).catch(() => undefined);
      terminal.dispose();
      setConnected(false);
      setExitCode(undefined);
      setError(null);
    };
  }, [client, id, running, session]);

  if (!running) return <p className="text-sm text-slate-600 dark:text-slate-400">{t('details.terminal.notRunning')}</p>;
  return (
    <div className="flex h-full min-h-0 flex-col gap-2" data-testid="terminal-view" data-connected={connected}>
      <p className="text-xs text-slate-500">{t('details.terminal.intro')}</p>
      {error && <ProblemCard problem={error.toWire()} />}
      <div
        ref={hostRef}
        className="min-h-64 flex-1 overflow-hidden rounded-lg bg-slate-950 p-2"
        data-testid="terminal"
      />
      {exitCode !== undefined && (
        <div className="flex items-center gap-3 text-sm" data-testid="terminal-exited">
          <span>{t('details.terminal.exited', { code: exitCode ?? '?' })}</span>
          <Button onClick={() => setSession((value) => value + 1)} {...engine.actionProps}>
            {t('details.terminal.reconnect')}
          </Button>
        </div>
      )}
    </div>
  );
}
