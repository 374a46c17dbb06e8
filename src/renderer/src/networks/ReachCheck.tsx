import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Network, NetworkReachResult } from '../../../shared/networks';
import { useBerthClient } from '../app/clientContext';
import { useContainers } from '../containers/containersStore';
import { ProblemCard } from '../engine/ProblemCard';
import { useEngineAvailable } from '../engine/engineStatus';
import { Button } from '../ui/Button';
import { inputClass } from '../ui/Field';
import { InlineCode } from '../ui/InlineCode';
import { useAction } from '../ui/useAction';

/** A free network name for "create a network and connect both": a-b, else a-b-2, a-b-3… */
export function suggestedNetworkName(from: string, to: string, networks: readonly Network[]): string {
  const base = `${from}-${to}`.slice(0, 100);
  const taken = new Set(networks.map((network) => network.name));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** B's address on the first network A and B share: what A can use where the name does not work. */
function addressOn(result: NetworkReachResult, networks: readonly Network[]): string {
  for (const network of networks) {
    if (!result.sharedNetworks.includes(network.name)) continue;
    const member = network.containers.find((c) => c.name === result.to || c.aliases.includes(result.to));
    if (member?.ipv4) return member.ipv4;
  }
  return '?';
}

/**
 * No network made on this engine resolves names (Podman with CNI and no DNS plugin): a new one
 * would not either, so the advice is the address, not a network. Unknown until one was made.
 */
function noDnsOnMadeNetworks(networks: readonly Network[]): boolean {
  const made = networks.filter((network) => !network.builtIn);
  return made.length > 0 && made.every((network) => !network.namesResolve);
}

/** Why the answer is what it is: the networks A and B share, and whether names resolve there. */
function whyKey(result: NetworkReachResult, networks: readonly Network[]): string | null {
  if (result.outcome === 'not-running' || result.outcome === 'no-tool') return null;
  if (result.onlyDefaultBridge) {
    return noDnsOnMadeNetworks(networks) ? 'networks.reach.why.defaultBridgeNoDns' : 'networks.reach.why.defaultBridge';
  }
  if (result.sharedNetworks.length === 0) return 'networks.reach.why.noShared';
  const resolving = networks.some((n) => result.sharedNetworks.includes(n.name) && n.namesResolve);
  return resolving || result.reachable ? 'networks.reach.why.userNetwork' : 'networks.reach.why.noDns';
}

/**
 * "Can A reach B by name?": runs ping in A toward B's name (the main process's exec), shows the
 * command and what it printed, explains the answer, and offers the fix when only the default bridge
 * joins them.
 */
export function ReachCheck({ networks }: { networks: readonly Network[] }) {
  const { t } = useTranslation();
  const client = useBerthClient();
  const { actionProps } = useEngineAvailable();
  const { containers } = useContainers();
  const running = (containers ?? []).filter((container) => container.state === 'running');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  // One action at a time: `doing` says which one the busy label belongs to.
  const { busy, failure, run } = useAction();
  const [doing, setDoing] = useState<'check' | 'fix'>('check');
  const [result, setResult] = useState<NetworkReachResult | null>(null);
  const [fixedOn, setFixedOn] = useState<string | null>(null);
  const titleId = useId();
  const fromId = useId();
  const toId = useId();
  const fromName = running.find((c) => c.id === from)?.name;
  const toName = running.find((c) => c.id === to)?.name;

  const check = async () => {
    if (!fromName || !toName) return;
    setDoing('check');
    await run(async () => {
      try {
        setResult(await client.request('networks.reach', { from: fromName, to: toName }));
      } catch (error) {
        setResult(null);
        throw error;
      }
    });
  };

  const fix = async (name: string) => {
    if (!fromName || !toName) return;
    setDoing('fix');
    await run(async () => {
      await client.request('networks.create', { name });
      await client.request('networks.connect', { network: name, container: fromName });
      await client.request('networks.connect', { network: name, container: toName });
      setFixedOn(name);
      setResult(await client.request('networks.reach', { from: fromName, to: toName }));
    });
  };

  const pick = (id: string, value: string, onChange: (value: string) => void, label: string, testId: string) => (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        className={inputClass}
        value={value}
        onChange={(event) => {
          onChange(event.target.value);
          setResult(null);
          setFixedOn(null);
        }}
        data-testid={testId}
      >
        <option value="">{t('networks.reach.pick')}</option>
        {running.map((container) => (
          <option key={container.id} value={container.id}>
            {container.name}
          </option>
        ))}
      </select>
    </div>
  );

  const why = result ? whyKey(result, networks) : null;
  const fixName = fromName && toName ? suggestedNetworkName(fromName, toName, networks) : '';
  const offerFix =
    result !== null &&
    result.outcome === 'no-name' &&
    (result.onlyDefaultBridge || result.sharedNetworks.length === 0) &&
    !noDnsOnMadeNetworks(networks) &&
    fixedOn === null;

  return (
    <section
      aria-labelledby={titleId}
      className="mt-8 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
      data-testid="reach-check"
    >
      <h2 id={titleId} className="font-semibold">
        {t('networks.reach.title')}
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        <InlineCode text={t('networks.reach.intro')} />
      </p>
      {running.length < 2 ? (
        <p className="mt-3 text-sm" data-testid="reach-need-two">
          {t('networks.reach.needTwo')}
        </p>
      ) : (
        <div className="mt-3 flex flex-wrap items-end gap-3">
          {pick(fromId, from, setFrom, t('networks.reach.from'), 'reach-from')}
          {pick(toId, to, setTo, t('networks.reach.to'), 'reach-to')}
          <Button
            variant="primary"
            {...actionProps}
            disabled={!fromName || !toName || busy || actionProps.disabled === true}
            onClick={() => void check()}
            data-testid="reach-run"
          >
            {busy && doing === 'check' ? t('networks.reach.running') : t('networks.reach.run')}
          </Button>
        </div>
      )}
      {failure && (
        <div className="mt-3">
          <ProblemCard problem={failure.toWire()} />
        </div>
      )}
      {result && (
        <div className="mt-4 space-y-3" data-testid="reach-result" data-outcome={result.outcome} aria-live="polite">
          <p
            className={`rounded-md px-3 py-2 text-sm font-medium ${result.reachable ? 'bg-emerald-50 text-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-200' : 'bg-amber-50 text-amber-950 dark:bg-amber-950/40 dark:text-amber-100'}`}
            data-testid="reach-outcome"
          >
            {t(`networks.reach.outcome.${result.outcome}`, {
              from: result.from,
              to: result.to,
              address: result.address ?? '',
            })}
          </p>
          {why && (
            <p className="text-sm" data-testid="reach-why">
              {t(why, { networks: result.sharedNetworks.join(', '), address: addressOn(result, networks) })}
            </p>
          )}
          {fixedOn && (
            <p className="text-sm" data-testid="reach-fixed">
              {t('networks.reach.fixed', { from: result.from, to: result.to, name: fixedOn })}
            </p>
          )}
          {offerFix && (
            <Button
              variant="primary"
              {...actionProps}
              disabled={busy || actionProps.disabled === true}
              onClick={() => void fix(fixName)}
              data-testid="reach-fix"
            >
              {busy && doing === 'fix' ? t('networks.reach.fixing') : t('networks.reach.fix', { name: fixName })}
            </Button>
          )}
          <div>
            <h3 className="text-xs font-medium text-slate-500 dark:text-slate-400">{t('networks.reach.command')}</h3>
            <pre
              className="mt-1 overflow-x-auto rounded-md bg-slate-100 px-3 py-2 font-mono text-xs dark:bg-slate-800"
              data-testid="reach-command"
            >
              {result.command}
            </pre>
          </div>
          <div>
            <h3 className="text-xs font-medium text-slate-500 dark:text-slate-400">{t('networks.reach.output')}</h3>
            <pre
              className="mt-1 max-h-48 overflow-auto rounded-md border border-slate-700 bg-slate-950 px-3 py-2 font-mono text-xs whitespace-pre-wrap text-slate-100"
              data-testid="reach-output"
            >
              {result.output || t('networks.reach.noOutput')}
            </pre>
          </div>
        </div>
      )}
    </section>
  );
}
