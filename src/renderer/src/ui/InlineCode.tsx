import { Fragment } from 'react';

/**
 * Shows `backticked` parts of a translated sentence as code, e.g. the `docker version` command.
 * onColor: on a coloured background (a primary button's label), the code keeps the text's colour
 * and only changes its font, as a pill would be hard to read there.
 */
export function InlineCode({ text, onColor = false }: { text: string; onColor?: boolean }) {
  return (
    <>
      {text.split('`').map((part, index) =>
        index % 2 === 1 ? (
          <code
            key={index}
            className={
              onColor
                ? 'font-mono text-[0.95em]'
                : 'rounded bg-slate-200/70 px-1 py-0.5 font-mono text-[0.9em] dark:bg-slate-700/70'
            }
          >
            {part}
          </code>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </>
  );
}
