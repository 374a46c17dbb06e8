import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComposeAction } from '../../../shared/compose';
import { ActionMenu } from '../ui/ActionMenu';
import { Badge } from '../ui/Badge';
import { serviceStateOf, type ServiceView } from './composeText';
import { SecretValue } from './SecretValue';

const serviceActions = ['start', 'stop', 'restart'] as const satisfies readonly ComposeAction[];

/** One service: what its file says (image or build, ports, volumes, networks, environment) and how it runs now. */
export function ServiceRow({
  service,
  onAction,
  actionsDisabled,
}: {
  service: ServiceView;
  onAction: (action: (typeof serviceActions)[number]) => void;
  /** The reason the service actions cannot run now (a command runs, no server); null when they can. */
  actionsDisabled: string | null;
}) {
  const { t } = useTranslation();
  const state = serviceStateOf(t, service);
  const spec = service.spec;
  const none = <span className="text-slate-500">{t('compose.service.none')}</span>;
  const rows: Array<[string, ReactNode]> = spec
    ? [
        [
          spec.build ? t('compose.service.build') : t('compose.service.image'),
          spec.build === null && spec.image === null ? (
            none
          ) : (
            <span className="font-mono break-all" data-value="">
              {spec.build
                ? spec.build.dockerfile
                  ? `${spec.build.context} (${spec.build.dockerfile})`
                  : spec.build.context
                : spec.image}
            </span>
          ),
        ],
        [
          t('compose.service.ports'),
          spec.ports.length ? (
            <span className="font-mono" data-value="">
              {spec.ports.join(', ')}
            </span>
          ) : (
            none
          ),
        ],
        [
          t('compose.service.volumes'),
          spec.volumes.length ? (
            <ul className="font-mono">
              {spec.volumes.map((mount) => (
                <li key={mount.target} className="break-all" data-value="">
                  {mount.source ?? t(`compose.service.mount.${mount.type === 'tmpfs' ? 'tmpfs' : 'anonymous'}`)} →{' '}
                  {mount.target}
                  {mount.readOnly && ` (${t('compose.service.readOnly')})`}
                </li>
              ))}
            </ul>
          ) : (
            none
          ),
        ],
        [
          t('compose.service.networks'),
          spec.networks.length ? (
            <span className="font-mono" data-value="">
              {spec.networks.join(', ')}
            </span>
          ) : (
            t('compose.service.defaultNetwork')
          ),
        ],
        [
          t('compose.service.environment'),
          spec.environment.length ? (
            <ul className="font-mono" data-testid="compose-service-env">
              {spec.environment.map((variable) => (
                <li key={variable.name} className="break-all">
                  <span data-value="">{variable.name}=</span>
                  {variable.value === null ? (
                    <span className="font-sans text-slate-500">{t('compose.service.fromShell')}</span>
                  ) : variable.secret ? (
                    <SecretValue name={variable.name} value={variable.value} />
                  ) : (
                    <span data-value="">{variable.value}</span>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            none
          ),
        ],
      ]
    : [];

  return (
    <li
      className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900"
      data-testid="compose-service"
      data-service={service.name}
    >
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="min-w-0 font-mono font-medium break-all" data-value="">
          {service.name}
        </h2>
        <Badge tone={state.tone} testId="compose-service-state">
          {state.text}
        </Badge>
        <span className="ml-auto">
          {actionsDisabled ? (
            <span className="sr-only">{actionsDisabled}</span>
          ) : (
            <ActionMenu
              label={t('compose.service.actions', { name: service.name })}
              testId="compose-service-actions"
              actions={serviceActions.map((action) => ({
                key: action,
                label: t(`compose.action.${action}`),
                onSelect: () => onAction(action),
                testId: `compose-service-${action}`,
              }))}
            />
          )}
        </span>
      </div>
      {spec ? (
        <dl className="mt-2 grid grid-cols-[minmax(6rem,auto)_1fr] gap-x-4 gap-y-1 text-xs">
          {rows.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-slate-500">{label}</dt>
              <dd className="min-w-0">{value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
          {service.live?.image ? (
            <span className="font-mono" data-value="">
              {service.live.image}
            </span>
          ) : null}{' '}
          {t('compose.service.notInFile')}
        </p>
      )}
    </li>
  );
}
