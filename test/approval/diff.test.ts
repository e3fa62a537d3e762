import { diffAnswers, diffText } from '../../src/approval/diff.js';

describe('diffAnswers', () => {
  test('a changed cell shows old and new printed values, and the totals that moved with it', () => {
    const others = {
      't3.new.biz': '1',
      't3.new.res': '0',
      't3.new.npo': '0',
      't3.new.law': '0',
      't3.new.oth': '0',
    };
    const before = { ...others, 't3.new.np': '3' };
    const after = { ...others, 't3.new.np': '5' };
    const changes = diffAnswers(before, after);
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'cell',
          key: 't3.new.np',
          before: '3',
          after: '5',
          computed: false,
          section: 's3',
        }),
        expect.objectContaining({ kind: 'cell', key: 't3.new.tot', before: '4', after: '6', computed: true }),
      ]),
    );
    expect(changes.find((c) => c.key === 't3.new.biz')).toBeUndefined();
  });

  test('a cell emptied or filled shows the blank side as empty', () => {
    const [c] = diffAnswers({ 't2.license': '7' }, {}).filter((x) => x.key === 't2.license');
    expect(c).toMatchObject({ before: '7', after: '' });
  });

  test('equal reports have no changes; typing 12 or ' + "'12'" + ' is the same printed value', () => {
    expect(
      diffAnswers({ 't2.license': 12, 's1.active': 'A' }, { 't2.license': '12', 's1.active': 'A' }),
    ).toEqual([]);
  });

  test('changes come in the order of the printed report', () => {
    const changes = diffAnswers({}, { 's6.text': '无', 's1.active': '主动公开', 't4.review.upheld': '1' });
    expect(changes.map((c) => c.section)).toEqual([...changes.map((c) => c.section)].sort());
  });
});

describe('diffText', () => {
  test('one changed word in a long paragraph is shown with a little context', () => {
    const before = '本年度共主动公开政府信息1200条，其中规章3件，规范性文件15件，政策解读40篇。';
    const after = '本年度共主动公开政府信息1250条，其中规章3件，规范性文件15件，政策解读40篇。';
    const [edit] = diffText(before, after);
    expect(edit.before).toBe('0');
    expect(edit.after).toBe('5');
    expect(edit.contextBefore).toMatch(/信息12$/);
    expect(edit.contextAfter.startsWith('0条')).toBe(true);
  });

  test('an inserted paragraph is one edit; the paragraphs after it are not marked as changed', () => {
    const before = '第一段。\n第二段。\n第三段。';
    const after = '第一段。\n新加的一段。\n第二段。\n第三段。';
    expect(diffText(before, after)).toEqual([
      { before: '', after: '新加的一段。', contextBefore: '', contextAfter: '' },
    ]);
  });

  test('edits in two separate paragraphs are two edits', () => {
    const edits = diffText('甲乙丙。\n中间不变。\n丁戊己。', '甲X丙。\n中间不变。\n丁戊Y。');
    expect(edits.map((e) => [e.before, e.after])).toEqual([
      ['乙', 'X'],
      ['己', 'Y'],
    ]);
  });

  test('the same text gives no edit', () => {
    expect(diffText('一样', '一样')).toEqual([]);
  });
});
