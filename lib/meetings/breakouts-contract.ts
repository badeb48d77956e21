import { z } from "zod";
import { defineOperation } from "@/lib/openapi/operation";
import { Breakout, BreakoutParams, StartBreakoutsBody } from "./breakout-schemas";
import { Meeting, MeetingIdParams } from "./schemas";

const tags = ["meetings"];
const list = z.object({ breakouts: z.array(Breakout) });

export const startBreakoutsOp = defineOperation({
  method: "POST",
  path: "/api/meetings/{id}/breakouts",
  summary: "Start breakout groups (owner, ongoing meeting)",
  description:
    'Either `{groups: [{name, student_ids}]}` (current invitees, each in one group at most; students left out stay in the main meeting) or `{count, assign: "random", name?}`: the invitees who have not declined, shuffled into `count` groups whose sizes differ by at most one, named "<name> 1", "<name> 2"... (`name` defaults to "Group"). Each group gets its own companion room and call; each student hears `meeting_breakout` on /chat. 409 unless the meeting is ongoing, and while groups are running (end them first). 400 for a student not invited, a student in two groups, or `count` above the number of eligible students.',
  tags,
  auth: "required",
  params: MeetingIdParams,
  body: StartBreakoutsBody,
  response: list,
  errors: [403, 404, 409],
});

export const listBreakoutsOp = defineOperation({
  method: "GET",
  path: "/api/meetings/{id}/breakouts",
  summary: "Running breakout groups (owner: all; a student: their own)",
  tags,
  auth: "required",
  params: MeetingIdParams,
  response: list,
  errors: [403, 404],
});

export const endBreakoutsOp = defineOperation({
  method: "DELETE",
  path: "/api/meetings/{id}/breakouts",
  summary: "End every breakout group (owner)",
  description:
    "The groups end, their rooms close, and their students hear `meeting_breakout {breakout: null}` (back to the main meeting). `ended`: how many were running (0 is fine). 409 unless the meeting is ongoing (ending the meeting ends its groups).",
  tags,
  auth: "required",
  params: MeetingIdParams,
  response: z.object({ ended: z.number().int() }),
  errors: [403, 404, 409],
});

export const joinBreakoutOp = defineOperation({
  method: "POST",
  path: "/api/meetings/{id}/breakouts/{breakout_id}/join",
  summary: "Join a breakout group's call (owner, or the group's students)",
  description:
    "Answers the group's call link (with a Jitsi token when configured, the owner as moderator) and enters the group's room. For a student it is also joining the meeting: their attendance counts from their group's call as from the main one. 403 for a student of another group, 404 for a group that is not running, 409 unless ongoing.",
  tags,
  auth: "required",
  params: BreakoutParams,
  response: z.object({ meeting_link: z.string(), breakout: Breakout, meeting: Meeting }),
  errors: [403, 404, 409],
});

export const breakoutsOperations = [startBreakoutsOp, listBreakoutsOp, endBreakoutsOp, joinBreakoutOp];
