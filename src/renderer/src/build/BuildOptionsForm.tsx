import { useTranslation } from 'react-i18next';
import type { DockerfileStage } from '../../../shared/dockerfile';
import type { FieldErrors } from '../run/runForm';
import { ErrorText } from '../run/rowParts';
import { Field, TextInput } from '../ui/Field';
import { InlineCode } from '../ui/InlineCode';
import { BuildArgRows } from './BuildArgRows';
import type { BuildForm } from './buildForm';

const selectClass =
  'w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm aria-[invalid=true]:border-rose-500 dark:border-slate-600 dark:bg-slate-800';

/** The build's options: image name and tag, build arguments, target stage, no cache, always pull. */
export function BuildOptionsForm({
  form,
  errors,
  stages,
  undeclared,
  onChange,
  onRemoveArg,
  onLeave,
}: {
  form: BuildForm;
  /** The errors to show now, by field path ("tag", "buildArgs.0.name", "target"). */
  errors: FieldErrors;
  /** The stages of the Dockerfile as it is in the editor. */
  stages: DockerfileStage[];
  /** Build argument names no ARG line declares. */
  undeclared: string[];
  onChange: (patch: Partial<BuildForm>) => void;
  onRemoveArg: (index: number) => void;
  onLeave: (path: string) => void;
}) {
  const { t } = useTranslation();
  const named = stages.filter((stage) => stage.name !== null);
  const targetKnown = form.target === '' || named.some((stage) => stage.name === form.target);
  return (
    <section aria-labelledby="build-options-title" className="space-y-4" data-testid="build-options">
      <h2 id="build-options-title" className="text-sm font-semibold">
        {t('build.options.title')}
      </h2>
      <Field label={t('build.options.tag')} help={t('build.options.tagHelp')} error={errors.tag}>
        {(fieldProps) => (
          <TextInput
            {...fieldProps}
            data-field="tag"
            data-testid="build-tag"
            className="font-mono"
            value={form.tag}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => onChange({ tag: event.target.value })}
            onBlur={() => onLeave('tag')}
          />
        )}
      </Field>
      <BuildArgRows
        rows={form.buildArgs}
        errors={errors}
        hint={undeclared.length > 0 ? t('build.options.undeclared', { names: undeclared.join(', ') }) : null}
        onChange={(buildArgs) => onChange({ buildArgs })}
        onAdd={() => onChange({ buildArgs: [...form.buildArgs, { name: '', value: '' }] })}
        onRemove={onRemoveArg}
        onLeave={onLeave}
      />
      <div className="space-y-1">
        <label className="block text-sm font-medium" htmlFor="build-target">
          {t('build.options.target')}
        </label>
        <select
          id="build-target"
          data-field="target"
          data-testid="build-target"
          className={selectClass}
          aria-invalid={Boolean(errors.target)}
          value={form.target}
          onChange={(event) => onChange({ target: event.target.value })}
          onBlur={() => onLeave('target')}
        >
          <option value="">{t('build.options.lastStage')}</option>
          {stages.map((stage, index) =>
            stage.name ? (
              <option key={`${stage.name}-${stage.line}`} value={stage.name}>
                {t('build.options.stage', { name: stage.name, line: stage.line })}
              </option>
            ) : (
              <option key={`unnamed-${stage.line}`} disabled value={`#${index}`}>
                {t('build.options.unnamedStage', { index: index + 1, base: stage.base })}
              </option>
            ),
          )}
          {/* A stage the editor no longer has stays listed, so the select shows what the error is about. */}
          {!targetKnown && <option value={form.target}>{form.target}</option>}
        </select>
        <ErrorText message={errors.target} />
      </div>
      <div className="space-y-2 text-sm">
        {(['noCache', 'pull'] as const).map((flag) => (
          <label key={flag} className="flex items-start gap-2">
            <input
              type="checkbox"
              className="mt-0.5"
              data-testid={flag === 'noCache' ? 'build-no-cache' : 'build-pull'}
              checked={form[flag]}
              onChange={(event) => onChange({ [flag]: event.target.checked })}
            />
            <span>
              <InlineCode text={t(`build.options.${flag}`)} />
            </span>
          </label>
        ))}
      </div>
    </section>
  );
}
