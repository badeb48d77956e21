// server.ts (run by tsx) and Next's bundle of the route handlers are two module graphs in one
// process: a module-level variable would exist twice. Every process-wide object lives here, in one
// typed registry on globalThis, instead of a cast per module.

/** What the process holds once, by name. Add a line when you add a process-wide object. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging where each singleton is made
export interface ProcessSingletons {}

const KEY = Symbol.for("mem2gether.singletons");
const store = ((globalThis as Record<symbol, unknown>)[KEY] ??= new Map<string, unknown>()) as Map<string, unknown>;

/** The process's one `name`, made by `create` the first time either module graph asks. */
export function singleton<K extends keyof ProcessSingletons & string>(name: K, create: () => ProcessSingletons[K]): ProcessSingletons[K] {
  if (!store.has(name)) store.set(name, create());
  return store.get(name) as ProcessSingletons[K];
}

/** The current value, without creating it (undefined before it was set or made). */
export function peekSingleton<K extends keyof ProcessSingletons & string>(name: K): ProcessSingletons[K] | undefined {
  return store.get(name) as ProcessSingletons[K] | undefined;
}

/** Replace (or, with undefined, forget) the process's one `name`: the composition root sets what it builds. */
export function setSingleton<K extends keyof ProcessSingletons & string>(name: K, value: ProcessSingletons[K] | undefined): void {
  if (value === undefined) store.delete(name);
  else store.set(name, value);
}
