/**
 * Fonts of 党政机关公文格式 (GB/T 9704): title in 方正小标宋简体 when the rendering machine has it (宋体 bold
 * otherwise, which every Chinese Word has), headings in 黑体, sub-headings in 楷体, body in 仿宋; digits and
 * Latin letters in Times New Roman. Word picks the Chinese font from eastAsia, so each font names it explicitly.
 */
import { execFileSync } from 'node:child_process';

export interface DocxFont {
  ascii: string;
  hAnsi: string;
  eastAsia: string;
  cs: string;
}

const font = (eastAsia: string): DocxFont => ({
  ascii: 'Times New Roman',
  hAnsi: 'Times New Roman',
  eastAsia,
  cs: eastAsia,
});

export const FONTS = {
  heading: font('黑体'),
  subHeading: font('楷体'),
  body: font('仿宋'),
  table: font('宋体'),
  tableHeader: font('宋体'),
  /** 公文 page numbers are 宋体 四号 */
  pageNumber: font('宋体'),
};

/** Sizes in points: 二号 22 for the title, 三号 16 for body and headings, 五号 10.5 for tables. */
export const SIZES = { title: 22, body: 16, table: 10.5 };

/** The 公文 title font; its fontconfig family names, Chinese and English, as fc-list prints them. */
export const XIAOBIAOSONG = '方正小标宋简体';
const XIAOBIAOSONG_NAMES = [XIAOBIAOSONG, 'FZXiaoBiaoSong-B05S'];

export interface TitleFont {
  font: DocxFont;
  /** 宋体 stands in for 小标宋 in bold; 小标宋 itself is never bolded */
  bold: boolean;
}

/** The title font given the font families installed (fc-list's output): 方正小标宋简体, else 宋体 bold. */
export function titleFontFrom(installedFamilies: string): TitleFont {
  const families = installedFamilies.split(/[\n,]/).map((f) => f.trim());
  return XIAOBIAOSONG_NAMES.some((name) => families.includes(name))
    ? { font: font(XIAOBIAOSONG), bold: false }
    : { font: font('宋体'), bold: true };
}

/** The font families fontconfig knows, or '' when fc-list is missing or fails (the render goes on in 宋体). */
export function installedFontFamilies(command = 'fc-list'): string {
  try {
    return execFileSync(command, [':', 'family'], { encoding: 'utf8', timeout: 5000, stdio: 'pipe' });
  } catch {
    return '';
  }
}

let cached: TitleFont | undefined;

/** The title font of this machine, asked of fc-list once per process (the font list does not change under us). */
export function titleFont(): TitleFont {
  cached ??= titleFontFrom(installedFontFamilies());
  return cached;
}
