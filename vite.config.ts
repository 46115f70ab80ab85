import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { PAGE_META_CSP } from './shared/web/csp';

/** The CSP <meta> of index.html is written from shared/web/csp.ts, the one home of the app's policies. */
function pageCsp(): Plugin {
  const placeholder = '%APP_CSP%';
  return {
    name: 'linli-page-csp',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        // A page without its policy must not build.
        if (!html.includes(placeholder)) throw new Error(`index.html has no ${placeholder} for the CSP <meta>`);
        return html.replaceAll(placeholder, PAGE_META_CSP);
      },
    },
  };
}

// The renderer: one build for Electron (loaded from app://) and for the web host (served by src-server).
export default defineConfig({
  root: fileURLToPath(new URL('./src-renderer', import.meta.url)),
  base: './',
  plugins: [pageCsp(), react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
  },
  server: { port: 5173, strictPort: true },
});
