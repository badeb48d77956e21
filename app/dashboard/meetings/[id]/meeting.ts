import "server-only";
import { notFound } from "next/navigation";
import type { Me } from "@/lib/accounts/schemas";
import { ApiError } from "@/lib/http/errors";
import { getMeeting } from "@/lib/meetings/service";

/** The owner's view of a meeting for its pages; null when it is someone else's; 404 when unknown. */
export async function ownMeeting(id: string, user: Me, now: Date) {
  try {
    const meeting = await getMeeting(id, user, now);
    return meeting.instructor_id === user.id ? meeting : null;
  } catch (err) {
    if (err instanceof ApiError && err.code === "NOT_FOUND") notFound();
    if (err instanceof ApiError && err.code === "FORBIDDEN") return null;
    throw err;
  }
}
