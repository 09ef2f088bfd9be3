/**
 * One-time grants (authorisation codes, refresh tokens, launch contexts) in the database table
 * auth_grant, so that they survive a restart and serve every node. Only a SHA-256 of each value is
 * stored. Redeeming is single use and atomic; a second redemption is a replay, which revokes the
 * grant's whole family (OAuth 2.0 Security BCP, RFC 9700 §4.14: refresh token reuse detection).
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../store/database.ts';

type GrantKind = 'code' | 'refresh' | 'launch';

interface GrantToIssue<T> {
  kind: GrantKind;
  value: string;
  family: string;
  clientId?: string;
  body: T;
  ttlMs: number;
}

interface RedeemedGrant<T> {
  body: T;
  family: string;
  clientId: string | null;
}

const hashOf = (value: string) => createHash('sha256').update(value).digest('hex');

export class GrantStore {
  constructor(private readonly db: Queryable, private readonly now: () => Date = () => new Date()) {}

  async issue<T>(grant: GrantToIssue<T>): Promise<void> {
    const now = this.now();
    await this.db.query('DELETE FROM auth_grant WHERE expires < $1', [now.toISOString()]);
    await this.db.query(
      'INSERT INTO auth_grant (hash, kind, family, client_id, body, expires) VALUES ($1, $2, $3, $4, $5, $6)',
      [hashOf(grant.value), grant.kind, grant.family, grant.clientId ?? null, JSON.stringify(grant.body), new Date(now.getTime() + grant.ttlMs).toISOString()],
    );
  }

  /**
   * Uses up the grant and returns it; undefined when it is unknown, expired, revoked or already
   * used. With `clientId`, a grant issued to another client is neither returned nor used up.
   */
  async redeem<T>(kind: GrantKind, value: string, clientId?: string): Promise<RedeemedGrant<T> | undefined> {
    const hash = hashOf(value);
    const now = this.now().toISOString();
    const used = await this.db.query<{ body: string; family: string; client_id: string | null }>(
      `UPDATE auth_grant SET used_at = $3 WHERE hash = $1 AND kind = $2 AND used_at IS NULL AND revoked_at IS NULL AND expires > $3
         AND ($4::text IS NULL OR client_id = $4) RETURNING body, family, client_id`,
      [hash, kind, now, clientId ?? null],
    );
    const row = used.rows[0];
    if (row) return { body: JSON.parse(row.body) as T, family: row.family, clientId: row.client_id };
    await this.revokeIfReplayed(hash, kind, clientId);
    return undefined;
  }

  /**
   * Revokes the family of the grant with this value, if it is `clientId`'s (used or not); a grant
   * of another client, or none, is left alone, and the caller is not told which.
   */
  async revokeFamilyOf(kind: GrantKind, value: string, clientId: string): Promise<void> {
    await this.db.query(
      `UPDATE auth_grant SET revoked_at = $4 WHERE revoked_at IS NULL
         AND family = (SELECT family FROM auth_grant WHERE hash = $1 AND kind = $2 AND client_id = $3)`,
      [hashOf(value), kind, clientId, this.now().toISOString()],
    );
  }

  /** Revokes every grant of the family (the code and all refresh tokens descending from it). */
  async revokeFamily(family: string): Promise<void> {
    await this.db.query('UPDATE auth_grant SET revoked_at = $2 WHERE family = $1 AND revoked_at IS NULL', [family, this.now().toISOString()]);
  }

  private async revokeIfReplayed(hash: string, kind: GrantKind, clientId: string | undefined): Promise<void> {
    const seen = await this.db.query<{ family: string }>(
      'SELECT family FROM auth_grant WHERE hash = $1 AND kind = $2 AND used_at IS NOT NULL AND ($3::text IS NULL OR client_id = $3)',
      [hash, kind, clientId ?? null],
    );
    const replayed = seen.rows[0];
    if (!replayed) return;
    await this.revokeFamily(replayed.family);
  }
}
