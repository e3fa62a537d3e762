/**
 * Where the shared fixtures are: `../shared/fixtures` beside the project root (the layout of every checkout
 * and of CI's clone), never an absolute path of one machine.
 */
import { resolve } from 'node:path';

/** The folder of real published reports used as fixtures. */
export const FIXTURES_DIR = resolve(process.cwd(), '..', 'shared', 'fixtures');

/** A fixture file by its name under FIXTURES_DIR, e.g. `huaian-city-2024.pdftotext.txt`. */
export const fixturePath = (name: string): string => resolve(FIXTURES_DIR, name);
