import { createHash } from "node:crypto";
import { now } from "../core/clock";
import type { ReportStore } from "../store/port";
import { builtElsewhere } from "./monthBuilder";

/**
 * A month's materialized ledger: the figures pages project from (its usage lines, daily trend, per
 * app figures, …), each a named part stored per month as JSON with the stamp it was built from,
 * the month's usage version (ingest changes it with the rollups) and the digest of everything that
 * prices and attributes usage. A part whose stamp is not the current one is stale: it is built
 * again from the ledger and stored, by the first view that needs it or by `chargeback ledger
 * refresh` (the worker runs it after each round of batches). A part is a pure function of the
 * ledger, so a view reading it shows to the 10^-18 what it would have computed itself.
 */

/** Bumped whenever a part's shape, or the code that computes one, changes: stored parts are then rebuilt. */
const FIGURES_VERSION = "3";

/** The digest of what a materialized part is built from (monthInputs.ts): any change to it makes the part stale. */
export const catalogDigest = (inputs: Record<string, unknown>) =>
  createHash("sha256")
    .update(JSON.stringify({ FIGURES_VERSION, ...inputs }))
    .digest("base64url");

/** How a part's value becomes JSON and back, when it holds more than plain data and bigints (e.g. Maps). */
export type PartCodec<T> = { encode: (value: T) => unknown; decode: (plain: never) => T };
/**
 * A codec that writes a part's JSON itself, for a large part: no plain copy of every row beside the
 * value and its JSON (at 5,000 apps a month's holder days are ~360k rows). Read back as any part.
 */
export type JsonPartCodec<T> = { json: (value: T) => string; decode: (plain: never) => T };
const plain: PartCodec<never> = { encode: (v) => v, decode: (v) => v };

// Money stays exact: a bigint is {"$n": "<digits>"}, a shape no part holds otherwise.
const encode = (value: unknown): string => JSON.stringify(value, (_, v) => (typeof v === "bigint" ? { $n: v.toString() } : v));
const decode = (body: string): unknown =>
  JSON.parse(body, (_, v) => (v !== null && typeof v === "object" && typeof v.$n === "string" && Object.keys(v).length === 1 ? BigInt(v.$n) : v));

// Parts read often and large (a 5,000-app table is ~3 MB of JSON, most of a page to parse), kept
// decoded per store object under the stamp they are current for: a later reader whose stamp (read
// from the store: usage version, catalog digest) is the same gets the value without the read. Few
// entries, the newest kept: a page reads a handful.
const SHARED_ENTRIES = 12;
/** Keyed parts saved per write (keyedPart). */
const SAVED_KEYS = 250;
const sharedParts = new WeakMap<object, Map<string, { stamp: string; builtAt: number; value: unknown }>>();

// The parts being built in this process, per store object, by month, name and stamp: a view that
// finds a part stale while another reader (the refresh a close schedules after its response, a
// concurrent view) is building it under the same stamp waits for that build and reads what it
// stored, instead of building the month a second time beside it. Never an older value: the stamp matches.
const building = new WeakMap<object, Map<string, Promise<unknown>>>();

/**
 * `build` run once per store, key and stamp at a time in this process: a second caller waits for
 * the first's (whatever its outcome: it then reads the stored part, or builds it itself).
 */
function joinBuild(store: object, key: string, build: () => Promise<void>): Promise<void> {
  let running = building.get(store);
  if (!running) building.set(store, (running = new Map()));
  const known = running.get(key);
  if (known) return known.catch(() => undefined) as Promise<void>;
  const done = build().finally(() => running.delete(key));
  running.set(key, done);
  return done;
}

/** The parts of one month one reader reads: each from the store at most once. */
export class MaterializedMonth {
  private readonly parts = new Map<string, Promise<unknown>>();
  private stampRead?: Promise<string>;
  /** When the parts this reader read were built (the oldest), epoch ms; undefined until one is read. */
  builtAt?: number;

  constructor(
    private readonly store: ReportStore,
    readonly month: string,
    private readonly digest: () => Promise<string | undefined>,
    private readonly usageVersion: () => Promise<string>,
    /** How many apps the catalog has: a large month is built by another process in the web server (monthBuilder.ts). */
    private readonly apps: () => Promise<number> = async () => 0,
  ) {}

  /** The month's usage version and the catalog's digest, read once, before anything is built from them. */
  private stamp(): Promise<string> {
    this.stampRead ??= Promise.all([this.usageVersion(), this.digest()]).then(([version, digest]) => `${version}|${digest ?? ""}`);
    return this.stampRead;
  }

  /**
   * A part: stored and current, or built with `build` (and stored, when the catalog has a digest).
   * `fits` tells a stored value that answers another question under the same name (a part kept
   * once per month whatever day it was asked for) from one to use. `shared`: kept decoded in this
   * process for later readers while current (its value must then never be changed by a caller).
   */
  part<T>(
    name: string,
    build: () => T | Promise<T>,
    codec: PartCodec<T> | JsonPartCodec<T> = plain as unknown as PartCodec<T>,
    fits: (value: T) => boolean = () => true,
    { shared = false }: { shared?: boolean } = {},
  ): Promise<T> {
    return memo(this.parts, name, async () => {
      const stamp = await this.stamp();
      const key = `${this.month}|${name}`;
      let cache = shared && !stamp.endsWith("|") ? sharedParts.get(this.store) : undefined;
      if (shared && !stamp.endsWith("|") && !cache) sharedParts.set(this.store, (cache = new Map()));
      const known = cache?.get(key);
      if (known?.stamp === stamp) return this.seen(known.builtAt, known.value as T);
      const keep = (builtAt: number, value: T) => {
        if (cache) {
          cache.delete(key);
          cache.set(key, { stamp, builtAt, value });
          for (const oldest of cache.keys()) if (cache.size > SHARED_ENTRIES) cache.delete(oldest);
        }
        return this.seen(builtAt, value);
      };
      // The stored part, when current and fitting: read now, after the delegated build, or after another reader's.
      const readStored = async (): Promise<{ value: T } | undefined> => {
        const stored = await this.store.getLedgerPart(this.month, name);
        if (stored?.stamp !== stamp) return undefined;
        const value = codec.decode(decode(stored.body) as never);
        return fits(value) ? { value: keep(stored.builtAt, value) } : undefined;
      };
      const first = await readStored();
      if (first) return first.value;
      const buildAndSave = async () => {
        const value = await build();
        const builtAt = now();
        if (!stamp.endsWith("|"))
          await this.store.saveLedgerParts(this.month, stamp, builtAt, [
            { part: name, body: "json" in codec ? codec.json(value) : encode(codec.encode(value)) },
          ]);
        return { builtAt, value };
      };
      if (stamp.endsWith("|")) {
        const { builtAt, value } = await buildAndSave();
        return keep(builtAt, value);
      }
      // In the web server the month is built by another process (monthBuilder.ts); read what it stored.
      if (await builtElsewhere(this.store, this.month, stamp, this.apps)) {
        const built = await readStored();
        if (built) return built.value;
      }
      let own: { builtAt: number; value: T } | undefined;
      await joinBuild(this.store, `${key}|${stamp}`, async () => {
        own = await buildAndSave();
      });
      // Another reader built it: read what it stored (our own copy), or build it here if it failed.
      const fresh = own ? undefined : await readStored();
      if (fresh) return fresh.value;
      const { builtAt, value } = own ?? (await buildAndSave());
      return keep(builtAt, value);
    }) as Promise<T>;
  }

  /** Lets go of the values read or built so far (a later read reads them stored), keeping when they were built. */
  forget(): void {
    this.parts.clear();
  }

  /** Whether the part is stored and current: built from the month's usage and inputs as they are now. */
  async isCurrent(name: string): Promise<boolean> {
    const [stamp, stored] = await Promise.all([this.stamp(), this.store.getLedgerPart(this.month, name)]);
    return stored?.stamp === stamp;
  }

  /**
   * One of a family of keyed parts built together (one per app, say): `buildAll` makes every key's
   * value at once; a key it did not make is `empty` while the family's marker is current. The
   * marker is written after the family's parts, so a writer cut off midway leaves it stale.
   */
  keyedPart<T>(family: string, key: string, buildAll: () => Map<string, T> | Promise<Map<string, T>>, empty: T): Promise<T> {
    return memo(this.parts, `${family}:${key}`, async () => {
      const stamp = await this.stamp();
      const [stored, marker] = await Promise.all([this.store.getLedgerPart(this.month, `${family}:${key}`), this.store.getLedgerPart(this.month, family)]);
      if (marker && marker.stamp === stamp) {
        if (!stored) return this.seen(marker.builtAt, empty);
        if (stored.stamp === stamp) return this.seen(stored.builtAt, decode(stored.body) as T);
      }
      const buildAndSave = async () => {
        const all = await buildAll();
        if (!stamp.endsWith("|")) {
          const builtAt = now();
          // A few hundred keys' JSON at a time: a family's whole JSON at once (every app's rows)
          // was tens of MB beside the ledger at 5,000 apps.
          const keys = [...all.keys()];
          for (let i = 0; i < keys.length; i += SAVED_KEYS)
            await this.store.saveLedgerParts(
              this.month,
              stamp,
              builtAt,
              keys.slice(i, i + SAVED_KEYS).map((k) => ({ part: `${family}:${k}`, body: encode(all.get(k)) })),
            );
          await this.store.saveLedgerParts(this.month, stamp, builtAt, [{ part: family, body: "[]" }]);
        }
        return all;
      };
      const storedNow = async (): Promise<T | undefined> => {
        const [again, done] = await Promise.all([this.store.getLedgerPart(this.month, `${family}:${key}`), this.store.getLedgerPart(this.month, family)]);
        if (done?.stamp !== stamp) return undefined;
        if (!again) return this.seen(done.builtAt, empty);
        return again.stamp === stamp ? this.seen(again.builtAt, decode(again.body) as T) : undefined;
      };
      if (!stamp.endsWith("|") && (await builtElsewhere(this.store, this.month, stamp, this.apps))) {
        const built = await storedNow();
        if (built !== undefined) return built;
      }
      let own: Map<string, T> | undefined;
      if (stamp.endsWith("|")) own = await buildAndSave();
      else
        await joinBuild(this.store, `${this.month}|${family}|${stamp}`, async () => {
          own = await buildAndSave();
        });
      if (!own) {
        // Another reader built the family: read this key's part as it stored it.
        const built = await storedNow();
        if (built !== undefined) return built;
        own = await buildAndSave();
      }
      return this.seen(now(), own.get(key) ?? empty);
    }) as Promise<T>;
  }

  private seen<T>(builtAt: number, value: T): T {
    this.builtAt = this.builtAt === undefined ? builtAt : Math.min(this.builtAt, builtAt);
    return value;
  }
}

export function memo<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  const known = map.get(key);
  if (known) return known;
  const loading = load();
  map.set(key, loading);
  return loading;
}
