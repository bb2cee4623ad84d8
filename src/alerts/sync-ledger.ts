import type { SyncService } from './alert-services';

/** The Sync Map flood control keeps its items in; created on first use. */
export const ALERT_MAP_NAME = 'fallback-guard-alerts';

/** How long a suppression tally waits for the next alert before Sync deletes it. */
export const TALLY_TTL_SECONDS = 86400;

interface TwilioRestError {
  readonly status?: unknown;
  readonly code?: unknown;
}

function restError(error: unknown): TwilioRestError {
  return typeof error === 'object' && error !== null ? (error as TwilioRestError) : {};
}

/** HTTP 409, Twilio error 54208: an item with this key exists (create is not an upsert). */
export function isAlreadyExists(error: unknown): boolean {
  const { status, code } = restError(error);
  return status === 409 || code === 54208;
}

/**
 * HTTP 404: no such map (Sync error 54200, on an item create in a missing map) or
 * no such item (54201). Sync reports its own codes, not the generic 20404.
 */
export function isNotFound(error: unknown): boolean {
  const { status, code } = restError(error);
  return status === 404 || code === 54200 || code === 54201;
}

/** HTTP 412: `If-Match` named a revision someone else has since replaced. */
function isConflict(error: unknown): boolean {
  return restError(error).status === 412;
}

/**
 * Flood-control state shared by every Function instance, in one Sync Map:
 *
 * - `window:<code>@<host>`: exists while an alert's window is open. Created with an
 *   item TTL of the window; Sync refuses to create it again (409) until it expires,
 *   which makes "create" an atomic test-and-set across instances.
 * - `tally:<code>@<host>`: how many alerts instances have suppressed and not yet
 *   reported. Outlives windows (TTL one day) so the next alert can say the number.
 */
export class SyncLedger {
  constructor(
    private readonly service: SyncService,
    private readonly mapName: string = ALERT_MAP_NAME,
  ) {}

  private items() {
    return this.service.syncMaps(this.mapName).syncMapItems;
  }

  /** Creates the map when it is missing; "already exists" (another instance won) is fine. */
  private async createMap(): Promise<void> {
    try {
      await this.service.syncMaps.create({ uniqueName: this.mapName });
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
    }
  }

  /** An item create that, on a missing map, creates the map and retries once. */
  private async createItem(key: string, data: object, itemTtl: number): Promise<void> {
    try {
      await this.items().create({ key, data, itemTtl });
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await this.createMap();
      await this.items().create({ key, data, itemTtl });
    }
  }

  /**
   * Opens the window for `floodKey`. `true`: this instance opened it and should
   * alert. `false`: it was open already. Any other failure rejects.
   */
  async openWindow(floodKey: string, windowSeconds: number, openedAtMs: number): Promise<boolean> {
    try {
      await this.createItem(`window:${floodKey}`, { openedAt: openedAtMs }, windowSeconds);
      return true;
    } catch (error) {
      if (isAlreadyExists(error)) return false;
      throw error;
    }
  }

  /**
   * Deletes the window for `floodKey`: the alert that opened it was not delivered,
   * so the next failure must alert. Already gone (expired) is fine.
   */
  async closeWindow(floodKey: string): Promise<void> {
    try {
      await this.items()(`window:${floodKey}`).remove();
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  /**
   * Reads the tally and deletes it, for the alert that reports it. Suppressions
   * added between the read and the delete (one round trip) are lost: the count is
   * a lower bound.
   */
  async takeTally(floodKey: string): Promise<number> {
    const item = this.items()(`tally:${floodKey}`);
    let count: number;
    try {
      count = tallyCount((await item.fetch()).data);
    } catch (error) {
      if (isNotFound(error)) return 0;
      throw error;
    }
    await item.remove().catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
    return count;
  }

  /**
   * Adds `count` suppressions to the tally. `false` when another instance updated
   * it between this read and write (the caller keeps the count and retries later).
   */
  async addToTally(floodKey: string, count: number): Promise<boolean> {
    const key = `tally:${floodKey}`;
    try {
      await this.createItem(key, { suppressed: count }, TALLY_TTL_SECONDS);
      return true;
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
    }
    const item = this.items()(key);
    const current = await item.fetch();
    try {
      await item.update({
        data: { suppressed: tallyCount(current.data) + count },
        ifMatch: current.revision,
        itemTtl: TALLY_TTL_SECONDS,
      });
      return true;
    } catch (error) {
      if (isConflict(error)) return false;
      throw error;
    }
  }
}

function tallyCount(data: unknown): number {
  const value =
    typeof data === 'object' && data !== null ? (data as { suppressed?: unknown }).suppressed : 0;
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : 0;
}
