import { resolve } from 'node:path';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from './src/shared/contentSecurityPolicy';

/** Writes the Content-Security-Policy into index.html: strict in production, dev server allowed in dev. */
function cspPlugin(mode: 'production' | 'development'): Plugin {
  return {
    name: 'berth-csp',
    transformIndexHtml(html) {
      const meta = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(mode)}" />`;
      return html.replace('<!-- csp -->', meta);
    },
  };
}

export default defineConfig(({ command }) => ({
  main: {
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
    plugins: [react(), tailwindcss(), cspPlugin(command === 'serve' ? 'development' : 'production')],
  },
}));
