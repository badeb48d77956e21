"use client";

import { signOut } from "next-auth/react";

/**
 * Sign out through next-auth (its signOut event revokes every session of the user and closes
 * their sockets), then reload on `/` so no signed-in state survives in memory.
 */
export async function signOutAndLeave(): Promise<boolean> {
  try {
    await signOut({ redirect: false });
  } catch {
    return false;
  }
  // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full load on purpose: no signed-in state may survive in memory
  window.location.assign("/");
  return true;
}
