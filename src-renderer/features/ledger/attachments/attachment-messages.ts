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
