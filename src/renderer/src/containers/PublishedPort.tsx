import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContainerPort } from '../../../shared/containers';
import { localHost, localWebAddress, portClient, portReach, portText, type PortRange } from '../../../shared/portText';
import { Popover } from '../ui/Popover';
import { useCopy } from '../ui/useCopy';
import { useAnswersHttp } from './useAnswersHttp';

interface Props {
  port: PortRange;
  /** Only a running container's ports are checked for a web server. */
  running: boolean;
}

/**
 * One port as `docker ps` writes it ("127.0.0.1:18091→53/udp"). A port that answers HTTP opens in
 * the browser; any other port opens a small card that says who can reach it and how (the command
 * for a well-known program such as Redis), since a browser would only show an error there.
 */
export function PublishedPort({ port, running }: Props) {
  const { t } = useTranslation();
  const answersHttp = useAnswersHttp(port, running);
  const text = portText(port);
  const reach = t(`ports.reach.${portReach(port)}`, { ip: port.ip });
  const url = localWebAddress(port);

  if (answersHttp === 'yes' && url) {
    return (
      <a
        href={url}
        target="_blank"
        rel="noreferrer"
        data-testid="container-port"
        data-kind="web"
        title={`${t('ports.open', { url })} ${reach}`}
        className="block max-w-full truncate font-mono text-sky-700 hover:underline dark:text-sky-300"
      >
        {text}
      </a>
    );
  }
  // A range is several ports: no single one to open or describe.
  if (answersHttp === 'unknown' || (port.count ?? 1) > 1) {
    return (
      <span
        data-testid="container-port"
        data-kind="checking"
        title={reach}
        className="block max-w-full truncate font-mono"
      >
        {text}
      </span>
    );
  }
  return <PortHint port={port} text={text} reach={reach} />;
}

/** The port as a button that opens a card: who reaches it, why the browser cannot, what to type instead. */
function PortHint({ port, text, reach }: { port: ContainerPort; text: string; reach: string }) {
  const { t } = useTranslation();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const [copied, copy] = useCopy();
  const client = portClient(port);
  const address = `${localHost(port)}:${port.publicPort ?? port.privatePort}`;

  // Why the browser is no use here, then what to do instead.
  const lines: string[] = [reach];
  if (port.publicPort === null) lines.push(t('ports.notPublished', { port: port.privatePort }));
  else if (port.type === 'tcp') lines.push(t('ports.notWeb'));
  else lines.push(t('ports.udp', { address, type: port.type.toUpperCase() }));
  if (client) lines.push(t('ports.knownClient', { service: client.service }));
  else if (port.publicPort !== null && port.type === 'tcp') lines.push(t('ports.unknownTcp', { address }));

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        onClick={() => setOpen(!open)}
        aria-expanded={open}
        data-testid="container-port"
        data-kind="hint"
        title={reach}
        className="block max-w-full truncate font-mono text-slate-700 underline decoration-dotted underline-offset-2 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white"
      >
        {text}
      </button>
      <Popover
        open={open}
        anchorRef={buttonRef}
        onClose={close}
        role="dialog"
        aria-label={t('ports.cardTitle', { port: text })}
        data-testid="port-hint"
        className="w-80 text-left text-xs"
      >
        <div className="space-y-2 p-2 text-slate-700 dark:text-slate-200">
          <p className="font-mono font-medium">{text}</p>
          {lines.map((line) => (
            <p key={line}>{line}</p>
          ))}
          {client && (
            <div className="flex items-center gap-2">
              <code
                className="flex-1 rounded bg-slate-100 px-2 py-1 font-mono dark:bg-slate-800"
                data-testid="port-hint-command"
              >
                {client.command}
              </code>
              <button
                type="button"
                onClick={() => void copy(client.command)}
                className="rounded px-2 py-1 font-medium text-sky-700 hover:bg-sky-50 dark:text-sky-300 dark:hover:bg-slate-800"
              >
                {copied === 'copied' ? t('ports.copied') : t('ports.copy')}
              </button>
            </div>
          )}
        </div>
      </Popover>
    </>
  );
}
