import type { TFunction } from 'i18next';
import { engineProductLabel, type ClientVersion, type ServerVersion } from '../../../shared/engine';
import { formatDateTime } from '../ui/format';
import type { VersionRow } from './VersionTable';

export function clientRows(t: TFunction, client: ClientVersion, locale: string): VersionRow[] {
  const api =
    client.apiVersion && client.defaultApiVersion && client.apiVersion !== client.defaultApiVersion
      ? t('installation.field.apiDowngraded', { version: client.apiVersion, from: client.defaultApiVersion })
      : (client.apiVersion ?? client.defaultApiVersion);
  return [
    { label: t('installation.field.version'), value: client.version, testId: 'client-version' },
    { label: t('installation.field.apiVersion'), value: api, testId: 'client-api-version' },
    { label: t('installation.field.goVersion'), value: client.goVersion, testId: 'client-go-version' },
    { label: t('installation.field.gitCommit'), value: client.gitCommit, testId: 'client-git-commit', mono: true },
    { label: t('installation.field.built'), value: formatDateTime(client.built, locale), testId: 'client-built' },
    {
      label: t('installation.field.osArch'),
      value: `${client.os ?? '?'}/${client.arch ?? '?'}`,
      testId: 'client-os-arch',
    },
    { label: t('installation.field.context'), value: client.context, testId: 'client-context' },
    { label: t('installation.field.path'), value: client.path, testId: 'client-path', mono: true },
  ];
}

export function serverRows(
  t: TFunction,
  server: ServerVersion,
  endpointUrl: string | null,
  locale: string,
): VersionRow[] {
  const rows: VersionRow[] = [
    { label: t('installation.field.product'), value: engineProductLabel(server), testId: 'server-product' },
  ];
  if (server.platformName)
    rows.push({ label: t('installation.field.platform'), value: server.platformName, testId: 'server-platform' });
  rows.push(
    { label: t('installation.field.version'), value: server.version, testId: 'server-version' },
    {
      label: t('installation.field.apiVersion'),
      value: server.minApiVersion
        ? t('installation.field.apiMinimum', { version: server.apiVersion, minimum: server.minApiVersion })
        : server.apiVersion,
      testId: 'server-api-version',
    },
    { label: t('installation.field.goVersion'), value: server.goVersion, testId: 'server-go-version' },
    { label: t('installation.field.gitCommit'), value: server.gitCommit, testId: 'server-git-commit', mono: true },
    { label: t('installation.field.built'), value: formatDateTime(server.built, locale), testId: 'server-built' },
    { label: t('installation.field.osArch'), value: `${server.os}/${server.arch}`, testId: 'server-os-arch' },
    {
      label: t('installation.field.experimental'),
      // As `docker version` prints it.
      value: String(server.experimental),
      testId: 'server-experimental',
      mono: true,
    },
    { label: t('installation.field.kernel'), value: server.kernelVersion, testId: 'server-kernel' },
    { label: t('installation.field.endpoint'), value: endpointUrl, testId: 'server-endpoint', mono: true },
  );
  return rows;
}

/** One row per component (containerd, runc…): its version and git commit, whole, as `docker version` shows them. */
export function componentRows(components: ServerVersion['components']): VersionRow[] {
  return components.map((component) => ({
    label: component.name,
    value: component.gitCommit ? `${component.version} (${component.gitCommit})` : component.version,
    testId: `component-${component.name}`,
    mono: true,
  }));
}
