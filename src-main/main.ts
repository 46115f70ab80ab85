// Electron main entry, bundled by scripts/build-main.mjs to dist/main/main.cjs (package.json "main").
import { startApp } from './app-lifecycle';

startApp();
