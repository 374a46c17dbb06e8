/**
 * Whether an IPC message comes from Berth's own page: the top frame, at the URL Berth loaded.
 * Anything else (a navigated page, an iframe, another window) gets no access to the engine.
 */
export function isTrustedRendererUrl(frameUrl: string | undefined, rendererUrl: string): boolean {
  if (!frameUrl) return false;
  let frame: URL;
  let expected: URL;
  try {
    frame = new URL(frameUrl);
    expected = new URL(rendererUrl);
  } catch {
    return false;
  }
  if (expected.protocol === 'file:') {
    return frame.protocol === 'file:' && frame.host === expected.host && frame.pathname === expected.pathname;
  }
  return frame.origin === expected.origin;
}
