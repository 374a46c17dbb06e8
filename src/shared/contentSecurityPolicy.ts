/**
 * The renderer's Content-Security-Policy. Production allows nothing but the app's own files: no
 * inline scripts, no remote origins. 'self' also covers the harness's same-origin WebSocket.
 * Development adds what Vite's dev server needs (its inline React preamble and HMR socket).
 */
export function contentSecurityPolicy(mode: 'production' | 'development'): string {
  const directives: Record<string, string> = {
    'default-src': "'none'",
    'script-src': "'self'",
    'style-src': "'self'",
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
