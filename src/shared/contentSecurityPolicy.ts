/**
 * The renderer's Content-Security-Policy. Production allows nothing but the app's own files: no
 * inline scripts, no eval, no remote origins. 'self' also covers the harness's same-origin WebSocket.
 * Development adds what Vite's dev server needs (its inline React preamble and HMR socket).
 */
export function contentSecurityPolicy(mode: 'production' | 'development'): string {
  const directives: Record<string, string> = {
    'default-src': "'none'",
    'script-src': "'self'",
    // xterm.js (the container terminal) writes its measurements into <style> elements at run time;
    // inline CSS cannot run code, and with no remote origins allowed it cannot send anything out.
    'style-src': "'self' 'unsafe-inline'",
    'img-src': "'self' data:",
    'font-src': "'self'",
    'connect-src': "'self'",
    'base-uri': "'none'",
    'form-action': "'none'",
    'object-src': "'none'",
  };
  if (mode === 'development') {
    directives['script-src'] = "'self' 'unsafe-inline'";
    directives['style-src'] = "'self' 'unsafe-inline'";
    directives['connect-src'] = "'self' ws://localhost:* http://localhost:*";
  }
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}
