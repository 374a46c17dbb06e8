import { z } from 'zod';

/** What a tray menu item does when clicked; the Electron shell maps each to its work. */
export const trayActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('open-window') }),
  z.object({
    kind: z.literal('open-section'),
    section: z.enum(['containers', 'images', 'hub', 'installation', 'settings', 'onboarding', 'disk', 'lessons']),
    param: z.string().nullable(),
  }),
  z.object({ kind: z.literal('open-logs'), containerId: z.string() }),
  z.object({ kind: z.literal('open-url'), url: z.string() }),
  z.object({ kind: z.literal('container-action'), containerId: z.string(), action: z.enum(['restart', 'stop']) }),
  z.object({ kind: z.literal('run-image'), image: z.string() }),
  z.object({ kind: z.literal('quit') }),
]);
export type TrayAction = z.infer<typeof trayActionSchema>;

export interface TrayMenuItem {
  /** Omitted for separators. */
  label?: string;
  type?: 'normal' | 'separator' | 'submenu';
  enabled?: boolean;
  action?: TrayAction;
  submenu?: TrayMenuItem[];
  /** Stable id for tests and the preview page. */
  id?: string;
}

export const trayMenuItemSchema: z.ZodType<TrayMenuItem> = z.lazy(() =>
  z.object({
    label: z.string().optional(),
    type: z.enum(['normal', 'separator', 'submenu']).optional(),
    enabled: z.boolean().optional(),
    action: trayActionSchema.optional(),
    submenu: z.array(trayMenuItemSchema).optional(),
    id: z.string().optional(),
  }),
);

/** The tray icon's look: engine state, and whether a pull runs (a badge / animation). */
export const trayIconStateSchema = z.enum(['running', 'starting', 'stopped', 'error']);
export type TrayIconState = z.infer<typeof trayIconStateSchema>;

export const trayModelSchema = z.object({
  icon: trayIconStateSchema,
  pulling: z.boolean(),
  tooltip: z.string(),
  items: z.array(trayMenuItemSchema),
});
export type TrayModel = z.infer<typeof trayModelSchema>;
