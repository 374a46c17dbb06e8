import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { terminalShells } from '../../../../shared/containers';
import { BerthError, toBerthError } from '../../../../shared/errors';
import { useBerthClient } from '../../app/clientContext';
import { useEngineAvailable } from '../../engine/engineStatus';
import { ProblemCard } from '../../engine/ProblemCard';
import { Button } from '../../ui/Button';
import { ShellChoices } from './ShellChoices';

type Shell = (typeof terminalShells)[number];

/**
 * An interactive shell in the container (exec with a TTY) in xterm.js; resizing follows the window.
 * Which shells the container has is asked first: sh opens at once; without it (an image built
 * around one program) the view says so and offers the shells it has or a command of the user's.
 */
export function TerminalView({ id, running }: { id: string; running: boolean }) {
  const { t } = useTranslation();
  const client = useBerthClient();
  const [shells, setShells] = useState<Shell[] | null>(null);
  const [detectError, setDetectError] = useState<BerthError | null>(null);
  const [command, setCommand] = useState<string[] | null>(null);
  /** The program the last session asked for and the container does not have. */
  const [notFound, setNotFound] = useState<string | null>(null);

  useEffect(() => {
    if (!running) return;
    let current = true;
    client.request('terminal.shells', { id }).then(
      ({ shells: found }) => {
        if (!current) return;
        setShells(found);
        setCommand(found.includes('sh') ? ['sh'] : null);
      },
      (caught: unknown) => current && setDetectError(toBerthError(caught)),
    );
    return () => {
      current = false;
      setShells(null);
      setCommand(null);
      setNotFound(null);
      setDetectError(null);
    };
  }, [client, id, running]);

  if (!running) return <p className="text-sm text-slate-600 dark:text-slate-400">{t('details.terminal.notRunning')}</p>;
  if (detectError) return <ProblemCard problem={detectError.toWire()} />;
  if (shells === null) {
    return (
      <p className="text-sm text-slate-500" data-testid="terminal-detecting">
        {t('details.terminal.detecting')}
      </p>
    );
  }
  if (command === null) {
    return (
      <ShellChoices
        shells={shells}
        notFound={notFound}
        onChoose={(chosen) => {
          setNotFound(null);
          setCommand(chosen);
        }}
      />
    );
  }
  return (
    <ShellSession
      key={command.join('\u0000')}
      id={id}
      command={command}
      onNotFound={() => {
        setNotFound(command[0] ?? '');
        setCommand(null);
      }}
      onChange={() => setCommand(null)}
    />
  );
}

/** One command in xterm.js, opened again on "Open a new shell". */
function ShellSession({
  id,
  command,
  onNotFound,
  onChange,
}: {
  id: string;
  command: string[];
  onNotFound: () => void;
  onChange: () => void;
}) {
  const { t } = useTranslation();
  const client = useBerthClient();
  const hostRef = useRef<HTMLDivElement>(null);
  const [session, setSession] = useState(0);
  const [exitCode, setExitCode] = useState<number | null | undefined>(undefined);
  const [error, setError] = useState<BerthError | null>(null);
  const [connected, setConnected] = useState(false);
  // The latest callback, without opening a new session each time the parent renders.
  const onNotFoundRef = useRef(onNotFound);
  useEffect(() => {
    onNotFoundRef.current = onNotFound;
  });
  const engine = useEngineAvailable();

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
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
      .request('terminal.open', { id, command, cols: terminal.cols, rows: terminal.rows })
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
            else if (event.commandNotFound) onNotFoundRef.current();
            else setExitCode(event.exitCode);
          }),
        );
        const input = terminal.onData(
          (data) => void client.request('terminal.input', { sessionId: opened, data }).catch(() => undefined),
        );
        cleanups.push(() => input.dispose());
        terminal.focus();
      })
      .catch((caught: unknown) => setError(toBerthError(caught)));

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
  }, [client, id, command, session]);

  return (
    <div className="flex h-full min-h-0 flex-col gap-2" data-testid="terminal-view" data-connected={connected}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-xs text-slate-500">{t('details.terminal.intro', { command: command.join(' ') })}</p>
        <button
          type="button"
          onClick={onChange}
          data-testid="terminal-change"
          className="rounded px-2 py-1 text-xs font-medium text-sky-700 hover:bg-sky-50 dark:text-sky-300 dark:hover:bg-slate-800"
        >
          {t('details.terminal.change')}
        </button>
      </div>
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
