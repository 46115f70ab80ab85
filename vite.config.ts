import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { VitePWA } from 'vite-plugin-pwa';
import { PAGE_META_CSP } from './shared/web/csp';
import { BACKGROUND_COLOR, MANIFEST_ICONS, THEME_COLOR } from './shared/web/app-icons';
import { MANIFEST_FILE, NAVIGATE_FALLBACK_DENYLIST, SERVICE_WORKER_FILE } from './shared/web/pwa';

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

const packageVersion = (JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string }).version;
/** Shown to the e2e tests as <html data-build>; LINLI_BUILD_ID tells two builds of one version apart (update test). */
const buildId = process.env.LINLI_BUILD_ID ?? packageVersion;

/** index.html's <meta name="theme-color"> (the manifest's colour, shared/web/app-icons.ts) and <meta name="linli-build">. */
function pageMeta(): Plugin {
  const values: Record<string, string> = { '%APP_THEME_COLOR%': THEME_COLOR, '%APP_BUILD_ID%': buildId };
  return {
    name: 'linli-page-meta',
    transformIndexHtml: {
      order: 'pre',
      handler: (html) => Object.entries(values).reduce((text, [placeholder, value]) => text.replaceAll(placeholder, value), html),
    },
  };
}

/**
 * The web host's service worker and manifest (issue #16). The worker precaches the whole build (fonts included) and
 * answers navigations with index.html so the app opens offline; it caches no API call and leaves the server's own
 * pages to the network. registerType 'prompt': a new version waits until the user accepts it (src-renderer/pwa) or
 * every tab has been closed, so the code never changes under an open page. src-renderer/pwa registers it, on the web
 * host only (the desktop app ignores the manifest and never registers the worker).
 */
const pwa = VitePWA({
  registerType: 'prompt',
  injectRegister: false,
  strategies: 'generateSW',
  filename: SERVICE_WORKER_FILE,
  manifestFilename: MANIFEST_FILE,
  includeManifestIcons: false, // globPatterns has them
  manifest: {
    id: './',
    name: '邻里工作台',
    short_name: '邻里工作台',
    description: '小区党支部、业委会、共建理事会的离线优先工作台：组织人员、会议记录、六方联动、财务台账、公告打印。',
    lang: 'zh-CN',
    dir: 'ltr',
    start_url: './',
    scope: './',
    display: 'standalone',
    theme_color: THEME_COLOR,
    background_color: BACKGROUND_COLOR,
    icons: MANIFEST_ICONS.map((icon) => ({ src: icon.file, sizes: `${icon.size}x${icon.size}`, type: 'image/png', purpose: icon.purpose })),
  },
  workbox: {
    // The manifest and its icons are added by the plugin itself.
    globPatterns: ['**/*.{html,js,css,woff2,woff,ttf,otf,png,svg,ico}'],
    // The print fonts (src-renderer/public/fonts, about 3 MB each) must be there offline too.
    maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
    navigateFallback: 'index.html',
    navigateFallbackDenylist: [...NAVIGATE_FALLBACK_DENYLIST],
    runtimeCaching: [],
    cleanupOutdatedCaches: true,
    skipWaiting: false,
    // Claims the page that installed the first worker, so that page already works offline (lazy chunks, print
    // fonts). It changes nothing for updates: a waiting worker activates only as described above.
    clientsClaim: true,
  },
});

// The renderer: one build for Electron (loaded from app://) and for the web host (served by src-server).
export default defineConfig({
  root: fileURLToPath(new URL('./src-renderer', import.meta.url)),
  base: './',
  define: { __LINLI_BUILD_ID__: JSON.stringify(buildId) },
  plugins: [pageCsp(), pageMeta(), react(), pwa],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
  },
  server: { port: 5173, strictPort: true },
});
