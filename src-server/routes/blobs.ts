// PUT and GET /blobs/:hash: supporting documents of vouchers (发票, 收据 photos or scans), content-addressed per
// compound (SPEC L-S1–L-S3). The bytes are written once and never change, so a PUT is idempotent and a retried upload
// whose answer was lost is answered 200. The voucher that names a file syncs on its own lane; the server never
// refuses a voucher for a file it does not hold yet (the PC that attached it uploads it when it can).
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ATTACHMENT_MAX_BYTES, isAttachmentMime, isBlobHash, sniffAttachmentMime } from '../../shared/domain/ledger/attachments';
import type { Result } from '../../shared/result';
import type { CollectionName } from '../../shared/schema';
import { canWrite } from '../../shared/sync/permissions';
import type { BlobPutResponse } from '../../shared/sync/protocol';
import { readRawBody } from '../http/body';
import { deviceId } from '../http/request-headers';
import { failure, type Failure } from '../http/respond';
import type { ApiContext } from './context';
import { fail, ok, type Handled, type Handler } from './route';

/** Collections whose documents name blobs: who may write one of them may upload. */
const BLOB_CARRIERS: readonly CollectionName[] = ['vouchers'];

/** A request refused before its body was read: the rest of the upload is not waited for. */
const unread = (req: IncomingMessage, f: Failure): Handled => {
  req.resume();
  return fail({ ...f, headers: { ...f.headers, Connection: 'close' } });
};

/** The declared media type, without parameters, lower case. */
const mediaType = (req: IncomingMessage): string => (String(req.headers['content-type'] ?? '').split(';')[0] ?? '').trim().toLowerCase();


export function blobRoutes(c: ApiContext): { put: Handler; get: Handler } {
  const { db, config } = c;

  return {
    async put(r) {
      const { req, res } = r;
      const hash = r.params.hash ?? '';
      if (!isBlobHash(hash)) return unread(req, failure('BAD_REQUEST', 'a blob is named by its SHA-256 in lower-case hex'));
      const a = await c.authorize(r);
      if (!a.ok) return unread(req, a.error);
      if (!BLOB_CARRIERS.some((col) => canWrite(a.value.role, col))) return unread(req, failure('FORBIDDEN', `role ${a.value.role} may not upload supporting documents`));
      const mime = mediaType(req);
      if (!isAttachmentMime(mime)) return unread(req, failure('UNSUPPORTED_MEDIA_TYPE', 'send a JPEG, PNG or WEBP image or a PDF with its Content-Type'));
      // The body is read before the compound's turn is taken: a slow upload holds no slot.
      const body = await readRawBody(req, ATTACHMENT_MAX_BYTES, `a supporting document is at most ${ATTACHMENT_MAX_BYTES} bytes`);
      if (!body.ok) return fail(body.error);
      const bytes = body.value;
      if (bytes.length === 0) return fail(failure('BAD_REQUEST', 'an empty file is not a supporting document'));
      if (createHash('sha256').update(bytes).digest('hex') !== hash) return fail(failure('BAD_REQUEST', 'the SHA-256 of the body is not the hash in the path'));
      if (sniffAttachmentMime(bytes) !== mime) return fail(failure('UNSUPPORTED_MEDIA_TYPE', `the body is not ${mime}`));
      const tenantId = a.value.claims.tid;
      const userId = a.value.claims.sub;
      return c.scheduled(tenantId, res, async () => {
        const known = await db.query<{ mime: string; size: number }>('SELECT mime, size FROM blobs WHERE tenant_id = $1 AND hash = $2', [tenantId, hash]);
        const existing = known.rows[0];
        if (existing) return ok({ hash, mime: existing.mime, size: Number(existing.size), created: false } satisfies BlobPutResponse);
        const stored = await db.transaction(async (tx): Promise<Result<boolean, Failure>> => {
          // The row every push of the compound locks: the quota counts blobs and versions together.
          const lock = await tx.query<{ stored_bytes: number }>('SELECT stored_bytes FROM tenant_seq WHERE tenant_id = $1 FOR UPDATE', [tenantId]);
          const used = Number(lock.rows[0]?.stored_bytes ?? 0);
          if (config.quotaStorageBytes > 0 && used + bytes.length > config.quotaStorageBytes) {
            return { ok: false, error: failure('PAYLOAD_TOO_LARGE', `the compound's storage quota of ${config.quotaStorageBytes} bytes is used up (${used} bytes kept)`) };
          }
          const inserted = await tx.query(
            `INSERT INTO blobs (tenant_id, hash, mime, size, bytes, created_by, device_id) VALUES ($1, $2, $3, $4, decode($5, 'hex'), $6, $7)
             ON CONFLICT (tenant_id, hash) DO NOTHING RETURNING hash`,
            [tenantId, hash, mime, bytes.length, bytes.toString('hex'), userId, deviceId(req)],
          );
          if (inserted.rows.length === 0) return { ok: true, value: false };
          await tx.query('UPDATE tenant_seq SET stored_bytes = stored_bytes + $2 WHERE tenant_id = $1', [tenantId, bytes.length]);
          return { ok: true, value: true };
        });
        if (!stored.ok) return fail(stored.error);
        return ok({ hash, mime, size: bytes.length, created: stored.value } satisfies BlobPutResponse, stored.value ? 201 : 200);
      });
    },

    async get(r) {
      const { res } = r;
      const hash = r.params.hash ?? '';
      if (!isBlobHash(hash)) return fail(failure('BAD_REQUEST', 'a blob is named by its SHA-256 in lower-case hex'));
      const a = await c.authorize(r);
      if (!a.ok) return fail(a.error);
      const tenantId = a.value.claims.tid;
      let found: { mime: string; bytes: Uint8Array } | undefined;
      const handled = await c.scheduled(tenantId, res, async () => {
        // Tenant-scoped: another compound's file of the same content is not this compound's.
        const q = await db.query<{ mime: string; bytes: Uint8Array }>('SELECT mime, bytes FROM blobs WHERE tenant_id = $1 AND hash = $2', [tenantId, hash]);
        found = q.rows[0];
        return found ? ok(null) : fail(failure('NOT_FOUND', 'this compound has no such file'));
      });
      if (!handled.ok || !found) return handled;
      if (res.headersSent || res.destroyed) return 'streaming';
      const body = Buffer.from(found.bytes.buffer, found.bytes.byteOffset, found.bytes.byteLength);
      res.writeHead(200, {
        'Content-Type': found.mime,
        'Content-Length': String(body.length),
        'Cache-Control': 'no-store',
        ETag: `"${hash}"`,
      });
      res.end(body);
      return 'streaming';
    },
  };
}
