/**
 * Where the test fixtures are: `test/fixtures` in the repository (a fresh clone has everything it needs;
 * see test/fixtures/README.md for each document's origin and layout).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of real published reports used as fixtures. */
export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** A fixture file by its name under FIXTURES_DIR, e.g. `huaian-city-2024.pdftotext.txt`. */
export const fixturePath = (name: string): string => resolve(FIXTURES_DIR, name);
