import type { TFunction } from 'i18next';
import { DEFAULT_DOMAIN, parseImageReference } from '../../../shared/imageReference';
import type { ImageSource, RunFlow } from '../../../shared/run';

/** Where the flow's pull fetches from: what the engine said, or (before it said) the reference's registry. */
function sourceOf(flow: RunFlow): ImageSource {
  if (flow.source) return flow.source;
  const parsed = parseImageReference(flow.image);
  return { registry: parsed.ok ? parsed.reference.domain : DEFAULT_DOMAIN, mirrors: [] };
}

/** The pull step's name: Docker Hub, or "Registry" for an image from another one. */
export function pullStepTitle(t: TFunction, flow: RunFlow): string {
  return sourceOf(flow).registry === DEFAULT_DOMAIN
    ? t('run.flow.steps.hub.title')
    : t('run.flow.steps.hub.registryTitle');
}

/** The badge on the diagram's pull box once a pull started: the mirror or the registry really used. */
export function pullStepNote(t: TFunction, flow: RunFlow): string | undefined {
  if (!flow.source) return undefined;
  const [mirror] = flow.source.mirrors;
  if (mirror) return t('run.flow.steps.hub.mirrorBadge', { mirror });
  return flow.source.registry === DEFAULT_DOMAIN ? undefined : flow.source.registry;
}

/** The pull step in words, naming where the image really comes from. */
export function pullStepText(t: TFunction, flow: RunFlow): string {
  const state = flow.steps.hub;
  const image = flow.image;
  const { registry, mirrors } = sourceOf(flow);
  const [mirror] = mirrors;
  if (state === 'skipped') return t('run.flow.steps.hub.skipped');
  if (state === 'active') {
    if (mirror) return t('run.flow.steps.hub.pullingMirror', { image, mirror });
    return registry === DEFAULT_DOMAIN
      ? t('run.flow.steps.hub.pulling', { image })
      : t('run.flow.steps.hub.pullingFrom', { image, registry });
  }
  if (state === 'done') {
    if (mirror) return t('run.flow.steps.hub.doneMirror', { mirror });
    return registry === DEFAULT_DOMAIN ? t('run.flow.steps.hub.done') : t('run.flow.steps.hub.doneFrom', { registry });
  }
  if (state === 'failed') return t('run.flow.steps.hub.failed');
  return t('run.flow.steps.hub.pending');
}

/** The guide's "what just happened" line for the pull: Docker Hub, its mirror, or the other registry. */
export function guidePulledText(t: TFunction, flow: RunFlow): string {
  const { registry, mirrors } = sourceOf(flow);
  const [mirror] = mirrors;
  const image = flow.image;
  if (mirror) return t('onboarding.first.explain.twoMirror', { image, mirror });
  if (registry !== DEFAULT_DOMAIN) return t('onboarding.first.explain.twoFrom', { image, registry });
  return t('onboarding.first.explain.two');
}

/** The guide's invitation to run again, naming the place the second run skips. */
export function guideAgainText(t: TFunction, flow: RunFlow): string {
  const { registry, mirrors } = sourceOf(flow);
  const [mirror] = mirrors;
  if (mirror) return t('onboarding.first.againMirror', { mirror });
  if (registry !== DEFAULT_DOMAIN) return t('onboarding.first.againFrom', { registry });
  return t('onboarding.first.again');
}
