// The one set of Chinese names for account roles, used wherever a user's role is shown (the renderer's 同步服务器
// panel, the server's command line).
import type { Role } from './permissions';

export const ROLE_LABELS: { readonly [R in Role]: string } = {
  admin: '管理员',
  branch_secretary: '支部书记',
  secretary: '秘书',
  treasurer: '出纳/会计',
  staff: '工作人员',
  viewer: '只读',
};
