/**
 * Files that ship beside the code: package.json (the version) and migrations/. This module sits
 * one folder below the package root in every form the code runs in (src/ under vitest, dist/
 * once built and bundled, where every module ends up in one folder), so one relative URL finds
 * them all. Modules deeper in the tree must ask here rather than count `../` themselves.
 */
import { fileURLToPath } from 'node:url';

export const PACKAGE_JSON = new URL('../package.json', import.meta.url);
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));
