import { useTranslation } from 'react-i18next';
import { buildExampleNames, type BuildFolder } from '../../../shared/builds';
import { useBerthClient } from '../app/clientContext';
import { PathPicker } from '../ui/PathPicker';
import { buildFileProblemText } from './buildFileProblem';

/**
 * How a build starts: a folder, chosen in the OS dialog or typed as a path, or one of the two
 * examples Berth ships.
 */
export function FolderPicker({ onOpened }: { onOpened: (folder: BuildFolder) => void }) {
  const { t } = useTranslation();
  const client = useBerthClient();
  return (
    <div data-testid="build-folder-picker">
      <PathPicker
        open={(folder) => client.request('builds.openFolder', { folder, dockerfile: null })}
        onOpened={onOpened}
        label={t('build.folder.label')}
        help={t('build.folder.help')}
        testIdPrefix="build-folder"
        problemText={(error) => buildFileProblemText(t, error)}
      >
        {(attempt, busy) => (
          <section aria-labelledby="build-examples-title">
            <h2 id="build-examples-title" className="text-sm font-semibold">
              {t('build.examples.title')}
            </h2>
            <ul className="mt-2 grid gap-3 sm:grid-cols-2">
              {buildExampleNames.map((name) => (
                <li key={name}>
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => void attempt(() => client.request('builds.openExample', { name }))}
                    data-testid={`build-example-${name}`}
                    className="h-full w-full rounded-lg border border-slate-200 bg-white p-4 text-left hover:border-sky-400 hover:bg-sky-50/50 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-700 dark:bg-slate-900 dark:hover:border-sky-600 dark:hover:bg-slate-800"
                  >
                    <span className="block text-sm font-medium text-sky-700 dark:text-sky-300">
                      {t(`build.examples.${name}.name`)}
                    </span>
                    <span className="mt-1 block text-sm text-slate-600 dark:text-slate-400">
                      {t(`build.examples.${name}.description`)}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
      </PathPicker>
    </div>
  );
}
