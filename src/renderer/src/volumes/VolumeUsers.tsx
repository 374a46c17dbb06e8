import { useTranslation } from 'react-i18next';
import type { VolumeUser } from '../../../shared/volumes';

/** The containers mounting a volume, each a link to its page, with where it mounts it. */
export function VolumeUsers({
  users,
  className = '',
  testId,
}: {
  users: readonly VolumeUser[];
  className?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <ul className={`space-y-0.5 text-xs ${className}`} data-testid={testId}>
      {users.map((user) => (
        <li key={user.id} className="whitespace-nowrap" data-testid="volume-user" data-container={user.name}>
          <a
            href={`#/containers/${encodeURIComponent(user.id)}`}
            aria-label={t('volumes.userLabel', { name: user.name, path: user.destination })}
            className="font-mono text-sky-700 underline hover:no-underline dark:text-sky-300"
          >
            {user.name}
          </a>
          <span className="text-slate-500 dark:text-slate-400">
            {' '}
            → <span className="font-mono">{user.destination}</span>
            {user.running ? ` · ${t('volumes.running')}` : ''}
            {user.readOnly ? ` · ${t('volumes.readOnly')}` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}
