"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch, type ApiResult } from "@/lib/client/api";

export type ApiFailure = Extract<ApiResult<unknown>, { ok: false }>;

/** A cursor-paged admin list: loads the first page for `url`, appends with `more()`, `reload()` after changes. */
export function useAdminList<T>(url: string, key: "users" | "entries" | "reports") {
  const [items, setItems] = useState<T[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiFailure | null>(null);
  const seq = useRef(0);

  const load = useCallback(
    async (before: string | null) => {
      const mine = ++seq.current;
      setLoading(true);
      const sep = url.includes("?") ? "&" : "?";
      const res = await apiFetch<Record<string, unknown>>(before ? `${url}${sep}before=${encodeURIComponent(before)}` : url);
      if (mine !== seq.current) return;
      setLoading(false);
      if (!res.ok) return setError(res);
      setError(null);
      const page = (res.data[key] ?? []) as T[];
      setItems((prev) => (before ? [...prev, ...page] : page));
      setNext((res.data.next_cursor as string | null | undefined) ?? null);
    },
    [url, key],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  return { items, setItems, loading, error, hasMore: !!next, more: () => next && load(next), reload: () => load(null) };
}
