/**
 * Where the secondary account's metadata is kept while a merge is under way,
 * so that nothing is lost when linking has discarded it and the PATCH of the
 * primary has not (yet) succeeded: a crash, a tenant that stops answering.
 * The record is written before the link and removed once the primary holds
 * the metadata (or once the link failed, so nothing was discarded). A record
 * that stays names everything an operator needs to re-apply it (README,
 * "Keeping the secondary account's metadata").
 */
import { randomUUID } from "node:crypto";
import { mkdir, open, rename, rm } from "node:fs/promises";
import { join, resolve, sep } from "node:path";
import type { MetadataPatch } from "../management/types";
import type { UserMetadata } from "./metadata-patch";

/** One merge's metadata, as an operator reads it (JSON, snake_case like the Management API). */
export interface MetadataRecoveryRecord {
  readonly kind: "account-linking.metadata-recovery";
  readonly version: 1;
  /** ISO time the record was written (before the link). */
  readonly created_at: string;
  /** The user that keeps its id and receives the metadata. */
  readonly primary_id: string;
  /** The user linked into it; after the link it exists only as an identity of the primary. */
  readonly secondary_id: string;
  /** The secondary's metadata in full, as read before the link: after the link, nowhere else holds it. */
  readonly secondary: UserMetadata;
  /** The primary's metadata as read before the link. */
  readonly primary: UserMetadata;
  /** The `PATCH /api/v2/users/{primary_id}` body the merge sends: the secondary's top-level keys the primary lacked. */
  readonly patch: MetadataPatch;
}

/**
 * Keeps {@link MetadataRecoveryRecord}s. Implement it to keep them elsewhere
 * (a database table, an object store); the default is {@link createFileRecoveryStore}.
 */
export interface MetadataRecoveryStore {
  /**
   * Stores a record durably and says where, e.g. `file:/srv/app/.data/metadata-recovery/x.json`
   * (the location goes into log lines: it must not contain the metadata).
   * @throws when it cannot be stored; the merge then links nothing.
   */
  save(record: MetadataRecoveryRecord): Promise<string>;
  /**
   * Removes (or marks done) the record at `location`: the primary holds its
   * metadata, or the link failed and nothing was discarded.
   * @throws when it cannot; the merge logs it and carries on.
   */
  resolve(location: string): Promise<void>;
}

/** Options for {@link createFileRecoveryStore}. */
export interface FileRecoveryStoreOptions {
  /** The directory records go to; relative paths are taken from the working directory. Created (mode 0700) on first use. */
  readonly directory: string;
}

/**
 * A {@link MetadataRecoveryStore} that writes one JSON file per record (mode
 * 0600, in a directory of mode 0700), flushed to disk and renamed into place
 * so a crash leaves either the whole record or none. Locations are
 * `file:{absolute path}`; `resolve` deletes the file, and refuses a location
 * outside the directory.
 */
export function createFileRecoveryStore(options: FileRecoveryStoreOptions): MetadataRecoveryStore {
  const directory = resolve(options.directory);
  return {
    async save(record) {
      await mkdir(directory, { recursive: true, mode: 0o700 });
      // The name carries the time and a random part, never a user id (ids hold `|`, and names are listed in logs).
      const name = `${record.created_at.replace(/[^0-9A-Za-z]/g, "")}-${randomUUID()}.json`;
      const path = join(directory, name);
      const temporary = join(directory, `.${name}.partial`);
      const file = await open(temporary, "wx", 0o600);
      try {
        try {
          await file.writeFile(`${JSON.stringify(record, null, 2)}\n`, "utf8");
          await file.sync();
        } finally {
          await file.close();
        }
        await rename(temporary, path);
      } catch (error) {
        // A half-written record would claim what it cannot hold.
        await rm(temporary, { force: true });
        throw error;
      }
      return `file:${path}`;
    },
    async resolve(location) {
      const path = location.startsWith("file:") ? resolve(location.slice("file:".length)) : "";
      if (!path.startsWith(`${directory}${sep}`)) throw new Error("not a location of this store");
      await rm(path);
    },
  };
}
