import type { PullJob } from '../../../shared/pulls';
import type { RunFlow } from '../../../shared/run';

/**
 * The lines `docker run` would print for this run, rebuilt from what really happened, so the
 * course's terminal output and Berth's diagram tell the same story.
 */
export function cliTranscript(flow: RunFlow, pull: PullJob | undefined): string[] {
  // The line that ran: the dialog's "copy docker run" line, options and all.
  const lines = [`$ ${flow.command}`];
  if (flow.cacheHit === false) {
    lines.push(`Unable to find image '${flow.image}' locally`);
    if (pull) {
      const colon = pull.reference.lastIndexOf(':');
      const tag = colon > 0 ? pull.reference.slice(colon + 1) : 'latest';
      const repository = colon > 0 ? pull.reference.slice(0, colon) : pull.reference;
      lines.push(`${tag}: Pulling from ${repository.includes('/') ? repository : `library/${repository}`}`);
      for (const layer of pull.layers) {
        lines.push(`${layer.id}: ${layerWords[layer.state]}`);
      }
      if (pull.digest) lines.push(`Digest: ${pull.digest}`);
      if (pull.outcome === 'downloaded-newer') lines.push(`Status: Downloaded newer image for ${pull.reference}`);
      if (pull.outcome === 'up-to-date') lines.push(`Status: Image is up to date for ${pull.reference}`);
    }
  }
  // Detached (-d), the docker command prints the new container's id and nothing of its output.
  if (/^docker run -d( |$)/.test(flow.command) && flow.containerId) lines.push(flow.containerId);
  return lines;
}

const layerWords: Record<PullJob['layers'][number]['state'], string> = {
  waiting: 'Waiting',
  'pulling-fs-layer': 'Pulling fs layer',
  downloading: 'Downloading',
  'verifying-checksum': 'Verifying Checksum',
  'download-complete': 'Download complete',
  extracting: 'Extracting',
  'pull-complete': 'Pull complete',
  'already-exists': 'Already exists',
};
