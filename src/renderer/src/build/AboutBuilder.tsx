import { useTranslation } from 'react-i18next';
import { InlineCode } from '../ui/InlineCode';
import { Button } from '../ui/Button';
import { useCopy } from '../ui/useCopy';

/**
 * Which builder Berth's builds use (the Engine API's classic one, Buildah on Podman) and how that
 * differs from `docker build` with BuildKit, with the command line that builds the same way.
 */
export function AboutBuilder({ command }: { command: string | null }) {
  const { t } = useTranslation();
  const [copyState, copy] = useCopy();
  return (
    <section
      aria-labelledby="build-about-title"
      data-testid="build-about"
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="build-about-title" className="font-semibold">
        {t('build.about.title')}
      </h2>
      <p className="leading-6">{t('build.about.classic')}</p>
      <p className="leading-6 text-slate-600 dark:text-slate-400">
        <InlineCode text={t('build.about.buildkit')} />
      </p>
      {command && (
        <div>
          <div className="mb-1 flex items-center gap-2">
            <p className="text-xs text-slate-500">{t('build.about.command')}</p>
            <Button
              variant="ghost"
              className="ml-auto !px-2 !py-0.5 text-xs"
              onClick={() => void copy(command)}
              data-testid="build-copy-command"
            >
              {copyState === 'copied' ? t('build.about.copied') : t('build.about.copy')}
            </Button>
          </div>
          <pre
            data-testid="build-command"
            className="overflow-x-auto rounded-md bg-slate-900 px-3 py-2 font-mono text-xs text-slate-100"
          >
            $ {command}
          </pre>
          {copyState === 'failed' && (
            <p role="alert" className="mt-1 text-xs text-rose-600 dark:text-rose-400">
              {t('build.about.copyFailed')}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
