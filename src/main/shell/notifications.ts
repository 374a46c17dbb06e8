import { Notification } from 'electron';
import type { BerthNotification } from '../notifications/notifier';
import type { TrayAction } from '../../shared/tray';

/**
 * Shows the notifier's notifications as the system's own (Notification Center on macOS). A click
 * does what the notification points at (the container's logs, the images, the installation check).
 * Nothing happens where the system has no notifications.
 */
export function createNotificationShell(
  onAction: (action: TrayAction) => void,
): (notification: BerthNotification) => void {
  // Kept until closed or clicked: a garbage-collected Notification loses its click handler.
  const shown = new Set<Notification>();
  return (notification) => {
    if (!Notification.isSupported()) return;
    const native = new Notification({ title: notification.title, body: notification.body });
    shown.add(native);
    // macOS may never say "closed" for one left in Notification Center: keep the latest ones only.
    if (shown.size > 20) shown.delete(shown.values().next().value as Notification);
    const forget = () => shown.delete(native);
    native.on('click', () => {
      forget();
      onAction(notification.action);
    });
    native.on('close', forget);
    native.on('failed', forget);
    native.show();
  };
}
