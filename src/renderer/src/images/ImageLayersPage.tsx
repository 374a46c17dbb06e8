import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageLayer, ImageLayers } from '../../../shared/builds';
import { toBerthError, type BerthError } from '../../../shared/errors';
import { useBerthClient } from '../app/clientContext';
import { useNavigate } from '../app/navigation';
import { useEngineAvailable } from '../engine/engineStatus';
import { EngineUnavailable } from '../engine/EngineUnavailable';
import { ProblemCard } from '../engine/ProblemCard';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { InlineCode } from '../ui/InlineCode';
import { formatBytes, formatRelativeTime } from '../ui/format';
import { shortImageId } from './imageName';
import { imageNameList, layersSummary } from './layersSummary';

/** Past this many characters (or a second line), an instruction is folded until asked for. */
const FOLD_AT = 140;

/**
 * The layers of one local image (`docker history`), oldest first: a learner reads them in the
 * order of the Dockerfile, as the build page lists its steps. Which layers other local images share
 * says why a second image on the same base costs little disk.
 */
export function ImageLayersPage({ id }: { id: string }) {
  const navigate = useNavigate();
  const { t, i18n } = useTranslation();
  const client = useBerthClient();
  const { available: connected } = useEngineAvailable();
  const [image, setImage] = useState<ImageLayers | null>(null);
  const [error, setError] = useState<BerthError | null>(null);
  const [now, setNow] = useState(() => Date.now());

  // Read again whenever the Docker server comes back: the image may have changed meanwhile.
  useEffect(() => {
    if (!connected) return;
    let current = true;
    client.request('images.layers', { id }).then(
      (result) => {
        if (!current) return;
        setImage(result);
        setError(null);
        setNow(Date.now());
      },
      (caught: unknown) => {
        if (current) setError(toBerthError(caught));
      },
    );
    return () => {
      current = false;
    };
  }, [client, id, connected]);

  const name = image ? (image.repoTags[0] ?? shortImageId(image.id)) : shortImageId(id.replace(/^sha256:/, ''));
  const realLayers = image?.layers.filter((layer) => !layer.metadataOnly).length ?? 0;

  return (
    <div className="mx-auto max-w-5xl p-6" data-testid="layers-page" data-image={name}>
      <Button variant="ghost" className="-ml-3 text-sm" onClick={() => navigate('images')} data-testid="layers-back">
        ← {t('layers.back')}
      </Button>
      <h1 className="mt-2 text-xl font-semibold break-all">{t('layers.title', { name })}</h1>
      {!connected && <EngineUnavailable className="mt-4" consequence={t('layers.engineUnavailable')} />}
      {error && (
        <div className="mt-4">
          <ProblemCard problem={error.toWire()} />
        </div>
      )}
      {connected && !image && !error && (
        <p role="status" className="mt-4 text-sm text-slate-600 dark:text-slate-400" data-testid="layers-loading">
          {t('layers.loading')}
        </p>
      )}
      {image && (
        <>
          <p
            className="mt-3 rounded-md bg-sky-50 px-3 py-2 text-sm leading-6 text-sky-950 dark:bg-sky-950/40 dark:text-sky-100"
            data-testid="layers-summary"
            data-shared-bytes={image.sharedBytes}
          >
            {layersSummary(t, image, i18n.language)}
          </p>
          <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">
            <InlineCode text={t('layers.intro')} />
          </p>
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
            <InlineCode text={t('layers.order')} />
          </p>
          <table className="mt-3 w-full text-left text-sm" data-testid="layers-table" data-layers={realLayers}>
            <thead className="border-b border-slate-200 text-xs whitespace-nowrap text-slate-500 dark:border-slate-800">
              <tr>
                <th className="py-2 pr-3 font-medium">{t('layers.column.step')}</th>
                <th className="w-full py-2 pr-3 font-medium">{t('layers.column.instruction')}</th>
                <th className="py-2 pr-3 text-right font-medium">{t('layers.column.size')}</th>
                <th className="py-2 font-medium">{t('layers.column.created')}</th>
              </tr>
            </thead>
            <tbody>
              {image.layers.map((layer, index) => (
                <LayerRow key={index} layer={layer} step={index + 1} now={now} />
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

function LayerRow({ layer, step, now }: { layer: ImageLayer; step: number; now: number }) {
  const { t, i18n } = useTranslation();
  const [unfolded, setUnfolded] = useState(false);
  const long = layer.instruction.length > FOLD_AT || layer.instruction.includes('\n');
  const folded = long && !unfolded;
  return (
    <tr
      data-testid="layer-row"
      data-metadata-only={layer.metadataOnly ? 'true' : 'false'}
      data-shared={layer.sharedWith.length > 0 ? 'true' : 'false'}
      className="border-b border-slate-100 align-top dark:border-slate-800/60"
    >
      <td className="py-2 pr-3 text-xs text-slate-500 tabular-nums dark:text-slate-400">{step}</td>
      <td className="min-w-0 py-2 pr-3">
        <code
          // line-clamp sets its own display: `block` only when unfolded.
          className={`font-mono text-xs leading-5 break-all whitespace-pre-wrap ${folded ? 'line-clamp-2' : 'block'}`}
          data-testid="layer-instruction"
        >
          {layer.instruction || '—'}
        </code>
        {long && (
          <button
            type="button"
            className="mt-0.5 text-xs text-sky-700 hover:underline focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-sky-300"
            aria-expanded={unfolded}
            onClick={() => setUnfolded((open) => !open)}
          >
            {unfolded ? t('layers.showLess') : t('layers.showAll')}
          </button>
        )}
        {(layer.metadataOnly || layer.sharedWith.length > 0 || layer.buildArgs.length > 0) && (
          <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs">
            {layer.metadataOnly &&
              // A RUN, COPY or ADD that changed nothing left no layer either, but it is no setting.
              (/^(RUN|COPY|ADD)\b/.test(layer.instruction) ? (
                <span title={t('layers.noFilesChangedTitle')}>
                  <Badge tone="slate" testId="layer-no-files-changed">
                    {t('layers.noFilesChanged')}
                  </Badge>
                </span>
              ) : (
                <span title={t('layers.metadataOnlyTitle')}>
                  <Badge tone="slate" testId="layer-metadata-only">
                    {t('layers.metadataOnly')}
                  </Badge>
                </span>
              ))}
            {layer.sharedWith.length > 0 && (
              <span className="text-emerald-800 dark:text-emerald-300" data-testid="layer-shared">
                {t('layers.sharedWith', { names: imageNameList(t, layer.sharedWith, i18n.language) })}
              </span>
            )}
            {layer.buildArgs.length > 0 && (
              <span className="font-mono text-slate-600 dark:text-slate-400">
                {t('layers.buildArgs', { args: layer.buildArgs.join(' ') })}
              </span>
            )}
          </div>
        )}
      </td>
      <td className="py-2 pr-3 text-right whitespace-nowrap tabular-nums" data-testid="layer-size">
        {formatBytes(layer.bytes, i18n.language)}
      </td>
      <td className="py-2 whitespace-nowrap text-slate-600 dark:text-slate-400">
        {layer.created > 0 ? formatRelativeTime(layer.created * 1000, i18n.language, now) : '—'}
      </td>
    </tr>
  );
}
