/**
 * Values already read from PostgreSQL, each with the row version it was read at. A read sends the version it
 * holds and the database returns the value only when the row changed since (a write in any process gives it a
 * new version from one sequence), so a large value (a round of 5,000 units is ~1 MB) is not sent and parsed
 * again on every read, and nothing stale is ever returned. Bounded: the oldest entries are forgotten first.
 */
export class VersionedCache {
  private readonly map = new Map<string, { version: string; value: unknown }>();

  constructor(private readonly max = 20_000) {}

  private static id(collection: string, key: string) {
    return `${collection}\u0000${key}`;
  }

  /** the version held for a row, or null */
  version(collection: string, key: string): string | null {
    return this.map.get(VersionedCache.id(collection, key))?.version ?? null;
  }

  /** the value held for a row at exactly this version */
  value(collection: string, key: string, version: string): { value: unknown } | undefined {
    const hit = this.map.get(VersionedCache.id(collection, key));
    return hit && hit.version === version ? { value: hit.value } : undefined;
  }

  set(collection: string, key: string, version: string, value: unknown): void {
    const id = VersionedCache.id(collection, key);
    this.map.delete(id);
    this.map.set(id, { version, value });
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }

  forget(collection: string, key: string): void {
    this.map.delete(VersionedCache.id(collection, key));
  }
}
