import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContainerInspect } from '../../../../shared/containers';
import { BerthError, toBerthError } from '../../../../shared/errors';
import { useBerthClient } from '../../app/clientContext';
import { ProblemCard } from '../../engine/ProblemCard';
import { Button } from '../../ui/Button';
import { formatDateTime } from '../../ui/format';
import { useCopy } from '../../ui/useCopy';
import { mountTypeText, restartPolicyText } from '../containerText';
import { PublishedPort } from '../PublishedPort';
import { groupPortRanges } from '../../../../shared/portText';

/** What the engine said, as it said it: names, paths, addresses (the end-to-end language check skips these). */
function Value({ children, className }: { children: React.ReactNode; className?: string }) {
  return (
    <span className={className} data-value="">
      {children}
    </span>
  );
}

/** The facts a beginner looks for first, then the engine's JSON (secrets masked) to copy. */
export function InspectView({ id, revision }: { id: string; revision: string }) {
  const { t, i18n } = useTranslation();
  const client = useBerthClient();
  const [details, setDetails] = useState<ContainerInspect | null>(null);
  const [error, setError] = useState<BerthError | null>(null);
  const [copyState, copy] = useCopy();

  // `revision` changes when the container does (state, name), so the facts stay current.
  useEffect(() => {
    let current = true;
    client.request('containers.inspect', { id }).then(
      (result) => current && setDetails(result),
      (caught: unknown) => current && setError(toBerthError(caught)),
    );
    return () => {
      current = false;
    };
  }, [client, id, revision]);

  if (error) return <ProblemCard problem={error.toWire()} />;
  if (!details) return null;
  const none = <span className="text-slate-500">{t('details.inspect.none')}</span>;
  const rows: Array<[string, React.ReactNode]> = [
    [t('details.inspect.image'), <Value className="font-mono">{details.image}</Value>],
    [t('details.inspect.command'), details.command.length ? <code>{details.command.join(' ')}</code> : none],
    [t('details.inspect.entrypoint'), details.entrypoint.length ? <code>{details.entrypoint.join(' ')}</code> : none],
    [t('details.inspect.workingDir'), details.workingDir ? <Value>{details.workingDir}</Value> : none],
    [
      t('details.inspect.created'),
      formatDateTime(details.createdAt, i18n.language) ?? <Value>{details.createdAt}</Value>,
    ],
    [
      t('details.inspect.restart'),
      restartPolicyText(t, details.restartPolicy) ?? <Value>{details.restartPolicy.name}</Value>,
    ],
    [
      t('details.inspect.ports'),
      details.ports.length ? (
        <span className="flex flex-wrap gap-x-3 gap-y-1 text-xs" data-testid="inspect-ports">
          {groupPortRanges(details.ports).map((port) => (
            <PublishedPort
              key={`${port.ip}:${port.publicPort}/${port.privatePort}/${port.type}`}
              port={port}
              running={details.state === 'running'}
            />
          ))}
        </span>
      ) : (
        none
      ),
    ],
    [
      t('details.inspect.env'),
      details.env.length ? (
        <ul className="font-mono text-xs" data-testid="inspect-env">
          {details.env.map((variable) => (
            <li key={variable.key} data-value="">
              {variable.key}=
              {variable.masked ? <span title={t('details.inspect.masked')}>{variable.value}</span> : variable.value}
            </li>
          ))}
        </ul>
      ) : (
        none
      ),
    ],
    [
      t('details.inspect.mounts'),
      details.mounts.length ? (
        <ul className="text-xs" data-testid="inspect-mounts">
          {details.mounts.map((mount) => (
            <li key={mount.destination}>
              <Value className="font-mono">
                {mount.name ?? mount.source} → {mount.destination}
              </Value>{' '}
              ({mountTypeText(t, mount.type) ?? <Value>{mount.type}</Value>}
              {mount.readOnly && `, ${t('details.inspect.readOnly')}`})
            </li>
          ))}
        </ul>
      ) : (
        none
      ),
    ],
    [
      t('details.inspect.networks'),
      details.networks.length ? (
        <Value>{details.networks.map((network) => `${network.name} ${network.ipAddress}`).join(', ')}</Value>
      ) : (
        none
      ),
    ],
    [
      t('details.inspect.labels'),
      Object.keys(details.labels).length ? (
        <ul className="font-mono text-xs">
          {Object.entries(details.labels).map(([key, value]) => (
            <li key={key} data-value="">
              {key}={value}
            </li>
          ))}
        </ul>
      ) : (
        none
      ),
    ],
  ];
  const json = JSON.stringify(details.raw, null, 2);
  return (
    <div className="space-y-4" data-testid="inspect-view">
      <section>
        <h2 className="mb-2 font-medium">{t('details.inspect.facts')}</h2>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1.5 text-sm">
          {rows.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-slate-500">{label}</dt>
              <dd className="min-w-0 break-all">{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section>
        <div className="mb-2 flex items-center">
          <h2 className="font-medium">{t('details.inspect.raw')}</h2>
          <Button className="ml-auto !px-2 !py-0.5 text-xs" onClick={() => void copy(json)}>
            {copyState === 'copied' ? t('details.inspect.copied') : t('details.inspect.copy')}
          </Button>
        </div>
        <pre
          className="max-h-96 overflow-auto rounded-lg bg-slate-950 p-3 font-mono text-xs text-slate-100"
          data-testid="inspect-raw"
          // It scrolls: keyboard users need to reach it to scroll it.
          tabIndex={0}
          role="region"
          aria-label={t('details.inspect.raw')}
        >
          {json}
        </pre>
      </section>
    </div>
  );
}
