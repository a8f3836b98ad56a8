import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  // Relative asset paths: the same build is served by the HTTP bridge and by Electron's app:// protocol.
  base: './',
  plugins: [react()],
  // CSS Modules (*.module.css): classes are written kebab-case in the CSS and read camelCase in TSX (styles.buttonPrimary).
  css: { modules: { localsConvention: 'camelCase' } },
  build: {
    outDir: path.resolve(here, '../dist/renderer'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2048,
  },
});
