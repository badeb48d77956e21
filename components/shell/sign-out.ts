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
  window.location.assign("/");
  return true;
}
