/**
 * Reading and writing the answers file of the command line and of import:
 * `{"year": 2022, "unit": "…", "answers": {"t3.new.np": 0, …}}`.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { AnswersFile } from './template.js';

const answersFileSchema = z.object({
  year: z.number().int().min(2008).max(2100),
  unit: z.string(),
  answers: z.record(z.string(), z.union([z.string(), z.number()])),
});

/** A file that is missing, is not JSON, or is not an answers file; the message is for the person who named it. */
export class AnswersFileError extends Error {}

/** Parses an answers file's text; throws AnswersFileError with a Chinese message naming what is wrong. */
export function parseAnswersFile(text: string, source: string): AnswersFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new AnswersFileError(`${source} 不是有效的 JSON 文件`);
  }
  const result = answersFileSchema.safeParse(data);
  if (!result.success) {
    const where = result.error.issues.map((i) => i.path.join('.') || '（根）').join('、');
    throw new AnswersFileError(
      `${source} 不是年报数据文件：需要 {"year": 年份, "unit": "机关名称", "answers": {…}}，问题出在 ${where}`,
    );
  }
  return result.data;
}

/** Reads an answers file from disk. */
export async function readAnswersFile(path: string): Promise<AnswersFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AnswersFileError(
      code === 'ENOENT' ? `找不到文件 ${path}` : `无法读取文件 ${path}（${code ?? '未知错误'}）`,
    );
  }
  return parseAnswersFile(text, path);
}

/** The answers file as it is written to disk. */
export function formatAnswersFile(file: AnswersFile): string {
  return JSON.stringify(file, null, 2) + '\n';
}
