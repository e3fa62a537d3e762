import type { EmulatorUser } from './types.js';

/** The demo tenant's people by role; ids are fixed so demo data and tests stay stable across restarts. */
export const DEMO = {
  filler: {
    open_id: 'ou_5f0a3c1e9b7d4e2a8c6b1d3f5e7a9c01',
    user_id: 'zhangmin',
    union_id: 'on_2c4e6a8b0d1f3a5c7e9b1d3f5a7c9e01',
    name: '张敏',
  },
  filler2: {
    open_id: 'ou_6a1b4d2f0c8e5a3b9d7c2e4a6f8b0d02',
    user_id: 'liqiang',
    union_id: 'on_3d5f7b9c1e2a4b6d8f0c2e4a6b8d0f02',
    name: '李强',
  },
  approver: {
    open_id: 'ou_7b2c5e3a1d9f6b4c0e8d3f5b7a9c1e03',
    user_id: 'wangfang',
    union_id: 'on_4e6a8c0d2f3b5c7e9a1d3f5b7c9e1a03',
    name: '王芳',
  },
  admin: {
    open_id: 'ou_8c3d6f4b2e0a7c5d1f9e4a6c8b0d2f04',
    user_id: 'zhaolei',
    union_id: 'on_5f7b9d1e3a4c6d8f0b2e4a6c8d0f2b04',
    name: '赵磊',
  },
} as const satisfies Record<string, EmulatorUser>;

/** The four demo users: 填报人 张敏, 填报人 李强, 审核人 王芳, 管理员 赵磊. */
export const DEMO_USERS: EmulatorUser[] = [DEMO.filler, DEMO.filler2, DEMO.approver, DEMO.admin];

/** The tenant key Feishu puts in every event of this emulated tenant. */
export const DEMO_TENANT_KEY = '736588c9260f175d';
