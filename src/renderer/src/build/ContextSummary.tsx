import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BuildContextSummary } from '../../../shared/builds';
import { toBerthError, type BerthError } from '../../../shared/errors';
import { useBerthClient } from '../app/clientContext';
import { ProblemCard } from '../engine/ProblemCard';
import { Button } from '../ui/Button';
import { formatBytes } from '../ui/format';
import { WarningIcon } from '../ui/icons';
import { InlineCode } from '../ui/InlineCode';
import { buildFileProblemText } from './buildFileProblem';

/**
 * What a build would send, counted before anything is sent: files and bytes after .dockerignore,
 * the biggest folders, what .dockerignore left out, links not followed; past 100 MB a warning that
 * names the heaviest folder, with a one-click .dockerignore line for it. Counted again whenever
 * `revision` changes (the folder, the Dockerfile, a save).
 */
export function ContextSummary({
  contextPath,
  dockerfile,
  revision,
}: {
  contextPath: string;
  dockerfile: string;
  revision: number;
}) {
  const { t, i18n } = useTranslation();
  const client = useBerthClient();
  const [recount, setRecount] = useState(0);
  // The answer with the count it answers: a newer count shows "counting" until its own answer.
  const count = `${contextPath}\n${dockerfile}\n${revision}\n${recount}`;
  const [answer, setAnswer] = useState<{
    count: string;
    summary: BuildContextSummary | null;
    failure: BerthError | null;
  }>();
  const [ignoring, setIgnoring] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    client.request('builds.context', { contextPath, dockerfile }).then(
      (summary) => current && setAnswer({ count, summary, failure: null }),
      (caught: unknown) => current && setAnswer({ count, summary: null, failure: toBerthError(caught) }),
    );
    return () => {
      current = false;
    };
  }, [client, contextPath, dockerfile, count]);
  const summary = answer?.count === count ? answer.summary : null;
  const failure = answer?.count === count ? answer.failure : null;
  const failureSentence = failure ? buildFileProblemText(t, failure) : null;

  const ignore = async (folder: string) => {
    setIgnoring(true);
    try {
      const next = await client.request('builds.ignoreFolder', { contextPath, dockerfile, folder });
      setAnswer({ count, summary: next, failure: null });
      setNotice(t('build.context.ignoredFolder', { folder }));
    } catch (caught) {
      setAnswer({ count, summary, failure: toBerthError(caught) });
    } finally {
      setIgnoring(false);
    }
  };

  const number = (value: number) => new Intl.NumberFormat(i18n.language).format(value);
  const size = (bytes: number) => formatBytes(bytes, i18n.language);

  return (
    <section aria-labelledby="build-context-title" data-testid="build-context" className="space-y-2 text-sm">
      <div className="flex items-center gap-2">
        <h2 id="build-context-title" className="font-semibold">
          {t('build.context.title')}
        </h2>
        <Button
          variant="ghost"
          className="ml-auto !px-2 !py-0.5 text-xs"
          onClick={() => setRecount((count) => count + 1)}
          data-testid="build-context-refresh"
        >
          {t('build.context.refresh')}
        </Button>
      </div>
      {failure &&
        (failureSentence ? (
          <p role="alert" className="text-rose-700 dark:text-rose-300">
            {failureSentence}
          </p>
        ) : (
          <ProblemCard problem={failure.toWire()} />
        ))}
      {!summary && !failure && (
        <p role="status" className="text-slate-500">
          {t('build.context.loading')}
        </p>
      )}
      {notice && (
        <p role="status" data-testid="build-context-notice" className="text-emerald-700 dark:text-emerald-300">
          <InlineCode text={notice} />
        </p>
      )}
      {summary && (
        <>
          <p className="font-medium" data-testid="build-context-sends">
            {t('build.context.sends', {
              count: summary.files,
              files: number(summary.files),
              size: size(summary.bytes),
            })}
          </p>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            <InlineCode text={t('build.context.explain')} />
          </p>
          {summary.oversized && (
            <div
              role="alert"
              data-testid="build-context-oversized"
              className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950 dark:border-amber-700/60 dark:bg-amber-950/40 dark:text-amber-100"
            >
              <p className="flex gap-2">
                <WarningIcon className="mt-0.5 h-4 w-4 shrink-0 text-amber-600 dark:text-amber-400" />
                {summary.oversized.folder ? (
                  t('build.context.oversized', {
                    folder: summary.oversized.folder,
                    size: size(summary.oversized.folderBytes),
                  })
                ) : (
                  <InlineCode text={t('build.context.oversizedWhole')} />
                )}
              </p>
              {summary.oversized.folder && (
                <Button
                  className="mt-2"
                  disabled={ignoring}
                  onClick={() => void ignore(summary.oversized?.folder ?? '')}
                  data-testid="build-context-ignore"
                >
                  {ignoring ? (
                    t('build.context.ignoring')
                  ) : (
                    <InlineCode text={t('build.context.ignoreFolder', { folder: summary.oversized.folder })} />
                  )}
                </Button>
              )}
            </div>
          )}
          {summary.largestFolders.length > 0 && (
            <div>
              <h3 className="text-xs font-medium text-slate-600 dark:text-slate-400">{t('build.context.largest')}</h3>
              <ul className="mt-1 space-y-0.5" data-testid="build-context-folders">
                {summary.largestFolders.map((folder) => (
                  <li key={folder.path} className="flex justify-between gap-3">
                    {folder.path === '.' ? (
                      <span className="min-w-0 truncate text-xs">{t('build.context.ownFiles')}</span>
                    ) : (
                      <span className="min-w-0 truncate font-mono text-xs">{folder.path}/</span>
                    )}
                    <span className="shrink-0 text-xs text-slate-600 tabular-nums dark:text-slate-400">
                      {t('build.context.folderSize', {
                        count: folder.files,
                        files: number(folder.files),
                        size: size(folder.bytes),
                      })}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="build-context-ignored">
            <InlineCode
              text={
                summary.ignored
                  ? t('build.context.ignored', { count: summary.ignored.files, files: number(summary.ignored.files) })
                  : t('build.context.noIgnore')
              }
            />
          </p>
          {summary.ignored?.folders ? (
            <p className="text-xs text-slate-600 dark:text-slate-400">
              {t('build.context.ignoredFolders', { count: summary.ignored.folders })}
            </p>
          ) : null}
          {summary.leftOut && summary.leftOut.count > 0 && (
            <div className="text-xs" data-testid="build-context-left-out">
              <p>{t('build.context.leftOut', { count: summary.leftOut.count })}</p>
              <ul className="mt-1 font-mono">
                {summary.leftOut.paths.map((left) => (
                  <li key={left.path} className="break-all">
                    {left.path}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {summary.outsideLinks.length > 0 && (
            <div className="text-xs" data-testid="build-context-links">
              <p>{t('build.context.outsideLinks')}</p>
              <ul className="mt-1 font-mono">
                {summary.outsideLinks.map((link) => (
                  <li key={link.path} className="break-all">
                    {link.path} → {link.target}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </section>
  );
}
