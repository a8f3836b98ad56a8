import { createHash } from 'node:crypto';
import type { BlobStore } from '../../../db/store/blobs';
import type { LocalStore } from '../../../db/store/store';
import type { SyncHttpClient } from './http';

/**
 * Moves the files of documents (content-addressed blobs) between a profile and the server after
 * a round of change sync: files this laptop has and the server lacks go up (resumably), files a
 * document names that this laptop lacks come down and are verified by their hash. A file nobody
 * has uploaded yet is reported as missing and tried again next round.
 */
export interface BlobRound {
  readonly uploaded: number;
  readonly downloaded: number;
  /** Hashes named by documents that neither this laptop nor the server has yet. */
  readonly missing: readonly string[];
}

const uploadedKey = (serverId: string, hash: string) => `blob:${serverId}:${hash}:uploaded`;

function documentHashes(store: LocalStore, campaign: string): string[] {
  const hashes = new Set<string>();
  for (const document of store.list('documents', { campaign_id: campaign }, { includeDeleted: true }))
    if (document.blob_hash) hashes.add(document.blob_hash);
  return [...hashes].sort();
}

export async function syncBlobs(
  store: LocalStore,
  blobs: BlobStore,
  client: SyncHttpClient,
  serverId: string,
  campaigns: readonly string[],
): Promise<BlobRound> {
  let uploaded = 0;
  let downloaded = 0;
  const missing: string[] = [];
  for (const campaign of campaigns) {
    for (const hash of documentHashes(store, campaign)) {
      if (blobs.has(hash)) {
        if (store.getSyncState(uploadedKey(serverId, hash)) === 'yes') continue;
        const status = await client.blobStatus(campaign, hash);
        if (!status?.complete) {
          await client.uploadBlob(campaign, hash, blobs.get(hash));
          uploaded += 1;
        }
        store.setSyncState(uploadedKey(serverId, hash), 'yes');
        continue;
      }
      const status = await client.blobStatus(campaign, hash);
      if (!status?.complete) {
        missing.push(hash);
        continue;
      }
      const bytes = await client.downloadBlob(campaign, hash);
      const actual = createHash('sha256').update(bytes).digest('hex');
      if (actual !== hash)
        throw new Error(`The server sent a file whose content does not match its hash ${hash}; it was not kept.`);
      blobs.put(bytes);
      store.setSyncState(uploadedKey(serverId, hash), 'yes');
      downloaded += 1;
    }
  }
  return { uploaded, downloaded, missing };
}
