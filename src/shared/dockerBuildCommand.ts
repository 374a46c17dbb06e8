import type { BuildOptions } from './builds';
import { shellQuote } from './dockerRunCommand';

/**
 * The `docker build` line that does what the Build page will do, for the user to learn and reuse.
 * DOCKER_BUILDKIT=0 picks the classic builder, the one the Engine API's POST /build uses; -f is
 * the Dockerfile's full path, since the CLI reads -f from where the command is typed, not from the
 * context.
 */
export function dockerBuildCommand(options: BuildOptions): string {
  const args = ['docker', 'build'];
  if (options.tag.trim()) args.push('-t', options.tag.trim());
  if (options.dockerfile !== 'Dockerfile') args.push('-f', joinPath(options.contextPath, options.dockerfile));
  for (const arg of options.buildArgs) args.push('--build-arg', `${arg.name}=${arg.value}`);
  if (options.target) args.push('--target', options.target);
  if (options.noCache) args.push('--no-cache');
  if (options.pull) args.push('--pull');
  args.push(options.contextPath);
  return `DOCKER_BUILDKIT=0 ${args.map(shellQuote).join(' ')}`;
}

/** The context folder and a path inside it, with the folder's own separator (C:\ on Windows). */
function joinPath(folder: string, inside: string): string {
  const separator = /^[A-Za-z]:\\/.test(folder) || folder.startsWith('\\\\') ? '\\' : '/';
  const relative = separator === '\\' ? inside.replaceAll('/', '\\') : inside;
  return folder.endsWith(separator) ? `${folder}${relative}` : `${folder}${separator}${relative}`;
}
