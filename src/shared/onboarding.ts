import { z } from 'zod';
import { wireErrorSchema } from './errors';

/** What the first-run wizard looks for, in the order its checklist shows them. */
export const detectionItemIdSchema = z.enum(['cli', 'desktop', 'colima', 'orbstack', 'rancher', 'podman', 'endpoint']);
export type DetectionItemId = z.infer<typeof detectionItemIdSchema>;

export const detectionItemSchema = z.object({
  id: detectionItemIdSchema,
  found: z.boolean(),
  /** Where it was found (a path, a socket, an URL), or null. */
  where: z.string().nullable(),
});
export type DetectionItem = z.infer<typeof detectionItemSchema>;

/**
 * The wizard's view of this computer: what is installed, whether an engine answers, and so which
 * step comes next (install, start, fix permissions, or go on).
 */
export const detectionReportSchema = z.object({
  platform: z.enum(['darwin', 'win32', 'linux', 'other']),
  /** arm64 (Apple silicon) or x64 (Intel/AMD); others as Node names them. */
  arch: z.string(),
  items: z.array(detectionItemSchema),
  engineAnswers: z.boolean(),
  /** Why the engine does not answer, when it does not. */
  problem: wireErrorSchema.nullable(),
  next: z.enum(['install', 'start', 'permission', 'ready']),
  /** How Berth can start the engine here, when it can (Docker Desktop on macOS and Windows). */
  canStart: z.enum(['docker-desktop', 'none']),
});
export type DetectionReport = z.infer<typeof detectionReportSchema>;

export const startEngineResultSchema = z.object({
  started: z.boolean(),
  /** What was done, e.g. "open -a Docker", or the command the user should run. */
  how: z.string(),
  problem: wireErrorSchema.nullable(),
});
export type StartEngineResult = z.infer<typeof startEngineResultSchema>;

export const onboardingSteps = [
  'welcome',
  'detect',
  'install',
  'start',
  'verify',
  'first-container',
  'concepts',
  'done',
] as const;
export const onboardingStepSchema = z.enum(onboardingSteps);
export type OnboardingStep = z.infer<typeof onboardingStepSchema>;
