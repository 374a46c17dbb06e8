import { z } from 'zod';
import { onboardingStepSchema } from './onboarding';

/** How Berth finds its engine: like the docker CLI, a named Docker context, or an address the user typed. */
export const engineChoiceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('automatic') }).strict(),
  z.object({ kind: z.literal('context'), name: z.string().min(1).max(200) }).strict(),
  z
    .object({
      kind: z.literal('custom'),
      /** unix:///path, tcp://host:port or ssh://user@host:port */
      url: z
        .string()
        .trim()
        .min(1)
        .max(1000)
        .regex(/^(unix:\/\/\/|npipe:\/\/|tcp:\/\/|ssh:\/\/)\S+$/, 'endpoint-url'),
    })
    .strict(),
]);
export type EngineChoice = z.infer<typeof engineChoiceSchema>;

export const notificationKindSchema = z.enum(['pullFinished', 'pullFailed', 'containerFailed', 'engineStopped']);
export type NotificationKind = z.infer<typeof notificationKindSchema>;

/** Everything the user can set, with the defaults a new install starts from. */
export const settingsSchema = z
  .object({
    language: z.enum(['system', 'ko', 'en']).default('system'),
    theme: z.enum(['system', 'light', 'dark']).default('system'),
    engine: engineChoiceSchema.default({ kind: 'automatic' }),
    /** Empty: https://hub.docker.com (or BERTH_HUB_URL). */
    hubUrl: z
      .string()
      .trim()
      .max(1000)
      .refine((value) => value === '' || /^https?:\/\/[^\s/]+/.test(value), 'hub-url')
      .default(''),
    startAtLogin: z.boolean().default(false),
    /** macOS: no Dock icon, Berth lives in the menu bar only. */
    menuBarOnly: z.boolean().default(false),
    showTrayIcon: z.boolean().default(true),
    /** The Containers list's "Show stopped ones too", remembered between visits and launches. */
    showStoppedContainers: z.boolean().default(false),
    /**
     * Say so in the status bar and the tray when this many gigabytes (10^9 bytes, as `docker system
     * df` counts) could be freed; 0 turns the hint off.
     */
    reclaimableAlertGb: z.number().min(0).max(100_000).default(10),
    /** Where the first-run wizard is: resumed there, and not shown again once finished or skipped. */
    onboarding: z
      .object({ step: onboardingStepSchema.default('welcome'), finished: z.boolean().default(false) })
      .strict()
      .default({ step: 'welcome', finished: false }),
    notifications: z
      .object({
        pullFinished: z.boolean().default(true),
        pullFailed: z.boolean().default(true),
        containerFailed: z.boolean().default(true),
        engineStopped: z.boolean().default(true),
      })
      .strict()
      .default({ pullFinished: true, pullFailed: true, containerFailed: true, engineStopped: true }),
  })
  .strict();
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = settingsSchema.parse({});

const settingsShape = settingsSchema.shape;
const notificationsShape = settingsShape.notifications.unwrap().shape;

/**
 * A change to some settings; what is not named stays as it is. Built from the fields without their
 * defaults: zod 4 applies a default inside .partial()/.optional(), which would turn every patch into
 * "reset everything else".
 */
export const settingsPatchSchema = z
  .object({
    language: settingsShape.language.unwrap().optional(),
    theme: settingsShape.theme.unwrap().optional(),
    engine: settingsShape.engine.unwrap().optional(),
    hubUrl: settingsShape.hubUrl.unwrap().optional(),
    startAtLogin: settingsShape.startAtLogin.unwrap().optional(),
    menuBarOnly: settingsShape.menuBarOnly.unwrap().optional(),
    showTrayIcon: settingsShape.showTrayIcon.unwrap().optional(),
    showStoppedContainers: settingsShape.showStoppedContainers.unwrap().optional(),
    reclaimableAlertGb: settingsShape.reclaimableAlertGb.unwrap().optional(),
    onboarding: z
      .object({ step: onboardingStepSchema.optional(), finished: z.boolean().optional() })
      .strict()
      .optional(),
    notifications: z
      .object({
        pullFinished: notificationsShape.pullFinished.unwrap().optional(),
        pullFailed: notificationsShape.pullFailed.unwrap().optional(),
        containerFailed: notificationsShape.containerFailed.unwrap().optional(),
        engineStopped: notificationsShape.engineStopped.unwrap().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** The settings as loaded, and what happened to a file that could not be read. */
export const settingsStateSchema = z.object({
  settings: settingsSchema,
  /** Set when the file was corrupt or unreadable: it was kept under this name and defaults were used. */
  recovered: z.object({ backupPath: z.string(), reason: z.string() }).nullable(),
  /** Where the settings live, for the settings page. */
  path: z.string(),
});
export type SettingsState = z.infer<typeof settingsStateSchema>;

/** One engine Berth can switch to: the automatic choice, each Docker context, or the custom address. */
export const engineOptionSchema = z.object({
  choice: engineChoiceSchema,
  /** What to show: "Automatic (like the docker command)", the context's name, or the URL. */
  label: z.string(),
  /** Where it points, as a URL; null when it cannot be resolved (then problem says why). */
  url: z.string().nullable(),
  description: z.string().nullable(),
  active: z.boolean(),
});
export type EngineOption = z.infer<typeof engineOptionSchema>;
