// What the treasurer reads when a file is not attached, naming the file (codes from db/blobs.ts and the shared rule).
import type { PutBlobError } from '../../../db/blobs';
import { ATTACHMENTS_MAX } from '../../../../shared/domain/ledger/attachments';

export type AttachRefusal = PutBlobError | { readonly code: 'TOO_MANY' } | { readonly code: 'ALREADY_ATTACHED' };

export function attachRefusalText(name: string, r: AttachRefusal): string {
  switch (r.code) {
    case 'FILE_TOO_LARGE':
      return `${name} 超过 5 MB，请压缩或拍照后再附上。`;
    case 'FILE_TYPE_UNSUPPORTED':
      return `${name} 不是图片或 PDF：只能附上 JPG、PNG、WEBP 图片或 PDF 文件。`;
    case 'FILE_EMPTY':
      return `${name} 是空文件，没有附上。`;
    case 'TOO_MANY':
      return `一张凭证最多附 ${ATTACHMENTS_MAX} 个文件，${name} 没有附上。`;
    case 'ALREADY_ATTACHED':
      return `${name} 已经附在这张凭证上了。`;
    case 'WRITE':
      return r.error.code === 'QUOTA_EXCEEDED' ? `磁盘空间不足，${name} 没有保存。请清理磁盘后再附上。` : `${name} 没有保存，请重试。`;
  }
}

/** A file the voucher names that is neither on this PC nor obtainable from the server now. */
export const MISSING_TEXT = '附件尚未同步到本机';

/** N files not yet on the server, and why (the uploader's last failure code). */
export function uploadWaitText(s: { readonly pending: number; readonly lastFailure: string | null }): string {
  const head = `有 ${s.pending} 个附件尚未上传到同步服务器`;
  switch (s.lastFailure) {
    case null:
      return `${head}，正在上传。`;
    case 'NOT_LOGGED_IN':
    case 'UNAUTHENTICATED':
      return `${head}：登录同步服务器后会自动上传（设置 → 同步服务器）。在此之前它们只保存在本机。`;
    case 'NETWORK':
      return `${head}：无法连接服务器，联网后会自动上传。`;
    case 'PAYLOAD_TOO_LARGE':
      return `${head}：服务器拒收——文件超过 5 MB，或本小区在服务器上的存储空间已用完。请联系管理员。`;
    case 'FORBIDDEN':
      return `${head}：当前登录的账号无权上传附件，请由制单人或管理员登录后上传。`;
    default:
      return `${head}：上次上传失败（${s.lastFailure}），将自动重试；如一直失败，请联系管理员。`;
  }
}
