import type { UsageStore } from "../../lib/store/port";

/** The store, counting each read by method and arguments: what a view costs the store. */
export function counted(store: UsageStore) {
  const calls = new Map<string, number>();
  const proxy = new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const key = `${String(name)}(${JSON.stringify(args)})`;
        calls.set(key, (calls.get(key) ?? 0) + 1);
        return value.apply(target, args);
      };
    },
  });
  const repeated = () => [...calls].filter(([, n]) => n > 1).map(([key, n]) => `${key} ×${n}`);
  const named = (method: string) => [...calls.keys()].filter((k) => k.startsWith(`${method}(`));
  return { store: proxy, calls, repeated, named };
}
