import { useTranslation } from 'react-i18next';
import { useNavigate } from '../app/navigation';
import { useRunDialog } from '../run/runDialogContext';
import { Button } from '../ui/Button';
import { CheckIcon } from '../ui/icons';
import { shortImageId } from './buildJobFacts';

/**
 * The image a build made, and what to do with it next: run it (the run dialog fills in the ports its
 * Dockerfile EXPOSEs, read from the image) or look at its layers.
 */
export function BuildResult({ imageId, tags }: { imageId: string; tags: readonly string[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { openRun } = useRunDialog();
  const shortId = shortImageId(imageId);
  // The tag names the image as the user wrote it; an untagged image is run by its full id.
  const image = tags[0] ?? imageId;
  const name = tags[0] ?? shortId;
  return (
    <section
      data-testid="build-result"
      className="rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-emerald-950 dark:border-emerald-700/60 dark:bg-emerald-950/40 dark:text-emerald-100"
    >
      <div className="flex flex-wrap items-start gap-3">
        <CheckIcon className="mt-0.5 h-5 w-5 shrink-0 text-emerald-600 dark:text-emerald-400" />
        <div className="min-w-0 flex-1 space-y-1">
          <h4 className="font-semibold">{t('buildSteps.success.heading')}</h4>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm">
            <dt className="text-emerald-800 dark:text-emerald-300">{t('buildSteps.success.imageId')}</dt>
            <dd className="font-mono" title={imageId} data-testid="build-image-id">
              {shortId}
            </dd>
            <dt className="text-emerald-800 dark:text-emerald-300">{t('buildSteps.success.tags')}</dt>
            <dd data-testid="build-tags">
              {tags.length > 0 ? (
                <ul className="flex flex-wrap gap-x-2">
                  {tags.map((tag) => (
                    <li key={tag} className="font-mono break-all">
                      {tag}
                    </li>
                  ))}
                </ul>
              ) : (
                t('buildSteps.success.noTags')
              )}
            </dd>
          </dl>
          <p className="text-xs text-emerald-800 dark:text-emerald-300">{t('buildSteps.success.next')}</p>
        </div>
        <div className="flex shrink-0 gap-2">
          <Button
            variant="primary"
            onClick={() => openRun(image)}
            aria-label={t('buildSteps.success.runLabel', { image: name })}
            data-testid="build-run"
          >
            {t('buildSteps.success.run')}
          </Button>
          <Button
            onClick={() => navigate('images', imageId)}
            aria-label={t('buildSteps.success.layersLabel', { image: name })}
            data-testid="build-layers"
          >
            {t('buildSteps.success.layers')}
          </Button>
        </div>
      </div>
    </section>
  );
}
