import { useTranslation } from 'react-i18next';
import type { ComposeTool } from '../../../shared/compose';
import { Button } from '../ui/Button';
import { InlineCode } from '../ui/InlineCode';

/** No compose here: what to install on this computer's system, how to check it, and a way to look again. */
export function ComposeToolMissing({
  tool,
  onCheckAgain,
  checking,
}: {
  tool: Extract<ComposeTool, { found: false }>;
  onCheckAgain: () => void;
  checking: boolean;
}) {
  const { t } = useTranslation();
  const system = tool.platform === 'darwin' || tool.platform === 'win32' ? 'desktop' : 'linux';
  return (
    <section
      role="status"
      aria-labelledby="compose-tool-missing-title"
      className="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm dark:border-amber-700/60 dark:bg-amber-950/40"
      data-testid="compose-tool-missing"
    >
      <h2 id="compose-tool-missing-title" className="font-semibold">
        {t('compose.tool.missingTitle')}
      </h2>
      <p className="mt-1 leading-6">
        <InlineCode text={t('compose.tool.missingBody')} />
      </p>
      <ol className="mt-2 list-inside list-decimal space-y-1 leading-6">
        {system === 'desktop' ? (
          <li>
            <InlineCode text={t('compose.tool.installDesktop')} />
          </li>
        ) : (
          <li>
            <InlineCode text={t('compose.tool.installLinux')} />
          </li>
        )}
        <li>
          <InlineCode text={t('compose.tool.check')} />
        </li>
      </ol>
      {tool.searched.length > 0 && (
        <details className="mt-2 text-xs text-slate-600 dark:text-slate-400">
          <summary className="cursor-pointer">{t('compose.tool.searched')}</summary>
          <ul className="mt-1 font-mono">
            {tool.searched.map((place) => (
              <li key={place} data-value="">
                {place}
              </li>
            ))}
          </ul>
        </details>
      )}
      <Button className="mt-3" onClick={onCheckAgain} disabled={checking} data-testid="compose-tool-check-again">
        {checking ? t('compose.tool.checking') : t('compose.tool.checkAgain')}
      </Button>
    </section>
  );
}
