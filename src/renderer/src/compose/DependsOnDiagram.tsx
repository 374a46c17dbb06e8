import { Trans, useTranslation } from 'react-i18next';
import type { ComposeService } from '../../../shared/compose';

const BOX_WIDTH = 150;
const BOX_HEIGHT = 36;
const COLUMN_GAP = 60;
const ROW_GAP = 16;

/** How far each service is from one that waits for nothing (a cycle, which the file check reports, is cut). */
function levelsOf(services: ComposeService[]): Map<string, number> {
  const byName = new Map(services.map((service) => [service.name, service]));
  const levels = new Map<string, number>();
  const visit = (name: string, path: Set<string>): number => {
    const known = levels.get(name);
    if (known !== undefined) return known;
    if (path.has(name)) return 0;
    path.add(name);
    const dependencies = byName.get(name)?.dependsOn ?? [];
    const level = dependencies.reduce(
      (deepest, dependency) => Math.max(deepest, visit(dependency.service, path) + 1),
      0,
    );
    path.delete(name);
    levels.set(name, level);
    return level;
  };
  for (const service of services) visit(service.name, new Set());
  return levels;
}

/**
 * Which service waits for which (depends_on): the ones that wait for nothing on the left, starting
 * first; each arrow points from a service to the one it waits for. A text list says the same for
 * screen readers.
 */
export function DependsOnDiagram({ services }: { services: ComposeService[] }) {
  const { t } = useTranslation();
  const edges = services.flatMap((service) =>
    service.dependsOn.map((dependency) => ({
      from: service.name,
      to: dependency.service,
      condition: dependency.condition,
    })),
  );
  if (edges.length === 0) return null;
  const levels = levelsOf(services);
  const columns: string[][] = [];
  for (const service of services) (columns[levels.get(service.name) ?? 0] ??= []).push(service.name);
  const place = new Map<string, { x: number; y: number }>();
  columns.forEach((names, column) =>
    names.forEach((name, row) =>
      place.set(name, { x: column * (BOX_WIDTH + COLUMN_GAP), y: row * (BOX_HEIGHT + ROW_GAP) }),
    ),
  );
  const width = columns.length * (BOX_WIDTH + COLUMN_GAP) - COLUMN_GAP;
  const height = Math.max(...columns.map((names) => names.length)) * (BOX_HEIGHT + ROW_GAP) - ROW_GAP;

  return (
    <figure className="mt-4" data-testid="compose-depends-on">
      <figcaption className="text-sm font-semibold">{t('compose.dependsOn.title')}</figcaption>
      <p className="text-xs text-slate-600 dark:text-slate-400">{t('compose.dependsOn.help')}</p>
      <div className="mt-2 overflow-x-auto">
        <svg
          width={width + 8}
          height={height + 8}
          viewBox={`-4 -4 ${width + 8} ${height + 8}`}
          aria-hidden="true"
          className="text-slate-700 dark:text-slate-200"
        >
          <defs>
            <marker
              id="compose-arrow"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto"
            >
              <path d="M0,0 L10,5 L0,10 z" className="fill-sky-600 dark:fill-sky-400" />
            </marker>
          </defs>
          {edges.map((edge) => {
            const from = place.get(edge.from);
            const to = place.get(edge.to);
            if (!from || !to) return null;
            // From the waiting service's left side to its dependency's right side (dependencies sit to the left).
            return (
              <line
                key={`${edge.from}->${edge.to}`}
                x1={from.x}
                y1={from.y + BOX_HEIGHT / 2}
                x2={to.x + BOX_WIDTH}
                y2={to.y + BOX_HEIGHT / 2}
                className="stroke-sky-600 dark:stroke-sky-400"
                strokeWidth={1.5}
                markerEnd="url(#compose-arrow)"
              />
            );
          })}
          {[...place.entries()].map(([name, at]) => (
            <g key={name}>
              <rect
                x={at.x}
                y={at.y}
                width={BOX_WIDTH}
                height={BOX_HEIGHT}
                rx={6}
                className="fill-white stroke-slate-300 dark:fill-slate-900 dark:stroke-slate-600"
              />
              <text
                x={at.x + BOX_WIDTH / 2}
                y={at.y + BOX_HEIGHT / 2}
                dominantBaseline="middle"
                textAnchor="middle"
                className="fill-current font-mono text-xs"
                data-value=""
              >
                {name.length > 18 ? `${name.slice(0, 17)}…` : name}
              </text>
            </g>
          ))}
        </svg>
      </div>
      <ul className="sr-only" data-testid="compose-depends-on-list">
        {edges.map((edge) => (
          <li key={`${edge.from}->${edge.to}`}>
            {/* The names as values (<name>), so each language's sentence keeps them apart from its words. */}
            <Trans
              i18nKey={`compose.dependsOn.${edge.condition}`}
              values={{ service: edge.from, dependency: edge.to }}
              components={{ name: <span data-value="" /> }}
            />
          </li>
        ))}
      </ul>
    </figure>
  );
}
