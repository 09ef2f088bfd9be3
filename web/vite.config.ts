/**
 * Builds the browser apps Helsebro serves itself (src/http/routes/web-apps.ts): the doctor's SMART
 * app (/apps/lege/) and the EHR sandbox (/sandbox/). One multi-page build, so both share the Aksel
 * and React chunks; file names carry a content hash, which lets the server mark them immutable.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  // Every asset is referenced as /apps/assets/…, the one path the server serves them from.
  base: '/apps/',
  plugins: [react()],
  build: {
    outDir: here('../dist/web'),
    emptyOutDir: true,
    assetsDir: 'assets',
    // The CSP allows no inline script or data: script, so nothing is inlined into the HTML.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rollupOptions: {
      onwarn(warning, warn) {
        // fhirclient's WebCrypto shim for old browsers mixes module systems; the apps use the browser's own crypto.
        if (warning.code === 'COMMONJS_VARIABLE_IN_ESM' && warning.id?.includes('isomorphic-webcrypto')) return;
        warn(warning);
      },
      input: {
        lege: here('lege/index.html'),
        'lege-launch': here('lege/launch.html'),
        sandbox: here('sandbox/index.html'),
      },
    },
  },
});
