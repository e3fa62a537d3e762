/**
 * Fonts of 党政机关公文格式 (GB/T 9704): title in 小标宋 (宋体 here, which every Chinese Word has), headings in
 * 黑体, sub-headings in 楷体, body in 仿宋; digits and Latin letters in Times New Roman.
 * Word picks the Chinese font from eastAsia, so each font names it explicitly.
 */
const font = (eastAsia: string) => ({
  ascii: 'Times New Roman',
  hAnsi: 'Times New Roman',
  eastAsia,
  cs: eastAsia,
});

export const FONTS = {
  title: font('宋体'),
  heading: font('黑体'),
  subHeading: font('楷体'),
  body: font('仿宋'),
  table: font('宋体'),
  tableHeader: font('宋体'),
};

/** Sizes in points: 二号 22 for the title, 三号 16 for body and headings. */
export const SIZES = { title: 22, body: 16 };
