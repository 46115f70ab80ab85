// Supporting documents of a voucher (附件): the editor's field, and the file store's hooks.
export { AttachmentsField } from './AttachmentsField';
export { useBlobStore, useBlobUrl } from './use-blobs';
export { MISSING_TEXT } from './attachment-messages';
export { UploadNotice } from './UploadNotice';
