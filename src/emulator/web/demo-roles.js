// The roles of the emulator's demo tenant (src/emulator/demo-tenant.ts), shown beside each name so a
// visitor knows whom to play; a `role` GET /api/users may give wins.
const DEMO_ROLES = {
  ou_5f0a3c1e9b7d4e2a8c6b1d3f5e7a9c01: '填报人',
  ou_6a1b4d2f0c8e5a3b9d7c2e4a6f8b0d02: '填报人',
  ou_7b2c5e3a1d9f6b4c0e8d3f5b7a9c1e03: '审核人',
  ou_8c3d6f4b2e0a7c5d1f9e4a6c8b0d2f04: '管理员',
};

/** The role label of a user ('填报人', '审核人', '管理员'), or '' when unknown. */
export function roleOf(user) {
  const given = [user.role_label, user.role].find((x) => typeof x === 'string' && x);
  return given ?? DEMO_ROLES[user.open_id] ?? '';
}
