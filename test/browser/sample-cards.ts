// Cards shaped like the ones the bot sends (Card JSON 2.0, inputs named by canonical keys), for the
// browser tests and for looking at the renderer.

type Card = Record<string, unknown>;

const txt = (content: string) => ({ tag: 'plain_text', content });

/** 二、主动公开 — a section form with a required input, a select, a table and a collapsible panel. */
export function sectionCard(): Card {
  return {
    schema: '2.0',
    config: { update_multi: true },
    header: {
      title: txt('2025 年度报告 · 二、主动公开政府信息情况'),
      subtitle: txt('示范县人民政府办公室'),
      template: 'blue',
    },
    body: {
      elements: [
        { tag: 'markdown', content: '请填写 **本年度** 的数字，合计由系统计算。\n- 单位：件\n- 没有的填 0' },
        {
          tag: 'table',
          page_size: 5,
          columns: [
            { name: 'item', display_name: '项目', data_type: 'text' },
            { name: 'last', display_name: '上年数', data_type: 'number' },
            { name: 'note', display_name: '说明', data_type: 'lark_md' },
          ],
          rows: [
            { item: '规章', last: 3, note: '**已核对**' },
            { item: '行政规范性文件', last: 12, note: '含废止 2 件' },
          ],
        },
        {
          tag: 'collapsible_panel',
          expanded: false,
          header: { title: txt('填写说明') },
          elements: [{ tag: 'markdown', content: '「本年制发件数」指本年度新制发的件数。' }],
        },
        { tag: 'hr' },
        {
          tag: 'form',
          name: 'f_t2',
          elements: [
            {
              tag: 'column_set',
              columns: [
                {
                  tag: 'column',
                  width: 'weighted',
                  weight: 1,
                  elements: [
                    {
                      tag: 'input',
                      name: 't2.reg.issued',
                      required: true,
                      label: txt('规章 · 本年制发件数'),
                      placeholder: txt('填数字'),
                    },
                  ],
                },
                {
                  tag: 'column',
                  width: 'weighted',
                  weight: 1,
                  elements: [
                    {
                      tag: 'input',
                      name: 't2.reg.repealed',
                      label: txt('规章 · 本年废止件数'),
                      placeholder: txt('填数字'),
                      default_value: '0',
                    },
                  ],
                },
              ],
            },
            {
              tag: 'select_static',
              name: 'unit_kind',
              label: txt('单位类别'),
              placeholder: txt('请选择类别'),
              options: [
                { text: txt('行政机关'), value: 'admin_org' },
                { text: txt('事业单位'), value: 'institution' },
              ],
            },
            {
              tag: 'input',
              name: 's1.active',
              input_type: 'multiline_text',
              label: txt('（一）主动公开'),
              placeholder: txt('概述本年度主动公开工作'),
              max_length: 2000,
            },
            {
              tag: 'column_set',
              columns: [
                {
                  tag: 'column',
                  width: 'auto',
                  elements: [
                    {
                      tag: 'button',
                      name: 'submit_t2',
                      form_action_type: 'submit',
                      type: 'primary_filled',
                      text: txt('提交'),
                      behaviors: [{ type: 'callback', value: { action: 'demo' } }],
                    },
                  ],
                },
                {
                  tag: 'column',
                  width: 'auto',
                  elements: [
                    { tag: 'button', name: 'reset_t2', form_action_type: 'reset', text: txt('重置') },
                  ],
                },
              ],
            },
          ],
        },
      ],
    },
  };
}

/** What the bot answers after a good submit: the saved values, read-only. */
export function savedCard(formValue: Record<string, unknown>): Card {
  return {
    schema: '2.0',
    config: { update_multi: true },
    header: { title: txt('二、主动公开政府信息情况 · 已保存'), template: 'green' },
    body: {
      elements: [
        { tag: 'markdown', content: `已保存：规章本年制发 **${String(formValue['t2.reg.issued'])}** 件` },
        {
          tag: 'button',
          name: 'back',
          type: 'default',
          text: txt('返回修改'),
          behaviors: [{ type: 'callback', value: { action: 'back' } }],
        },
      ],
    },
  };
}
